"""The network written out: actors and relations as CSV, a Kumu blueprint, GEXF and GraphML.

The column names and the list separator are the files' format: the imports read them back.
"""

import csv
import io
import json

import networkx as nx

from remix.allies.models import SYMMETRIC_KINDS, ActorKind
from remix.allies.selectors import actors_exported, network_mark, relations_exported

ACTOR_COLUMNS = [
    "id",
    "name",
    "kind",
    "legal_form",
    "country",
    "languages",
    "website",
    "movements",
    "circle",
    "themes",
    "description_fr",
    "description_en",
    "description_es",
    "source",
]
RELATION_COLUMNS = [
    "id",
    "source_id",
    "source_name",
    "source_kind",
    "target_id",
    "target_name",
    "target_kind",
    "kind",
    "start_date",
    "end_date",
    "strength",
    "note",
]
LIST_SEPARATOR = ";"
# Where a file says which network its Remix ids are of (``selectors.network_mark``).
NETWORK_KEY = "Remix network"
GEXF_MARK = "Remix network "
KUMU_TYPES = {
    ActorKind.PERSON: "Person",
    ActorKind.ORGANISATION: "Organization",
    ActorKind.NETWORK: "Network",
    ActorKind.PUBLIC_AUTHORITY: "Public authority",
    ActorKind.FUNDER: "Funder",
    ActorKind.ENTERPRISE: "Enterprise",
    ActorKind.COLLECTIVE: "Informal collective",
}


def actors_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACTOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for actor in actors_exported():
        writer.writerow(
            {
                "id": actor.pk,
                "name": actor.name,
                "kind": actor.kind,
                "legal_form": actor.legal_form,
                "country": actor.country,
                "languages": LIST_SEPARATOR.join(actor.languages),
                "website": actor.website,
                "movements": LIST_SEPARATOR.join(sorted(m.code for m in actor.movements.all())),
                "circle": actor.circle,
                "themes": LIST_SEPARATOR.join(sorted(t.code for t in actor.themes.all())),
                "description_fr": actor.description.get("fr", ""),
                "description_en": actor.description.get("en", ""),
                "description_es": actor.description.get("es", ""),
                "source": actor.source,
            }
        )
    return out.getvalue()


def relations_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RELATION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for relation in relations_exported():
        writer.writerow(
            {
                "id": relation.pk,
                "source_id": relation.source_id,
                "source_name": relation.source.name,
                "source_kind": relation.source.kind,
                "target_id": relation.target_id,
                "target_name": relation.target.name,
                "target_kind": relation.target.kind,
                "kind": relation.kind,
                "start_date": relation.start_date or "",
                "end_date": relation.end_date or "",
                "strength": relation.strength,
                "note": relation.note,
            }
        )
    return out.getvalue()


def kumu_json() -> str:
    """Kumu's blueprint import format: elements and connections, labels as keys."""
    elements = []
    for actor in actors_exported():
        elements.append(
            {
                "label": actor.name,
                "type": KUMU_TYPES[actor.kind],
                "description": actor.description.get("fr")
                or next(iter(actor.description.values()), ""),
                "tags": sorted(t.code for t in actor.themes.all()),
                # Another Remix, which lacks these themes, makes them with every label.
                "Theme labels": {t.code: t.labels for t in actor.themes.all()},
                "Remix ID": actor.pk,
                "Kind": actor.kind,
                "Legal form": actor.legal_form,
                "Country": actor.country,
                "Languages": list(actor.languages),
                "Website": actor.website,
                "Movements": sorted(m.code for m in actor.movements.all()),
                "Circle": actor.circle,
                "Descriptions": actor.description,
                "Source": actor.source,
            }
        )
    connections = []
    for relation in relations_exported():
        connections.append(
            {
                "from": relation.source.name,
                "to": relation.target.name,
                "type": relation.kind,
                "direction": "mutual" if relation.kind in SYMMETRIC_KINDS else "directed",
                "Remix ID": relation.pk,
                "From ID": relation.source_id,
                "To ID": relation.target_id,
                "Start date": relation.start_date.isoformat() if relation.start_date else "",
                "End date": relation.end_date.isoformat() if relation.end_date else "",
                "Strength": relation.strength,
                "Note": relation.note,
            }
        )
    return json.dumps(
        {NETWORK_KEY: network_mark(), "elements": elements, "connections": connections},
        ensure_ascii=False,
        indent=1,
    )


def network_graph_file(fmt: str) -> bytes:
    """GEXF or GraphML for Gephi and friends: actors and relations with their attributes, and
    their Remix ids (``remix_id``) by which an import of the file back finds them."""
    graph = nx.MultiDiGraph()
    for actor in actors_exported():
        graph.add_node(
            actor.pk,
            label=actor.name,
            remix_id=actor.pk,
            kind=actor.kind,
            legal_form=actor.legal_form,
            country=actor.country,
            languages=LIST_SEPARATOR.join(actor.languages),
            website=actor.website,
            circle=actor.circle,
            movements=LIST_SEPARATOR.join(sorted(m.code for m in actor.movements.all())),
            themes=LIST_SEPARATOR.join(sorted(t.code for t in actor.themes.all())),
            **{
                f"description_{code}": actor.description.get(code, "")
                for code in ("fr", "en", "es")
            },
        )
    for relation in relations_exported():
        graph.add_edge(
            relation.source_id,
            relation.target_id,
            key=relation.pk,
            remix_id=relation.pk,
            kind=relation.kind,
            start=relation.start_date.isoformat() if relation.start_date else "",
            end=relation.end_date.isoformat() if relation.end_date else "",
            weight=relation.strength,
            note=relation.note,
        )
    out = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, out)
        # The network's mark, in the file's description (networkx writes only the creator).
        mark = f"<description>{GEXF_MARK}{network_mark()}</description>"
        return out.getvalue().replace(b"</creator>", b"</creator>\n    " + mark.encode(), 1)
    nx.write_graphml(graph, out)
    return out.getvalue()
