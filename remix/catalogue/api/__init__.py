"""The catalogue over HTTP: documents, commons, their revisions, and full-text search.

Reads are public and show visible things only: a hidden document or commons is 404, and absent
from lists and search, whoever asks. Writes need a member's token and go through the catalogue's
services, so each one is a revision. Links travel by slug or code: actors and commons by slug,
themes by code (a merged code answers for its survivor), documents by slug. An actor appears by
its public fields only (id, slug, name, kind, address).

The routes are written here, in the package itself: an operation's id in the OpenAPI document
is its module and function name (``remix_catalogue_api_documents``), and clients may rely on it.
``schemas`` says what the answers show and the writes may give; ``payloads`` turns a write's
slugs and codes into the objects the services take.
"""

from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from remix.api.auth import token_auth_for
from remix.api.common import ERRORS as WRITE_ERRORS
from remix.api.common import ErrorOut, Page, Rows
from remix.catalogue import search as catalogue_search
from remix.catalogue.api.payloads import commons_data, document_data
from remix.catalogue.api.schemas import (
    CommonsChange,
    CommonsIn,
    CommonsOut,
    DocumentChange,
    DocumentIn,
    DocumentOut,
    FamilyOut,
    PageLinks,
    RevisionOut,
    SearchHitOut,
    document_out,
    unmark,
)
from remix.catalogue.models import Commons, Document, DocumentKind, SearchKind
from remix.catalogue.selectors.commons import (
    commons_filtered,
    commons_public,
    commons_with_links,
)
from remix.catalogue.selectors.commons import families as commons_families
from remix.catalogue.selectors.documents import (
    DocumentFilters,
    documents_filtered,
    documents_public,
)
from remix.catalogue.selectors.history import revisions_of
from remix.catalogue.selectors.linked import documents_linked
from remix.catalogue.services import revisions
from remix.core.permissions import can_contribute

__all__ = ["router"]

router = Router(tags=["catalogue"])


# --- documents -----------------------------------------------------------------------------------


@router.get(
    "/documents",
    response=list[DocumentOut],
    summary="Documents, the newest first",
    description=(
        "Visible documents. Filters: `kind`, `language` (ISO 639), `theme` (a code; a merged "
        "code answers for its survivor), `licence` (SPDX), `country` (ISO 3166), `family` (of "
        "the commons documented)."
    ),
)
@paginate(Page)
def documents(
    request,
    kind: DocumentKind | None = None,
    language: str = "",
    theme: str = "",
    licence: str = "",
    country: str = "",
    family: str = "",
):
    filters = DocumentFilters(
        kind=kind or "",
        language=language.strip().lower(),
        theme=theme.strip(),
        licence=licence.strip(),
        country=country.strip().upper(),
        family=family.strip(),
    )
    links = PageLinks.of(request)
    return Rows(
        documents_filtered(filters),
        write_page=lambda page: [document_out(row, links) for row in documents_linked(page)],
        domains=("catalogue", "allies"),
    )


def _document(request, document_id: int) -> dict:
    """One visible document as the API shows it (404 when there is none)."""
    found = documents_linked(documents_public().filter(pk=document_id))
    if not found:
        raise Http404
    return document_out(found[0], PageLinks.of(request))


@router.get(
    "/documents/{document_id}",
    response={200: DocumentOut, 404: ErrorOut},
    summary="One document with its links",
)
def document(request, document_id: int):
    return _document(request, document_id)


