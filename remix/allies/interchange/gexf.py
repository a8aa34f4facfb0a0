"""GEXF (Gephi's format, versions 1.1 to 1.3) read back: nodes become actors, edges relations.

The file is read safely (``defusedxml``: no entity, no DTD, no outside reference) and checked
whole before anything is written: a malformed file, an unknown kind or circle, an edge to a node
the file lacks refuse it whole with the line and the reason, and nothing is written. The
attributes the exporter writes (``remix_id``, ``kind``, ``circle``, ``country``, ``movements``,
``themes``, ``legal_form``, ``languages``, ``website``, ``description_fr``/``_en``/``_es``, and
on edges ``kind``, ``note``, the ``start``/``end`` dates and the weight as strength)
come back to their fields; any other attribute is named in the report, not imported.

A file that did not come from Remix has no ``remix_id``: its nodes are actors found or created
by label (and kind, when given), its edges relations found or created by their two ends.
"""

import io
from dataclasses import dataclass, field
from xml.sax import InputSource, SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.allies.interchange import tags
from remix.allies.interchange.exports import GEXF_MARK
from remix.allies.interchange.imports import FOREIGN_IDS_NOTE, KUMU_KINDS, relations_note
from remix.allies.interchange.rows import (
    ActorRow,
    ImportReport,
    actor_row,
    actor_rows_apply,
    duplicates_refuse,
    relation_row,
    relation_rows_apply,
)
from remix.allies.models import Actor, RelationKind
from remix.allies.selectors import network_mark, themes_by_code
from remix.core.imports import ImportRefused

NODE_FIELDS = {
    "kind": "kind",
    "circle": "circle",
    "country": "country",
    "movements": "movements",
    "themes": "themes",
    "legal_form": "legal_form",
    "languages": "languages",
    "website": "website",
    "description_fr": "description",
    "description_en": "description",
    "description_es": "description",
}
EDGE_KNOWN = {"kind", "remix_id", "start", "end", "note", "networkx_key"}
# An edge that does not say its kind: the loosest of the symmetric kinds.
DEFAULT_EDGE_KIND = RelationKind.ALLIED_WITH


@dataclass
class Item:
    """A node or an edge as the file gives it: its line, XML attributes and attribute values."""

    line: int
    xml: dict[str, str]
    values: dict[str, str] = field(default_factory=dict)


class _Reader(ContentHandler):
    """The parts of a GEXF file an import reads, each with the line it starts on."""

    def __init__(self):
        super().__init__()
        self.locator = None
        self.depth = 0
        self.declared = {"node": {}, "edge": {}}  # class → id → [title, default]
        self.nodes: list[Item] = []
        self.edges: list[Item] = []
        self.viz = False
        self.description = None
        self._class = "node"
        self._attribute = None
        self._item = None
        self._default = None

    def setDocumentLocator(self, locator):
        self.locator = locator

    def line(self) -> int:
        return self.locator.getLineNumber() if self.locator else 0

    def startElementNS(self, name, qname, attrs):
        uri, local = name
        xml = {key[1]: value for key, value in attrs.items()}
        self.depth += 1
        if self.depth == 1 and local != "gexf":
            raise ImportRefused(
                self.line(), _("not a GEXF file: it starts with <%(tag)s>") % {"tag": local}
            )
        if "viz" in (uri or ""):
            self.viz = True
        elif local == "attributes":
            self._class = xml.get("class", "node")
        elif local == "attribute" and self._class in self.declared:
            key = xml.get("id") or xml.get("title", "")
            self._attribute = [xml.get("title") or key, None]
            self.declared[self._class][key] = self._attribute
        elif local == "default" and self._attribute is not None:
            self._default = []
        elif local == "description" and self.depth == 3:
            self._default = self.description = []
        elif local in ("node", "edge"):
            self._item = Item(self.line(), xml)
            (self.nodes if local == "node" else self.edges).append(self._item)
        elif local == "attvalue" and self._item is not None:
            self._item.values[xml.get("for") or xml.get("id", "")] = xml.get("value", "")

    def characters(self, content):
        if self._default is not None:
            self._default.append(content)

    def endElementNS(self, name, qname):
        self.depth -= 1
        local = name[1]
        if local == "default" and self._default is not None:
            self._attribute[1] = "".join(self._default).strip()
            self._default = None
        elif local == "description":
            self._default = None
        elif local == "attribute":
            self._attribute = None
        elif local in ("node", "edge"):
            self._item = None


