"""A document's remix lineage: every source it derives from and every remix derived from it."""

from dataclasses import dataclass

import networkx as nx

from remix.catalogue.models import Derivation, Document


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