@router.post(
    "/documents",
    response={201: DocumentOut, **WRITE_ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Add a document (members)",
    description=(
        "Creates the document and its revision 1. Links by slug or code: `authors`, "
        "`contributors` and `producer` are actors' slugs, `themes` codes, `commons` slugs, "
        "`sources` and `translation_of` documents' slugs. A refused licence, a remix licence "
        "its sources do not allow or an unknown slug is 422 with the reason per field."
    ),
)
def document_create(request, payload: DocumentIn):
    created = revisions.document_create(
        author=request.auth, data=document_data(payload), summary=payload.edit_summary
    )
    return Status(201, _document(request, created.pk))


@router.patch(
    "/documents/{document_id}",
    response={200: DocumentOut, **WRITE_ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Edit a document (members)",
    description=(
        "Only the keys given change; `edit_summary` says why. A new revision is kept when "
        "something changed; an edit that changes nothing keeps none. A list given replaces the "
        "whole list; null empties a field."
    ),
)
def document_update(request, document_id: int, payload: DocumentChange):
    found = get_object_or_404(Document.objects.visible(), pk=document_id)
    revisions.document_update(
        document=found,
        author=request.auth,
        data=document_data(payload),
        summary=payload.edit_summary,
    )
    return _document(request, found.pk)


@router.get(
    "/documents/{document_id}/revisions",
    response={200: list[RevisionOut], 404: ErrorOut},
    summary="A document's revisions, the latest first",
)
@paginate(Page)
def document_revisions(request, document_id: int):
    found = get_object_or_404(Document.objects.visible(), pk=document_id)
    return revisions_of(found)


# --- commons -------------------------------------------------------------------------------------


@router.get(
    "/commons",
    response=list[CommonsOut],
    summary="Documented commons",
    description=(
        "Visible commons, by slug. Filters: `family` (a code), `country` (ISO 3166), `theme` "
        "(a code; a merged code answers for its survivor)."
    ),
)
@paginate(Page)
def commons_list(request, family: str = "", country: str = "", theme: str = ""):
    return commons_with_links(
        commons_filtered(family=family, country=country, theme=theme)
    ).order_by("slug")


@router.get("/commons/families", response=list[FamilyOut], summary="The families of commons")
def families(request):
    return commons_families()


@router.get(
    "/commons/{commons_id}",
    response={200: CommonsOut, 404: ErrorOut},
    summary="One commons",
)
def commons_detail(request, commons_id: int):
    return get_object_or_404(commons_with_links(commons_public()), pk=commons_id)


@router.post(
    "/commons",
    response={201: CommonsOut, **WRITE_ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Add a commons (members)",
    description=(
        "Creates the commons and its revision 1. `family` is a family's code, `themes` codes, "
        "`carriers` actors' slugs; latitude and longitude go together, to six decimals."
    ),
)
def commons_create(request, payload: CommonsIn):
    created = revisions.commons_create(
        author=request.auth, data=commons_data(payload), summary=payload.edit_summary
    )
    return Status(201, commons_with_links(commons_public()).get(pk=created.pk))


@router.patch(
    "/commons/{commons_id}",
    response={200: CommonsOut, **WRITE_ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Edit a commons (members)",
    description="Only the keys given change; an edit that changes nothing keeps no revision.",
)
def commons_update(request, commons_id: int, payload: CommonsChange):
    found = get_object_or_404(Commons.objects.visible(), pk=commons_id)
    revisions.commons_update(
        commons=found,
        author=request.auth,
        data=commons_data(payload),
        summary=payload.edit_summary,
    )
    return commons_with_links(commons_public()).get(pk=found.pk)


@router.get(
    "/commons/{commons_id}/revisions",
    response={200: list[RevisionOut], 404: ErrorOut},
    summary="A commons' revisions, the latest first",
)
@paginate(Page)
def commons_revisions(request, commons_id: int):
    found = get_object_or_404(Commons.objects.visible(), pk=commons_id)
    return revisions_of(found)


# --- search --------------------------------------------------------------------------------------


@router.get(
    "/search",
    response=list[SearchHitOut],
    summary="Full-text search across documents, commons and actors",
    description=(
        "Accent- and case-insensitive; the last word matches as a prefix. `lang` keeps texts "
        "in that language (and those without one, such as actors), `type` one kind of thing, "
        "`kind` one kind of document. Title and snippet come as plain text with the matches "
        "as offset ranges, so that a client marks them its own way and no HTML travels."
    ),
)
def search(
    request,
    q: str = Query(..., max_length=200, description="The words to find."),
    lang: str = Query("", max_length=3, description="ISO 639 code."),
    kind: Annotated[DocumentKind | None, Query(description="A document kind.")] = None,
    type_: Annotated[SearchKind | None, Query(alias="type", description="What to find.")] = None,
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=10_000),
):
    hits = catalogue_search.search(
        q,
        language=lang.strip().lower(),
        kind=type_ or "",
        doc_kind=kind or "",
        limit=limit,
        offset=offset,
    )
    results = []
    for hit in hits:
        title, title_ranges = unmark(str(hit.title_html))
        snippet, snippet_ranges = unmark(str(hit.snippet_html))
        results.append(
            {
                "type": hit.kind,
                "kind": hit.doc_kind or None,
                "id": hit.object_id,
                "slug": hit.slug,
                "language": hit.language or None,
                "title": title,
                "title_highlights": title_ranges,
                "snippet": snippet,
                "snippet_highlights": snippet_ranges,
                "url": request.build_absolute_uri(hit.url),
            }
        )
    return results
