"""The catalogue over HTTP: documents, commons, their revisions, and full-text search.

Reads are public and show visible things only: a hidden document or commons is 404, and absent
from lists and search, whoever asks. Writes need a member's token and go through the catalogue's
services, so each one is a revision. Links travel by slug or code: actors and commons by slug,
themes by code (a merged code answers for its survivor), documents by slug. An actor appears by
its public fields only (id, slug, name, kind, address).
"""

import datetime
import html
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from remix.allies.models import Actor, ActorKind, Theme
from remix.api.auth import token_auth_for
from remix.api.common import ERRORS as WRITE_ERRORS
from remix.api.common import ErrorOut, FiniteNumber, Page
from remix.catalogue import search as catalogue_search
from remix.catalogue import selectors, services
from remix.catalogue.licences import LICENCES
from remix.catalogue.models import (
    Commons,
    Derivation,
    Document,
    DocumentKind,
    Family,
    Revision,
    SearchKind,
)
from remix.core.permissions import can_contribute

router = Router(tags=["catalogue"])


# --- links by slug or code -----------------------------------------------------------------------


def _absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


class ActorRef(Schema):
    id: int
    slug: str
    name: str
    kind: ActorKind
    url: str


def _actor_ref(actor: Actor, context) -> dict:
    return {
        "id": actor.pk,
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "url": _absolute(context, reverse("allies:actor", kwargs={"slug": actor.slug})),
    }


class ThemeRef(Schema):
    code: str
    label: str = Field(description="In the reader's language (Accept-Language).")
    wikidata_id: str | None


def _theme_ref(theme: Theme) -> dict:
    return {"code": theme.code, "label": theme.label, "wikidata_id": theme.wikidata_id or None}


class CommonsRef(Schema):
    id: int
    slug: str
    name: str
    url: str


def _commons_ref(commons: Commons, context) -> dict:
    return {
        "id": commons.pk,
        "slug": commons.slug,
        "name": commons.label,
        "url": _absolute(context, commons.get_absolute_url()),
    }


class DocumentRef(Schema):
    id: int
    slug: str
    title: str
    language: str
    url: str


def _document_ref(document: Document, context) -> dict:
    return {
        "id": document.pk,
        "slug": document.slug,
        "title": document.title,
        "language": document.language,
        "url": _absolute(context, document.get_absolute_url()),
    }


def _by_key(model_queryset, key: str, wanted: list[str], message: str, errors, name) -> list:
    """The objects named by `wanted`, in its order; each unknown one is an error for `name`
    (`message` names it as %(slug)s or %(code)s, after `key`)."""
    found = model_queryset.in_bulk(set(wanted), field_name=key)
    missing = [value for value in dict.fromkeys(wanted) if value not in found]
    for value in missing:
        errors.setdefault(name, []).append(message % {key: value})
    return [found[value] for value in dict.fromkeys(wanted) if value in found]


def _actors(wanted, errors, name) -> list[Actor]:
    return _by_key(Actor.objects, "slug", wanted, _("Unknown actor: %(slug)s."), errors, name)


def _themes(wanted, errors, name="themes") -> list[Theme]:
    themes = _by_key(
        Theme.objects.select_related("merged_into"),
        "code",
        wanted,
        _("Unknown theme: %(code)s."),
        errors,
        name,
    )
    # A merged code answers for its survivor.
    return list({theme.survivor.pk: theme.survivor for theme in themes}.values())


def _documents(wanted, errors, name) -> list[Document]:
    return _by_key(
        Document.objects.visible(), "slug", wanted, _("Unknown document: %(slug)s."), errors, name
    )


def _one(finder, slug: str | None, errors, name):
    if slug is None:
        return None
    found = finder([slug], errors, name)
    return found[0] if found else None


def _text(value: str | None) -> str:
    """A text field sent as null is emptied."""
    return value or ""


# --- documents -----------------------------------------------------------------------------------


class LicenceInfo(Schema):
    name: str
    url: str
    free: bool = Field(description="False for non-commercial or no-derivatives licences.")


class DocumentOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The document's page.")
    jsonld: str = Field(description="Its schema.org JSON-LD twin.")
    kind: DocumentKind
    title: str
    summary: str
    body: str = Field(description="Markdown; pages show it sanitised.")
    language: str
    translation_of: DocumentRef | None = Field(description="The original, for a translation.")
    translations: list[DocumentRef]
    subtitles: list[str]
    duration_seconds: int | None
    pages: int | None
    authors: list[ActorRef]
    contributors: list[ActorRef]
    producer: ActorRef | None
    date: datetime.date | None
    place: str
    country: str
    licence: str = Field(description="SPDX identifier.")
    licence_info: LicenceInfo
    themes: list[ThemeRef]
    commons: list[CommonsRef]
    sources: list[DocumentRef] = Field(description="What this document derives from (a remix).")
    remixes: list[DocumentRef] = Field(description="The documents derived from this one.")
    media_type: str
    media_file_url: str | None = Field(description="The uploaded file, if any.")
    media_url: str = Field(description="External media, if any.")
    thumbnail_url: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_jsonld(obj, context):
        return _absolute(context, reverse("catalogue:document_jsonld", kwargs={"slug": obj.slug}))

    @staticmethod
    def resolve_translation_of(obj, context):
        original = obj.translation_of
        if original is None or original.hidden:
            return None
        return _document_ref(original, context)

    @staticmethod
    def resolve_translations(obj, context):
        return [_document_ref(each, context) for each in obj.translations.all()]

    @staticmethod
    def resolve_authors(obj, context):
        return [_actor_ref(actor, context) for actor in obj.authors.all()]

    @staticmethod
    def resolve_contributors(obj, context):
        return [_actor_ref(actor, context) for actor in obj.contributors.all()]

    @staticmethod
    def resolve_producer(obj, context):
        return _actor_ref(obj.producer, context) if obj.producer_id else None

    @staticmethod
    def resolve_licence_info(obj):
        licence = LICENCES[obj.licence]
        return {"name": licence.name, "url": licence.url, "free": licence.free}

    @staticmethod
    def resolve_themes(obj):
        return [_theme_ref(theme) for theme in obj.themes.all()]

    @staticmethod
    def resolve_commons(obj, context):
        return [_commons_ref(commons, context) for commons in obj.commons.all()]

    @staticmethod
    def resolve_sources(obj, context):
        return [_document_ref(edge.source, context) for edge in obj.derivations.all()]

    @staticmethod
    def resolve_remixes(obj, context):
        return [_document_ref(edge.remix, context) for edge in obj.derived.all()]

    @staticmethod
    def resolve_media_file_url(obj, context):
        return _absolute(context, obj.media_file.url) if obj.media_file else None


def _with_links(documents):
    """Documents with every link the output shows, hidden links left out."""
    actors = Actor.objects.only("pk", "name", "slug", "kind")
    visible_documents = Document.objects.visible().only("pk", "slug", "title", "language")
    return documents.prefetch_related(
        Prefetch("authors", queryset=actors),
        Prefetch("contributors", queryset=actors),
        "themes",
        Prefetch("commons", queryset=Commons.objects.visible()),
        Prefetch("translations", queryset=visible_documents.order_by("language")),
        Prefetch(
            "derivations",
            queryset=Derivation.objects.filter(source__hidden=False).select_related("source"),
        ),
        Prefetch(
            "derived",
            queryset=Derivation.objects.filter(remix__hidden=False)
            .select_related("remix")
            .order_by("remix_id"),
        ),
    )


def _documents_out():
    return _with_links(selectors.documents_public())