def _read(content: str) -> _Reader:
    reader = _Reader()
    parser = make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(reader)
    # Read as text: the page and the command have decoded it, whatever its declaration says.
    source = InputSource()
    source.setCharacterStream(io.StringIO(content))
    try:
        parser.parse(source)
    except SAXParseException as error:
        raise ImportRefused(
            error.getLineNumber(), _("not valid XML: %(reason)s") % {"reason": error.getMessage()}
        ) from None
    except DefusedXmlException:
        raise ImportRefused(
            reader.line() or None,
            _("the file declares entities or outside references, which are refused for safety"),
        ) from None
    return reader


def _titled(item: Item, declared: dict[str, list]) -> dict[str, str]:
    """An item's attribute values by title, the declared defaults filling the gaps."""
    values = {title: default for title, default in declared.values() if default is not None}
    for key, value in item.values.items():
        title = declared.get(key, [key])[0]
        values[title] = value
    return values


def gexf_import(
    content: str, *, recorder=None, source: str = "GEXF", unknown_themes: str = tags.CREATE
) -> ImportReport:
    """A GEXF file's nodes as actors and edges as relations, in one transaction."""
    reader = _read(content)
    nodes = [(node, _titled(node, reader.declared["node"])) for node in reader.nodes]
    edges = [(edge, _titled(edge, reader.declared["edge"])) for edge in reader.edges]
    mark = "".join(reader.description or []).strip()
    foreign = mark != GEXF_MARK + network_mark() and _ids_drop(nodes + edges)
    plan = tags.tags_plan(
        [tag for _node, values in nodes for tag in _split(values.get("themes", ""))],
        unknown=unknown_themes,
    )
    known = {**themes_by_code(), **plan.new}
    kinds = _kinds_by_name([node.xml.get("label", "") for node, _values in nodes])
    rows = {}
    for node, values in nodes:
        if node.xml.get("id", "") in rows:
            raise ImportRefused(node.line, _("two nodes have the id “%(id)s”") % node.xml)
        rows[node.xml.get("id", "")] = _node_row(node, values, plan, known, kinds)
    duplicates_refuse(list(rows.values()))
    with transaction.atomic():
        created = tags.tags_create(plan, recorder=recorder)
        report = actor_rows_apply(list(rows.values()), recorder=recorder, source=source)
        report.themes_created = created
        relation_rows = [
            relation_row(edge.line, _edge_fields(edge, values, rows)) for edge, values in edges
        ]
        relations = relation_rows_apply(relation_rows, recorder=recorder)
    report.notes.append(relations_note(relations))
    report.notes.extend(_notes(reader, nodes, edges))
    if foreign:
        report.notes.append(str(FOREIGN_IDS_NOTE))
    return report


def _ids_drop(items: list[tuple[Item, dict]]) -> bool:
    """Set aside the Remix ids of another network's file; whether there were any."""
    found = False
    for _item, values in items:
        found = bool(values.pop("remix_id", None)) or found
    return found


def _split(value: str) -> list[str]:
    """A list value as ours (``a;b``) or as GEXF's ``liststring`` (``a|b``, or ``[a, b]``)."""
    value = (value or "").strip()
    if value.startswith("[") and value.endswith("]"):
        items = value[1:-1].split(",")
    else:
        items = value.replace("|", ";").split(";")
    return [item.strip() for item in items if item.strip()]


def _kinds_by_name(names: list[str]) -> dict[str, list[str]]:
    """The kinds of the actors bearing each name already: a node without a kind is the one
    actor of its name, when there is exactly one."""
    kinds = {}
    wanted = {name.strip().lower() for name in names if name.strip()}
    for name, kind in Actor.objects.values_list("name", "kind"):
        if name.lower() in wanted:
            kinds.setdefault(name.lower(), []).append(kind)
    return kinds


