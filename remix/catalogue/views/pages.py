"""The catalogue's reading pages: the home (latest documents, gallery, filters, search), a
document, the commons and a commons, a theme.

A hidden document or commons answers 410 Gone with the moderation's reason: moderation is public
and reasoned, so the page says what happened and links to the log instead of pretending the
address never existed; its content is not shown.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.functional import cached_property

from remix.allies.models import Actor, Theme
from remix.catalogue.licences import LICENCES
from remix.catalogue.media import player_kind
from remix.catalogue.models import (
    Commons,
    Document,
    DocumentKind,
    Family,
    ModerationAction,
    SearchKind,
)
from remix.catalogue.search import search
from remix.catalogue.selectors import (
    DocumentFilters,
    commons_public,
    document_attribution,
    document_detail,
    document_versions,
    documents_filtered,
    documents_public,
    lineage,
    moderation_log,
    theme_resolve,
)
from remix.catalogue.templatetags.catalogue_tags import country_name, language_name

DOCUMENTS_PER_PAGE = 24
COMMONS_PER_PAGE = 48
# Search reads this many hits when filters it cannot apply narrow them afterwards.
SEARCH_HITS = 200
THEME_COMMONS_SHOWN = 100
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

_ACTORS = Actor.objects.only("pk", "name", "slug", "kind")
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


def _cards(documents):
    """What a card shows and no more: no body, the authors in one query for the whole page."""
    return (
        documents.select_related(None)
        .only(*_CARD_FIELDS)
        .prefetch_related(Prefetch("authors", queryset=_ACTORS))
    )


def _named(codes, name) -> list[tuple[str, str]]:
    return sorted(((code, name(code)) for code in codes if code), key=lambda pair: pair[1].lower())


# A loose index scan: each step asks the column's index for the next value above the last one,
# so a catalogue in twenty languages costs twenty index probes where DISTINCT reads every row
# (about 100 ms for 100,000 documents on PostgreSQL). The same SQL runs on SQLite.
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


def _document_codes(column: str) -> list[str]:
    """The values of an indexed code column among visible documents, in order."""
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_CODES[column])
        return [code for (code,) in cursor.fetchall()]


def _filter_choices() -> dict:
    """The filters' options: small tables, and a loose index scan per code column."""
    return {
        "kinds": DocumentKind.choices,
        "languages": _named(_document_codes("language"), language_name),
        "countries": _named(_document_codes("country"), country_name),
        "families": [(family.code, family.label) for family in Family.objects.all()],
        "themes": sorted(
            ((theme.code, theme.label) for theme in Theme.objects.active()),
            key=lambda pair: pair[1].lower(),
        ),
        "licences": [(code, licence.name, licence.free) for code, licence in LICENCES.items()],
    }


class CappedPaginator(Paginator):
    """Counts at most `cap` rows and says "more than" past it: a filter that matches half the
    catalogue then costs a thousand rows read, not every match counted."""

    cap = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


@dataclass(frozen=True)
class HitsPage:
    """One page of search hits. Search answers a page by offset without counting every match,
    so a page knows whether another follows, not how many."""

    hits: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.hits)

    @property
    def object_list(self) -> list:
        return self.hits

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def _page_number(request, last: int = 1000) -> int:
    value = request.GET.get("page", "")
    return min(max(int(value), 1), last) if value.isdigit() else 1


def _search_page(query: str, filters: DocumentFilters, number: int) -> dict:
    """A page of hits. Filters search cannot apply narrow its best document matches afterwards
    (commons and actors have no licence nor date). Those are read in one statement: ranking
    every match is most of a search's cost, so asking twice would cost twice."""
    per_page = DOCUMENTS_PER_PAGE
    options = {"language": filters.language, "doc_kind": filters.kind}
    if not any(getattr(filters, name) for name in FILTERS_AFTER_SEARCH):
        hits = search(query, limit=per_page + 1, offset=(number - 1) * per_page, **options)
        return {"page": HitsPage(hits[:per_page], number, len(hits) > per_page)}
    hits = search(query, kind=SearchKind.DOCUMENT, limit=SEARCH_HITS, **options)
    found = [hit.object_id for hit in hits]
    kept = set(documents_filtered(filters).filter(pk__in=found).values_list("pk", flat=True))
    matching = [hit for hit in hits if hit.object_id in kept]
    start = (number - 1) * per_page
    return {
        "page": HitsPage(
            matching[start : start + per_page], number, len(matching) > start + per_page
        ),
        "narrowed": True,
        "narrowed_total": len(matching),
        "hits_capped": len(hits) == SEARCH_HITS,
    }


