"""Reads of documents: visible ones, unless a function says whom it shows more to."""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import pgettext

from remix.catalogue.licences import LICENCES, attribution
from remix.catalogue.models import Commons, Document, SearchKind
from remix.catalogue.search import Hit, search
from remix.catalogue.selectors.actors import actors_shown
from remix.catalogue.selectors.commons import commons_public
from remix.catalogue.selectors.themes import theme_resolve
from remix.core.formats import quoted
from remix.core.permissions import can_edit_network


def documents_public() -> QuerySet[Document]:
    return Document.objects.visible().select_related("producer", "translation_of")


def documents_for(user) -> QuerySet[Document]:
    """What a person may open to edit or read the history of: members what is shown, editors
    hidden documents too, being the ones who may show them again."""
    return Document.objects.all() if can_edit_network(user) else Document.objects.visible()


def document_detail(slug: str) -> Document:
    """One visible document with its links (raises Document.DoesNotExist)."""
    actors = actors_shown()
    return (
        documents_public()
        .prefetch_related(
            Prefetch("authors", queryset=actors),
            Prefetch("contributors", queryset=actors),
            "themes",
            Prefetch("commons", queryset=commons_public()),
        )
        .get(slug=slug)
    )


def document_twin(slug: str) -> Document:
    """One visible document with what its JSON-LD twin shows: its links, the sources it derives
    from and its translations (raises Document.DoesNotExist)."""
    document = document_detail(slug)
    prefetch_related_objects([document], "derivations__source", "translations")
    return document


def documents_newest(*, limit: int) -> list[Document]:
    """The newest visible documents, with what a line of a list shows."""
    return list(
        Document.objects.visible().only("slug", "title", "kind", "language", "date", "created_at")[
            :limit
        ]
    )


def document_hidden(slug: str) -> Document | None:
    """A hidden document by its slug, with what its 410 page names."""
    return Document.objects.filter(slug=slug, hidden=True).only("pk", "slug", "title").first()


def languages_taken(original: Document | None, exclude: Document | None = None) -> set[str]:
    """The languages a family of versions already has (the original and its translations),
    hidden ones too."""
    if original is None:
        return set()
    versions = Document.objects.filter(Q(pk=original.pk) | Q(translation_of=original))
    if exclude is not None:
        versions = versions.exclude(pk=exclude.pk)
    return set(versions.values_list("language", flat=True))


def document_versions(document: Document) -> list[Document]:
    """The original and every translation, the original first (visible ones only).

    Two indexed reads rather than one OR, which a planner without statistics on translations
    may answer by reading the whole table."""
    original = document.original
    translations = Document.objects.visible().filter(translation_of=original).order_by("language")
    head = [original] if not original.hidden else []
    return head + list(translations)


@dataclass
class DocumentFilters:
    """What the catalogue's filters ask; empty values ask nothing."""

    kind: str = ""
    language: str = ""
    family: str = ""
    theme: str = ""
    licence: str = ""
    country: str = ""
    year_from: int | None = None
    year_to: int | None = None
    free_only: bool = False
    themes_resolved: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params) -> "DocumentFilters":
        def year(name):
            value = (params.get(name) or "").strip()
            return int(value) if value.isdigit() and 1 <= int(value) <= 9999 else None

        return cls(
            kind=(params.get("kind") or "").strip(),
            language=(params.get("language") or params.get("lang") or "").strip().lower(),
            family=(params.get("family") or "").strip(),
            theme=(params.get("theme") or "").strip(),
            licence=(params.get("licence") or "").strip(),
            country=(params.get("country") or "").strip().upper(),
            year_from=year("from"),
            year_to=year("to"),
            free_only=params.get("free") in ("1", "on", "true"),
        )

    @property
    def any(self) -> bool:
        return bool(
            self.kind
            or self.language
            or self.family
            or self.theme
            or self.licence
            or self.country
            or self.year_from
            or self.year_to
            or self.free_only
        )


def documents_filtered(filters: DocumentFilters) -> QuerySet[Document]:
    documents = documents_public()
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.language:
        documents = documents.filter(language=filters.language)
    if filters.family:
        documents = documents.filter(
            pk__in=Document.commons.through.objects.filter(
                commons__family__code=filters.family
            ).values("document_id")
        )
    if filters.theme:
        theme = theme_resolve(filters.theme)
        if theme is None:
            return documents.none()
        documents = documents.filter(
            pk__in=Document.themes.through.objects.filter(theme=theme).values("document_id")
        )
    if filters.licence:
        documents = documents.filter(licence=filters.licence)
    if filters.free_only:
        documents = documents.filter(licence__in=[c for c, lic in LICENCES.items() if lic.free])
    if filters.country:
        documents = documents.filter(country=filters.country)
    if filters.year_from:
        documents = documents.filter(date__gte=datetime.date(filters.year_from, 1, 1))
    if filters.year_to:
        documents = documents.filter(date__lte=datetime.date(filters.year_to, 12, 31))
    return documents