def _node_row(node: Item, values: dict, plan: tags.TagPlan, known: dict, kinds: dict) -> ActorRow:
    label = (node.xml.get("label") or "").strip()
    if not label:
        raise ImportRefused(node.line, _("the node “%(id)s” has no label") % node.xml)
    kind = (values.get("kind") or "").strip()
    kind = KUMU_KINDS.get(kind.lower(), kind)
    if not kind:
        same_name = kinds.get(label.lower(), [])
        kind = same_name[0] if len(same_name) == 1 else "organisation"
    remix_id = (values.get("remix_id") or "").strip()
    fields = {title: values.get(title, "") for title in NODE_FIELDS}
    for title in ("movements", "languages"):
        fields[title] = ";".join(_split(fields[title]))
    fields |= {
        "id": remix_id.removesuffix(".0"),
        "name": label,
        "kind": kind,
        "themes": ";".join(plan.themes_of(_split(values.get("themes", "")))),
    }
    row = actor_row(node.line, fields, known)
    row.given = frozenset(
        {"name", "kind", *(NODE_FIELDS[title] for title in values if title in NODE_FIELDS)}
    )
    return row


def _edge_fields(edge: Item, values: dict, rows: dict[str, ActorRow]) -> dict:
    ends = {}
    for side in ("source", "target"):
        node_id = edge.xml.get(side, "")
        row = rows.get(node_id)
        if row is None:
            raise ImportRefused(
                edge.line, _("the edge names a node “%(id)s” the file lacks") % {"id": node_id}
            )
        ends |= {
            f"{side}_id": str(row.pk or ""),
            f"{side}_name": row.fields["name"],
            f"{side}_kind": row.fields["kind"],
        }
    label = (edge.xml.get("label") or "").strip()
    kind = values.get("kind") or (label if label in RelationKind.values else DEFAULT_EDGE_KIND)
    return {
        **ends,
        "id": (values.get("remix_id") or "").removesuffix(".0"),
        "kind": kind,
        "start_date": _day(values.get("start") or edge.xml.get("start", "")),
        "end_date": _day(values.get("end") or edge.xml.get("end", "")),
        "strength": _strength(edge),
        "note": values.get("note", ""),
    }


def _day(value: str) -> str:
    """A GEXF date or date-time, as the day: Gephi may write 2024-03-01T00:00:00."""
    return value.strip().split("T", 1)[0]


def _strength(edge: Item) -> str:
    """The weight as a strength from 1 to 5, rounded and brought within those bounds."""
    weight = (edge.xml.get("weight") or "").strip()
    if not weight:
        return "3"
    try:
        return str(min(5, max(1, round(float(weight)))))
    except (ValueError, OverflowError):
        raise ImportRefused(
            edge.line, _("the weight “%(value)s” is not a number") % {"value": weight}
        ) from None


def _notes(reader: _Reader, nodes: list, edges: list) -> list[str]:
    """What the file held that the import did not keep, or read a default for."""
    notes = []
    unknown = sorted(
        {title for _node, values in nodes for title in values if title not in NODE_FIELDS}
        - {"remix_id"}
        | {title for _edge, values in edges for title in values if title not in EDGE_KNOWN}
    )
    if unknown:
        notes.append(_("Attributes not imported: %(titles)s") % {"titles": ", ".join(unknown)})
    unkinded = sum(
        1
        for edge, values in edges
        if not values.get("kind")
        and (edge.xml.get("label") or "").strip() not in RelationKind.values
    )
    if unkinded:
        notes.append(
            ngettext(
                "%(count)d edge without a kind came in as “%(kind)s”",
                "%(count)d edges without a kind came in as “%(kind)s”",
                unkinded,
            )
            % {"count": unkinded, "kind": DEFAULT_EDGE_KIND.label}
        )
    reweighed = sum(
        1
        for edge, _values in edges
        if _strength(edge) != (edge.xml.get("weight") or "3").strip().removesuffix(".0")
    )
    if reweighed:
        notes.append(
            ngettext(
                "%(count)d weight outside 1 to 5, or not whole, was rounded into that range",
                "%(count)d weights outside 1 to 5, or not whole, were rounded into that range",
                reweighed,
            )
            % {"count": reweighed}
        )
    if reader.viz:
        notes.append(_("Positions, colours and sizes (viz) are not imported"))
    return notes