class DocumentFields(Schema):
    """Every field a document's write may give; what is left out is not touched."""

    kind: DocumentKind | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    summary: str | None = None
    body: str | None = Field(None, description="Markdown.")
    language: str | None = Field(None, description="ISO 639 code, e.g. fr.", examples=["fr"])
    translation_of: str | None = Field(None, description="The original's slug.")
    subtitles: list[str] | None = Field(None, description="Languages of the subtitles.")
    duration_seconds: int | None = Field(None, ge=0)
    pages: int | None = Field(None, ge=1)
    authors: list[str] | None = Field(None, description="Actors' slugs.")
    contributors: list[str] | None = Field(None, description="Actors' slugs.")
    producer: str | None = Field(None, description="An actor's slug.")
    date: datetime.date | None = None
    place: str | None = None
    country: str | None = Field(None, description="ISO 3166 code, e.g. SN.")
    licence: str | None = Field(
        None,
        description=(
            "SPDX identifier (CC-BY-SA-4.0 when left out on creation). Free licences are the "
            "default; non-free ones (NC, ND) are accepted and labelled; all rights reserved is "
            "refused. A remix takes a licence its sources allow."
        ),
        examples=["CC-BY-SA-4.0"],
    )
    themes: list[str] | None = Field(None, description="Theme codes.")
    commons: list[str] | None = Field(None, description="Commons' slugs.")
    sources: list[str] | None = Field(None, description="What it derives from: documents' slugs.")
    media_url: str | None = Field(None, description="External media's address.")
    thumbnail_url: str | None = None


class DocumentIn(DocumentFields):
    kind: DocumentKind
    title: str = Field(min_length=1, max_length=300)
    language: str = Field(description="ISO 639 code, e.g. fr.", examples=["fr"])
    edit_summary: str = Field("", max_length=300, description="Why: kept with revision 1.")


class DocumentChange(DocumentFields):
    edit_summary: str = Field(
        min_length=1, max_length=300, description="Why this edit: kept with the revision."
    )


DOCUMENT_TEXT = ("summary", "body", "place", "country", "media_url", "thumbnail_url")


def _document_data(payload: DocumentFields) -> dict:
    """The payload as the services take it: only the keys given, links as objects."""
    given = payload.model_dump(exclude_unset=True, exclude={"edit_summary"})
    errors: dict[str, list[str]] = {}
    for name in DOCUMENT_TEXT:
        if name in given:
            given[name] = _text(given[name])
    if "country" in given:
        given["country"] = given["country"].strip().upper()
    if "subtitles" in given:
        given["subtitles"] = given["subtitles"] or []
    for name in ("authors", "contributors"):
        if name in given:
            given[name] = _actors(given[name] or [], errors, name)
    if "producer" in given:
        given["producer"] = _one(_actors, given["producer"], errors, "producer")
    if "themes" in given:
        given["themes"] = _themes(given["themes"] or [], errors)
    if "commons" in given:
        given["commons"] = _commons(given["commons"] or [], errors, "commons")
    if "sources" in given:
        given["sources"] = _documents(given["sources"] or [], errors, "sources")
    if "translation_of" in given:
        given["translation_of"] = _one(
            _documents, given["translation_of"], errors, "translation_of"
        )
    if errors:
        raise DjangoValidationError(errors)
    return given


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
    filters = selectors.DocumentFilters(
        kind=kind or "",
        language=language.strip().lower(),
        theme=theme.strip(),
        licence=licence.strip(),
        country=country.strip().upper(),
        family=family.strip(),
    )
    return _with_links(selectors.documents_filtered(filters))


@router.get(
    "/documents/{document_id}",
    response={200: DocumentOut, 404: ErrorOut},
    summary="One document with its links",
)
def document(request, document_id: int):
    return get_object_or_404(_documents_out(), pk=document_id)


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
    created = services.document_create(
        author=request.auth, data=_document_data(payload), summary=payload.edit_summary
    )
    return Status(201, _documents_out().get(pk=created.pk))


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
    services.document_update(
        document=found,
        author=request.auth,
        data=_document_data(payload),
        summary=payload.edit_summary,
    )
    return _documents_out().get(pk=found.pk)


# --- revisions -----------------------------------------------------------------------------------


class RevisionOut(Schema):
    number: int
    time: datetime.datetime = Field(description="ISO 8601.")
    author: str | None = Field(description="The author's public name.")
    summary: str = Field(description="The edit summary.")
    reverted_to: int | None = Field(description="The revision this one restored, if any.")
    data: dict = Field(description="The fields as they became; links by slug or code.")

    @staticmethod
    def resolve_time(obj):
        return obj.created_at

    @staticmethod
    def resolve_author(obj):
        return obj.author.public_name if obj.author_id else None