def documents_latest(filters: DocumentFilters, *, limit: int) -> QuerySet[Document]:
    """The newest documents after the filters, with their authors and themes (a feed)."""
    return (
        documents_filtered(filters)
        .order_by("-created_at", "-pk")
        .prefetch_related(Prefetch("authors", queryset=actors_shown()), "themes")[:limit]
    )


def documents_of_commons(commons: Commons) -> QuerySet[Document]:
    return documents_public().filter(commons=commons)


_CARD_FIELDS = (
    "pk",
    "slug",
    "kind",
    "title",
    "summary",
    "language",
    "licence",
    "date",
    "country",
    "media_file",
    "media_type",
    "created_at",
)


def document_cards(documents: QuerySet[Document]) -> QuerySet[Document]:
    """What a card shows and no more: no body, the authors in one query for the whole page."""
    return (
        documents.select_related(None)
        .only(*_CARD_FIELDS)
        .prefetch_related(Prefetch("authors", queryset=actors_shown()))
    )


# A loose index scan: each step asks the column's index for the next value above the last one,
# so a catalogue in twenty languages costs twenty index probes where DISTINCT reads every row
# (about 100 ms for 100,000 documents on PostgreSQL). The statement is the same on SQLite and
# PostgreSQL, both of which read WITH RECURSIVE; a backend that needs its own goes here too.
_DOCUMENT_CODES = {
    "language": (
        "WITH RECURSIVE codes(code) AS ("
        " SELECT (SELECT language FROM catalogue_document WHERE NOT hidden"
        " ORDER BY language LIMIT 1)"
        " UNION ALL SELECT (SELECT language FROM catalogue_document WHERE NOT hidden"
        " AND language > codes.code ORDER BY language LIMIT 1)"
        " FROM codes WHERE codes.code IS NOT NULL"
        ") SELECT code FROM codes WHERE code IS NOT NULL"
    ),
    "country": (
        "WITH RECURSIVE codes(code) AS ("
        " SELECT (SELECT country FROM catalogue_document WHERE NOT hidden"
        " ORDER BY country LIMIT 1)"
        " UNION ALL SELECT (SELECT country FROM catalogue_document WHERE NOT hidden"
        " AND country > codes.code ORDER BY country LIMIT 1)"
        " FROM codes WHERE codes.code IS NOT NULL"
        ") SELECT code FROM codes WHERE code IS NOT NULL"
    ),
}


def document_codes(column: str) -> list[str]:
    """The values of an indexed code column ("language" or "country") among visible documents,
    in order."""
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_CODES[column])
        return [code for (code,) in cursor.fetchall()]


# Search reads this many hits when filters it cannot apply narrow them afterwards.
SEARCH_HITS = 200
# Filters the search statement cannot apply: they narrow the document hits afterwards.
FILTERS_AFTER_SEARCH = (
    "family",
    "theme",
    "licence",
    "country",
    "year_from",
    "year_to",
    "free_only",
)


@dataclass(frozen=True)
class DocumentSearch:
    """The hits of one page of a search, whether another page follows (search does not count
    every match), and what the filters search cannot apply left of the best matches."""

    hits: list[Hit]
    has_next: bool
    narrowed_total: int | None = None  # the matches that pass filters search cannot apply
    capped: bool = False  # those were sought among the best SEARCH_HITS matches only


def document_search(
    *, query: str, filters: DocumentFilters, number: int, per_page: int
) -> DocumentSearch:
    """Page `number` of the hits. Filters search cannot apply narrow its best document matches
    afterwards (commons and actors have no licence nor date). Those are read in one statement:
    ranking every match is most of a search's cost, so asking twice would cost twice."""
    options = {"language": filters.language, "doc_kind": filters.kind}
    start = (number - 1) * per_page
    if not any(getattr(filters, name) for name in FILTERS_AFTER_SEARCH):
        hits = search(query, limit=per_page + 1, offset=start, **options)
        return DocumentSearch(hits[:per_page], len(hits) > per_page)
    hits = search(query, kind=SearchKind.DOCUMENT, limit=SEARCH_HITS, **options)
    found = [hit.object_id for hit in hits]
    kept = set(documents_filtered(filters).filter(pk__in=found).values_list("pk", flat=True))
    matching = [hit for hit in hits if hit.object_id in kept]
    return DocumentSearch(
        hits=matching[start : start + per_page],
        has_next=len(matching) > start + per_page,
        narrowed_total=len(matching),
        capped=len(hits) == SEARCH_HITS,
    )


def document_attribution(document: Document, *, url: str = "") -> str:
    """The "cite this" line: title, authors, address, licence, and what it derives from."""
    sources = [
        (
            derivation.source.title,
            [actor.name for actor in derivation.source.authors.all()],
            derivation.source.licence,
        )
        for derivation in document.derivations.select_related("source").prefetch_related(
            "source__authors"
        )
    ]
    return attribution(
        title=document.title,
        authors=[actor.name for actor in document.authors.all()],
        licence=document.licence,
        url=url,
        sources=sources,
        derived_from=pgettext("attribution of a remix: derived from a source", "from"),
        quote=quoted,
    )