def home(request):
    filters = DocumentFilters.from_params(request.GET)
    query = request.GET.get("q", "").strip()
    context = {"filters": filters, "q": query, "choices": _filter_choices()}
    if query:
        context.update(_search_page(query, filters, _page_number(request)))
    else:
        documents = _cards(documents_filtered(filters))
        # Unfiltered, every visible document is counted (an index-only count); filtered, the
        # count stops at the cap.
        paginator = (CappedPaginator if filters.any else Paginator)(documents, DOCUMENTS_PER_PAGE)
        context["page"] = paginator.get_page(request.GET.get("page"))
    return render(request, "catalogue/home.html", context)


def _gone(request, subject, kind: str):
    """A hidden document or commons: why it was hidden, from the public log (410 Gone)."""
    event = (
        moderation_log()
        .filter(**{kind: subject}, action=ModerationAction.HIDE)
        .order_by("-created_at", "-pk")
        .first()
    )
    return render(
        request,
        "catalogue/hidden.html",
        {"subject": subject, "kind": kind, "event": event},
        status=410,
    )


def _lineage_lists(graph_of, focus: int) -> dict:
    """The lineage as text: every source and remix, with its links inside the lineage."""
    graph = graph_of.graph
    ancestors, descendants = graph_of.ancestors, graph_of.descendants
    order = [pk for layer in graph_of.layers() for pk in layer]

    def item(pk, linked):
        data = graph.nodes[pk]
        return {
            "pk": pk,
            "slug": data.get("slug", ""),
            "title": data.get("title", ""),
            "hidden": data.get("hidden", False),
            "licence": LICENCES.get(data.get("licence")),
            "direct": focus in linked,
            "links": [
                graph.nodes[other] for other in linked if other != focus and other in graph.nodes
            ],
        }

    return {
        "sources": [
            item(pk, [s for s in graph.successors(pk) if s in ancestors or s == focus])
            for pk in order
            if pk in ancestors
        ],
        "remixes": [
            item(pk, [p for p in graph.predecessors(pk) if p in descendants or p == focus])
            for pk in order
            if pk in descendants
        ],
    }


def document(request, slug):
    try:
        doc = document_detail(slug)
    except Document.DoesNotExist:
        hidden = Document.objects.filter(slug=slug, hidden=True).only("pk", "slug", "title")
        if hidden:
            return _gone(request, hidden[0], "document")
        raise Http404 from None
    graph = lineage(doc)
    versions = document_versions(doc)
    return render(
        request,
        "catalogue/document.html",
        {
            "document": doc,
            "licence": LICENCES[doc.licence],
            "player": player_kind(doc.media_type) if doc.media_file else "",
            "versions": [version for version in versions if version.pk != doc.pk],
            "original": next((v for v in versions if v.pk == doc.original.pk), None),
            "lineage": graph,
            **_lineage_lists(graph, doc.pk),
            "attribution": document_attribution(
                doc, url=request.build_absolute_uri(doc.get_absolute_url())
            ),
        },
    )


def commons_list(request):
    commons = commons_public().prefetch_related("themes")
    family = request.GET.get("family", "").strip()
    country = request.GET.get("country", "").strip().upper()
    if family:
        commons = commons.filter(family__code=family)
    if country:
        commons = commons.filter(country=country)
    countries = Commons.objects.visible().order_by().values_list("country", flat=True).distinct()
    return render(
        request,
        "catalogue/commons_list.html",
        {
            "page": Paginator(commons, COMMONS_PER_PAGE).get_page(request.GET.get("page")),
            "family": family,
            "country": country,
            "families": [(each.code, each.label) for each in Family.objects.all()],
            "countries": _named(countries, country_name),
        },
    )


def commons(request, slug):
    try:
        subject = (
            commons_public()
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.select_related("merged_into")),
                Prefetch("carriers", queryset=_ACTORS),
            )
            .get(slug=slug)
        )
    except Commons.DoesNotExist:
        hidden = Commons.objects.filter(slug=slug, hidden=True).only("pk", "slug", "name")
        if hidden:
            return _gone(request, hidden[0], "commons")
        raise Http404 from None
    documents = _cards(documents_public().filter(commons=subject))
    return render(
        request,
        "catalogue/commons.html",
        {
            "commons": subject,
            "page": Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page")),
        },
    )


def theme(request, code):
    found = theme_resolve(code)
    if found is None:
        raise Http404
    if found.code != code:
        return redirect("catalogue:theme", code=found.code, permanent=True)
    documents = _cards(documents_filtered(DocumentFilters(theme=found.code)))
    return render(
        request,
        "catalogue/theme.html",
        {
            "theme": found,
            "broader": found.broader.active(),
            "narrower": found.narrower.active(),
            "page": Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page")),
            "commons_of_theme": list(commons_public().filter(themes=found)[:THEME_COMMONS_SHOWN]),
        },
    )


urlpatterns = [
    path("", home, name="home"),
    path("documents/<slug:slug>/", document, name="document"),
    path("commons/", commons_list, name="commons_list"),
    path("commons/<slug:slug>/", commons, name="commons"),
    path("themes/<slug:code>/", theme, name="theme"),
]