def _revisions(**subject):
    return Revision.objects.filter(**subject).select_related("author").order_by("-number")


@router.get(
    "/documents/{document_id}/revisions",
    response={200: list[RevisionOut], 404: ErrorOut},
    summary="A document's revisions, the latest first",
)
@paginate(Page)
def document_revisions(request, document_id: int):
    found = get_object_or_404(Document.objects.visible(), pk=document_id)
    return _revisions(document=found)


# --- commons -------------------------------------------------------------------------------------


class CommonsOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The commons' page.")
    jsonld: str = Field(description="Its schema.org JSON-LD twin.")
    name: dict[str, str] = Field(description="One name per language.")
    label: str = Field(description="The name in the reader's language (Accept-Language).")
    description: dict[str, str]
    family: str = Field(description="The family's code.")
    family_label: str
    community: dict[str, str]
    governance: dict[str, str]
    place: str
    country: str
    latitude: float | None
    longitude: float | None
    themes: list[ThemeRef]
    carriers: list[ActorRef] = Field(description="The actors who carry it.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_jsonld(obj, context):
        return _absolute(context, reverse("catalogue:commons_jsonld", kwargs={"slug": obj.slug}))

    @staticmethod
    def resolve_family(obj):
        return obj.family.code

    @staticmethod
    def resolve_family_label(obj):
        return obj.family.label

    @staticmethod
    def resolve_latitude(obj):
        return None if obj.latitude is None else float(obj.latitude)

    @staticmethod
    def resolve_longitude(obj):
        return None if obj.longitude is None else float(obj.longitude)

    @staticmethod
    def resolve_themes(obj):
        return [_theme_ref(theme) for theme in obj.themes.all()]

    @staticmethod
    def resolve_carriers(obj, context):
        return [_actor_ref(actor, context) for actor in obj.carriers.all()]


def _commons_out():
    actors = Actor.objects.only("pk", "name", "slug", "kind")
    return selectors.commons_public().prefetch_related(
        "themes", Prefetch("carriers", queryset=actors)
    )


def _commons(wanted, errors, name) -> list[Commons]:
    return _by_key(
        Commons.objects.visible(), "slug", wanted, _("Unknown commons: %(slug)s."), errors, name
    )


class CommonsFields(Schema):
    name: dict[str, str] | None = Field(None, description="One name per language (fr, en, es).")
    description: dict[str, str] | None = None
    family: str | None = Field(None, description="A family's code.", examples=["nature"])
    community: dict[str, str] | None = None
    governance: dict[str, str] | None = Field(None, description="Its rules, per language.")
    place: str | None = None
    country: str | None = Field(None, description="ISO 3166 code, e.g. BO.")
    latitude: FiniteNumber | None = Field(None, description="From -90 to 90.")
    longitude: FiniteNumber | None = Field(None, description="From -180 to 180.")
    themes: list[str] | None = Field(None, description="Theme codes.")
    carriers: list[str] | None = Field(None, description="The actors who carry it: slugs.")


class CommonsIn(CommonsFields):
    name: dict[str, str] = Field(description="One name per language (fr, en, es).")
    family: str = Field(description="A family's code.", examples=["nature"])
    edit_summary: str = Field("", max_length=300)


class CommonsChange(CommonsFields):
    edit_summary: str = Field(min_length=1, max_length=300, description="Why this edit.")


class FamilyOut(Schema):
    code: str
    label: str = Field(description="In the reader's language (Accept-Language).")
    labels: dict[str, str]


COORDINATE = Decimal("0.000001")


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(COORDINATE, ROUND_HALF_UP)


def _commons_data(payload: CommonsFields) -> dict:
    given = payload.model_dump(exclude_unset=True, exclude={"edit_summary"})
    errors: dict[str, list[str]] = {}
    for name in ("description", "community", "governance"):
        if name in given:
            given[name] = given[name] or {}
    for name in ("place", "country"):
        if name in given:
            given[name] = _text(given[name]).strip()
    if "country" in given:
        given["country"] = given["country"].upper()
    for name, bound in (("latitude", 90), ("longitude", 180)):
        if name in given:
            if given[name] is not None and not -bound <= given[name] <= bound:
                errors[name] = [_("Between %(low)s and %(high)s.") % {"low": -bound, "high": bound}]
                continue  # 1e308 has no six decimals to round to
            given[name] = _coordinate(given[name])
    if "family" in given:
        family = Family.objects.filter(code=given["family"] or "").first()
        if family is None:
            errors["family"] = [_("Unknown family: %(code)s.") % {"code": given["family"]}]
        given["family"] = family
    if "themes" in given:
        given["themes"] = _themes(given["themes"] or [], errors)
    if "carriers" in given:
        given["carriers"] = _actors(given["carriers"] or [], errors, "carriers")
    if errors:
        raise DjangoValidationError(errors)
    return given


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
    queryset = _commons_out().order_by("slug")
    if family:
        queryset = queryset.filter(family__code=family.strip())
    if country:
        queryset = queryset.filter(country=country.strip().upper())
    if theme:
        found = selectors.theme_resolve(theme.strip())
        queryset = queryset.filter(themes=found) if found else queryset.none()
    return queryset


@router.get("/commons/families", response=list[FamilyOut], summary="The families of commons")
def families(request):
    return Family.objects.all()


@router.get(
    "/commons/{commons_id}",
    response={200: CommonsOut, 404: ErrorOut},
    summary="One commons",
)
def commons_detail(request, commons_id: int):
    return get_object_or_404(_commons_out(), pk=commons_id)


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
    created = services.commons_create(
        author=request.auth, data=_commons_data(payload), summary=payload.edit_summary
    )
    return Status(201, _commons_out().get(pk=created.pk))


@router.patch(
    "/commons/{commons_id}",
    response={200: CommonsOut, **WRITE_ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Edit a commons (members)",
    description="Only the keys given change; an edit that changes nothing keeps no revision.",
)
def commons_update(request, commons_id: int, payload: CommonsChange):
    found = get_object_or_404(Commons.objects.visible(), pk=commons_id)
    services.commons_update(
        commons=found,
        author=request.auth,
        data=_commons_data(payload),
        summary=payload.edit_summary,
    )
    return _commons_out().get(pk=found.pk)


@router.get(
    "/commons/{commons_id}/revisions",
    response={200: list[RevisionOut], 404: ErrorOut},
    summary="A commons' revisions, the latest first",
)
@paginate(Page)
def commons_revisions(request, commons_id: int):
    found = get_object_or_404(Commons.objects.visible(), pk=commons_id)
    return _revisions(commons=found)


# --- search --------------------------------------------------------------------------------------

_MARK = re.compile(r"(</?mark>)")


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Escaped HTML with <mark> around the matches → the plain text and the matches' ranges.

    The text was escaped before the marks were added, so a `<mark>` typed by a user reads
    `&lt;mark&gt;` here and is never taken for one.
    """
    text, ranges, start = "", [], None
    for part in _MARK.split(marked):
        if part == "<mark>":
            start = len(text)
        elif part == "</mark>":
            if start is not None and len(text) > start:
                ranges.append((start, len(text)))
            start = None
        else:
            text += html.unescape(part)
    return text, ranges


class SearchHitOut(Schema):
    type: SearchKind = Field(description="document, commons or actor.")
    kind: DocumentKind | None = Field(description="A document's kind; null for the others.")
    id: int
    slug: str
    language: str | None = Field(description="The language of the text that matched.")
    title: str = Field(description="Plain text.")
    title_highlights: list[tuple[int, int]] = Field(
        description="The matches in `title`: [start, end) offsets in Unicode code points."
    )
    snippet: str = Field(description="Plain text: the passages that matched, joined by “ … ”.")
    snippet_highlights: list[tuple[int, int]] = Field(
        description="The matches in `snippet`: [start, end) offsets in Unicode code points."
    )
    url: str = Field(description="The page.")


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
