"""The catalogue's reading pages: the home (latest documents, gallery, filters, search), a
document, the commons and a commons, a theme.

A hidden document or commons answers 410 Gone with the moderation's reason: moderation is public
and reasoned, so the page says what happened and links to the log instead of pretending the
address never existed; its content is not shown.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from remix.catalogue.licences import LICENCES
from remix.catalogue.media import player_kind
from remix.catalogue.models import Commons, Document, DocumentKind
from remix.catalogue.selectors.commons import (
    commons_countries,
    commons_detail,
    commons_filtered,
    commons_hidden,
    commons_of_theme,
    families,
)
from remix.catalogue.selectors.documents import (
    DocumentFilters,
    document_attribution,
    document_cards,
    document_codes,
    document_detail,
    document_hidden,
    document_search,
    document_versions,
    documents_filtered,
    documents_of_commons,
)
from remix.catalogue.selectors.history import hiding_event
from remix.catalogue.selectors.lineage import lineage
from remix.catalogue.selectors.themes import theme_resolve, themes_by_label
from remix.catalogue.templatetags.catalogue_tags import country_name, language_name
from remix.core.pagecache import data_cached, page_cached

DOCUMENTS_PER_PAGE = 24
COMMONS_PER_PAGE = 48
THEME_COMMONS_SHOWN = 100


def _named(codes, name) -> list[tuple[str, str]]:
    return sorted(((code, name(code)) for code in codes if code), key=lambda pair: pair[1].lower())


def _filter_choices() -> dict:
    """The filters' options as (value, label) ready to show, in the reader's language: computed
    once for each version of the catalogue and the network."""
    return data_cached(
        ("catalogue", "allies"), f"catalogue:choices:{get_language()}", _filter_choices_read
    )


def _filter_choices_read() -> dict:
    """Small tables, and a loose index scan per code column; labels as plain text (cached)."""
    non_free = _("non-free")
    return {
        "kinds": [(value, str(capfirst(label))) for value, label in DocumentKind.choices],
        "languages": [
            (code, str(capfirst(name)))
            for code, name in _named(document_codes("language"), language_name)
        ],
        "countries": _named(document_codes("country"), country_name),
        "families": [(family.code, str(family.label)) for family in families()],
        "themes": [(code, str(label)) for code, label in themes_by_label()],
        "licences": [
            (code, licence.name if licence.free else f"{licence.name} ({non_free})")
            for code, licence in LICENCES.items()
        ],
    }


class CountedPaginator(Paginator):
    """Every visible document, counted once for each version of the catalogue (an index-only
    count, but of the whole catalogue) instead of on every page of it."""

    @cached_property
    def count(self) -> int:
        return data_cached(("catalogue",), "catalogue:visible", lambda: Paginator.count.func(self))


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


def _search_context(query: str, filters: DocumentFilters, number: int) -> dict:
    found = document_search(
        query=query, filters=filters, number=number, per_page=DOCUMENTS_PER_PAGE
    )
    context = {"page": HitsPage(found.hits, number, found.has_next)}
    if found.narrowed_total is not None:
        context.update(narrowed=True, narrowed_total=found.narrowed_total, hits_capped=found.capped)
    return context


@page_cached("catalogue", "allies")
def home(request):
    filters = DocumentFilters.from_params(request.GET)
    query = request.GET.get("q", "").strip()
    context = {"filters": filters, "q": query, "choices": _filter_choices()}
    if query:
        context.update(_search_context(query, filters, _page_number(request)))
    else:
        documents = document_cards(documents_filtered(filters))
        # Unfiltered, every visible document is counted (an index-only count); filtered, the
        # count stops at the cap.
        paginator = (CappedPaginator if filters.any else CountedPaginator)(
            documents, DOCUMENTS_PER_PAGE
        )
        context["page"] = paginator.get_page(request.GET.get("page"))
    return render(request, "catalogue/home.html", context)


def _gone(request, subject, kind: str):
    """A hidden document or commons: why it was hidden, from the public log (410 Gone)."""
    return render(
        request,
        "catalogue/hidden.html",
        {"subject": subject, "kind": kind, "event": hiding_event(subject)},
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
        hidden = document_hidden(slug)
        if hidden is not None:
            return _gone(request, hidden, "document")
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
    family = request.GET.get("family", "").strip()
    country = request.GET.get("country", "").strip().upper()
    commons = commons_filtered(family=family, country=country).prefetch_related("themes")
    return render(
        request,
        "catalogue/commons_list.html",
        {
            "page": Paginator(commons, COMMONS_PER_PAGE).get_page(request.GET.get("page")),
            "family": family,
            "country": country,
            "families": [(each.code, each.label) for each in families()],
            "countries": _named(commons_countries(), country_name),
        },
    )


def commons(request, slug):
    try:
        subject = commons_detail(slug)
    except Commons.DoesNotExist:
        hidden = commons_hidden(slug)
        if hidden is not None:
            return _gone(request, hidden, "commons")
        raise Http404 from None
    documents = document_cards(documents_of_commons(subject))
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
    documents = document_cards(documents_filtered(DocumentFilters(theme=found.code)))
    return render(
        request,
        "catalogue/theme.html",
        {
            "theme": found,
            "broader": found.broader.active(),
            "narrower": found.narrower.active(),
            "page": Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page")),
            "commons_of_theme": list(commons_of_theme(found)[:THEME_COMMONS_SHOWN]),
        },
    )


urlpatterns = [
    path("", home, name="home"),
    path("documents/<slug:slug>/", document, name="document"),
    path("commons/", commons_list, name="commons_list"),
    path("commons/<slug:slug>/", commons, name="commons"),
    path("themes/<slug:code>/", theme, name="theme"),
]
