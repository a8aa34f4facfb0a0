"""Reads of the catalogue for pages, feeds, exports and the API: visible things only."""

import datetime
from dataclasses import dataclass, field

import networkx as nx
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import pgettext

from remix.allies.models import Actor, Theme
from remix.catalogue.licences import LICENCES, attribution
from remix.catalogue.models import Commons, Derivation, Document, ModerationEvent


def documents_public() -> QuerySet[Document]:
    return Document.objects.visible().select_related("producer", "translation_of")


def document_detail(slug: str) -> Document:
    """One visible document with its links (raises Document.DoesNotExist)."""
    actors = Actor.objects.only("pk", "name", "slug", "kind")
    return (
        documents_public()
        .prefetch_related(
            Prefetch("authors", queryset=actors),
            Prefetch("contributors", queryset=actors),
            "themes",
            Prefetch("commons", queryset=Commons.objects.visible().select_related("family")),
        )
        .get(slug=slug)
    )


def commons_public() -> QuerySet[Commons]:
    return Commons.objects.visible().select_related("family")


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


def theme_resolve(code: str) -> Theme | None:
    """A theme by code; a merged theme answers for its survivor."""
    theme = Theme.objects.filter(code=code).select_related("merged_into").first()
    return theme.survivor if theme is not None else None


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


def document_versions(document: Document) -> list[Document]:
    """The original and every translation, the original first (visible ones only).

    Two indexed reads rather than one OR, which a planner without statistics on translations
    may answer by reading the whole table."""
    original = document.original
    translations = Document.objects.visible().filter(translation_of=original).order_by("language")
    head = [original] if not original.hidden else []
    return head + list(translations)


@dataclass(frozen=True)
class Lineage:
    """The remix lineage around a document: every ancestor and descendant, as a graph."""

    graph: nx.DiGraph  # edges source → remix; node attributes: title, slug, licence, hidden
    focus: int

    @property
    def ancestors(self) -> set[int]:
        return nx.ancestors(self.graph, self.focus)

    @property
    def descendants(self) -> set[int]:
        return nx.descendants(self.graph, self.focus)

    def layers(self) -> list[list[int]]:
        """Nodes by generation, the oldest sources first (for drawing)."""
        return [sorted(layer) for layer in nx.topological_generations(self.graph)]


def lineage(document: Document, *, limit: int = 200) -> Lineage:
    graph = nx.DiGraph()
    graph.add_node(document.pk)
    frontier, seen = {document.pk}, {document.pk}
    # Upwards to the sources, then downwards to the remixes; bounded for giant families.
    for direction in ("up", "down"):
        frontier = {document.pk}
        while frontier and len(seen) < limit:
            if direction == "up":
                edges = Derivation.objects.filter(remix_id__in=frontier)
            else:
                edges = Derivation.objects.filter(source_id__in=frontier)
            pairs = list(edges.values_list("source_id", "remix_id"))
            graph.add_edges_from(pairs)
            nodes = {s for s, _r in pairs} | {r for _s, r in pairs}
            frontier = nodes - seen
            seen |= nodes
    for row in Document.objects.filter(pk__in=graph.nodes).values(
        "pk", "title", "slug", "licence", "hidden"
    ):
        graph.nodes[row["pk"]].update(row)
    return Lineage(graph=graph, focus=document.pk)


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
    )


def moderation_log() -> QuerySet[ModerationEvent]:
    return ModerationEvent.objects.select_related("document", "commons", "moderator")


def theme_counts() -> list[Theme]:
    """Themes in use, each with `document_count` and `commons_count` (visible ones)."""
    themes = list(Theme.objects.active())
    counts = theme_catalogue_counts([theme.pk for theme in themes])
    for theme in themes:
        theme.document_count = counts[theme.pk]["documents"]
        theme.commons_count = counts[theme.pk]["commons"]
    return themes


def theme_catalogue_counts(theme_ids: list[int]) -> dict[int, dict[str, int]]:
    """How many visible documents and commons of the catalogue document each theme.

    All of a theme's links less those of hidden things: two scans of an index, where checking
    each link against its document's row takes several times longer at 100,000 documents. Each
    kind is counted apart: one query joining both would multiply a theme's documents by its
    commons.
    """

    def visible_per_theme(model, key: str) -> dict[int, int]:
        links = model.themes.through.objects.filter(theme_id__in=theme_ids)
        hidden = links.filter(**{f"{key}__in": model.objects.filter(hidden=True)})
        counts = _per_theme(links)
        for pk, n in _per_theme(hidden).items():
            counts[pk] -= n
        return counts

    documents = visible_per_theme(Document, "document")
    commons = visible_per_theme(Commons, "commons")
    return {
        pk: {"documents": documents.get(pk, 0), "commons": commons.get(pk, 0)} for pk in theme_ids
    }


def _per_theme(links) -> dict[int, int]:
    return dict(links.values("theme_id").annotate(n=Count("pk")).values_list("theme_id", "n"))
