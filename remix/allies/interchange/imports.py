"""Imports of the network: actors and relations as CSV, a Kumu blueprint (GEXF: ``gexf``).

Each reads and checks the whole file first; one bad line refuses the whole file with its line
and reason, and nothing is written.
"""

import json

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.allies.interchange import tags
from remix.allies.interchange.exports import KUMU_TYPES, LIST_SEPARATOR, NETWORK_KEY
from remix.allies.interchange.rows import (
    ActorRow,
    ImportReport,
    actor_row,
    actor_rows_apply,
    duplicates_refuse,
    read_csv,
    relation_row,
    relation_rows_apply,
)
from remix.allies.models import ActorKind
from remix.allies.selectors import network_mark, themes_by_code
from remix.core.imports import ImportRefused


def actors_csv_import(content: str, *, recorder=None, source: str = "CSV") -> ImportReport:
    themes = themes_by_code()
    rows = [actor_row(line, row, themes) for line, row in read_csv(content, ["name", "kind"])]
    duplicates_refuse(rows)
    with transaction.atomic():
        return actor_rows_apply(rows, recorder=recorder, source=source)


def relations_csv_import(content: str, *, recorder=None) -> ImportReport:
    rows = read_csv(content, ["kind"])
    with transaction.atomic():
        parsed = [relation_row(line, row) for line, row in rows]
        return relation_rows_apply(parsed, recorder=recorder)


KUMU_KINDS = {label.lower(): kind for kind, label in KUMU_TYPES.items()} | {
    "organisation": ActorKind.ORGANISATION,
    "people": ActorKind.PERSON,
    "project": ActorKind.ORGANISATION,
    "collective": ActorKind.COLLECTIVE,
    "public authority": ActorKind.PUBLIC_AUTHORITY,
}


# Kumu's columns (ours, as ``exports.kumu_json`` writes them) and the actor field each gives.
KUMU_FIELDS = {
    "Kind": "kind",
    "type": "kind",
    "Legal form": "legal_form",
    "Country": "country",
    "Languages": "languages",
    "Website": "website",
    "Movements": "movements",
    "Circle": "circle",
    "Descriptions": "description",
    "description": "description",
    "tags": "themes",
}


def kumu_import(
    content: str, *, recorder=None, source: str = "Kumu", unknown_themes: str = tags.CREATE
) -> ImportReport:
    """Kumu blueprint JSON: elements become actors, connections relations (item numbers); tags
    name themes, and those that name none are created or refuse the file (``unknown_themes``)."""
    blueprint = _kumu_blueprint(content)
    elements = blueprint["elements"]
    for index, element in enumerate(elements, 1):
        if not isinstance(element, dict) or not str(element.get("label", "")).strip():
            raise ImportRefused(index, _("element %(n)s has no label") % {"n": index})
    foreign = blueprint.get(NETWORK_KEY) != network_mark() and _ids_drop(blueprint)
    plan = tags.tags_plan(
        [str(tag) for element in elements for tag in _list(element.get("tags"))],
        unknown=unknown_themes,
        labels=_theme_labels(elements),
    )
    known = {**themes_by_code(), **plan.new}
    rows = [
        _kumu_actor_row(index, element, plan, known) for index, element in enumerate(elements, 1)
    ]
    duplicates_refuse(rows)
    with transaction.atomic():
        created = tags.tags_create(plan, recorder=recorder)
        report = actor_rows_apply(rows, recorder=recorder, source=source)
        report.themes_created = created
        # The connections name actors by label: read once the elements are actors.
        by_label = {row.fields["name"].lower(): row for row in rows}
        relation_rows = [
            relation_row(index, _kumu_relation_fields(connection, by_label))
            for index, connection in enumerate(blueprint["connections"], 1)
        ]
        relations = relation_rows_apply(relation_rows, recorder=recorder)
    report.notes.append(relations_note(relations))
    if foreign:
        report.notes.append(str(FOREIGN_IDS_NOTE))
    return report


FOREIGN_IDS_NOTE = gettext_lazy(
    "The file's Remix ids are another network's: its actors were found by name and kind"
)


def _ids_drop(blueprint: dict) -> bool:
    """Set aside the Remix ids of another network's file (they would name other actors here);
    whether there were any."""
    found = False
    for item in blueprint["elements"] + blueprint["connections"]:
        for key in ("Remix ID", "From ID", "To ID"):
            found = bool(item.pop(key, None)) or found
    return found


def _kumu_blueprint(content: str) -> dict:
    """The blueprint as JSON, refused unless it holds a list of elements."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            error.lineno, _("not valid JSON: %(reason)s") % {"reason": error.msg}
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise ImportRefused(None, _("a Kumu blueprint has a list of “elements”"))
    if not isinstance(data.setdefault("connections", []), list):
        raise ImportRefused(None, _("a Kumu blueprint has a list of “connections”"))
    for index, connection in enumerate(data["connections"], 1):
        if not isinstance(connection, dict):
            raise ImportRefused(index, _("connection %(n)s is not an object") % {"n": index})
    _kumu_flatten(data)
    return data


# Kumu's own export names some fields as its interface shows them.
KUMU_EXPORT_KEYS = {
    "element type": "type",
    "connection type": "type",
    "connection direction": "direction",
}


def _kumu_flatten(data: dict) -> None:
    """Read Kumu's own export as a blueprint: its items keep their fields under
    ``attributes`` and its connections name their ends by element ``_id``."""
    labels = {}
    for item in data["elements"] + data["connections"]:
        if isinstance(item, dict) and isinstance(item.get("attributes"), dict):
            for key, value in item.pop("attributes").items():
                item.setdefault(KUMU_EXPORT_KEYS.get(key, key), value)
        if isinstance(item, dict) and "_id" in item and "label" in item:
            labels[item["_id"]] = item["label"]
    for connection in data["connections"]:
        for end in ("from", "to"):
            connection[end] = labels.get(connection.get(end), connection.get(end, ""))
        kind = str(connection.get("type", "")).strip().lower()
        connection["type"] = kind.replace(" ", "_").replace("-", "_")


def _list(value) -> list:
    """A Kumu multi-value field: a list, or one value."""
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _theme_labels(elements: list[dict]) -> dict[str, dict]:
    """The labels of each tag in every language, as a Remix export gives them."""
    labels = {}
    for element in elements:
        given = element.get("Theme labels")
        if isinstance(given, dict):
            labels.update({str(tag): value for tag, value in given.items()})
    return labels


def _kumu_actor_row(index: int, element: dict, plan: tags.TagPlan, known: dict) -> ActorRow:
    """An element as the row of an actors' CSV: its kind from ours or Kumu's type, its tags as
    the themes they name; an update changes only the fields the element gives."""
    kind = element.get("Kind") or KUMU_KINDS.get(str(element.get("type", "")).lower(), "")
    if not kind:
        kind = ActorKind.ORGANISATION
    descriptions = element.get("Descriptions") or {"fr": element.get("description", "")}
    fields = {
        "id": str(element.get("Remix ID", "") or ""),
        "name": str(element["label"]),
        "kind": kind,
        "legal_form": element.get("Legal form", ""),
        "country": element.get("Country", ""),
        "languages": LIST_SEPARATOR.join(_list(element.get("Languages"))),
        "website": element.get("Website", ""),
        "movements": LIST_SEPARATOR.join(_list(element.get("Movements"))),
        "circle": element.get("Circle", ""),
        "themes": LIST_SEPARATOR.join(
            plan.themes_of([str(tag).strip() for tag in _list(element.get("tags"))])
        ),
        **{f"description_{code}": descriptions.get(code, "") for code in ("fr", "en", "es")},
    }
    row = actor_row(index, fields, known)
    row.given = frozenset({"name", *(KUMU_FIELDS[key] for key in element if key in KUMU_FIELDS)})
    row.source = str(element.get("Source") or "")
    return row


def _kumu_relation_fields(connection: dict, by_label: dict[str, ActorRow]) -> dict:
    """A connection as the row of a relations' CSV: each end by its label, with the kind of the
    element of that label and the id the connection gives."""
    ends = {}
    for side, key, id_key in (("source", "from", "From ID"), ("target", "to", "To ID")):
        label = str(connection.get(key, "")).strip()
        element = by_label.get(label.lower())
        ends[f"{side}_name"] = label
        ends[f"{side}_kind"] = element.fields["kind"] if element else ""
        ends[f"{side}_id"] = str(connection.get(id_key, ""))
    return {
        **ends,
        "id": str(connection.get("Remix ID", "") or ""),
        "kind": connection.get("type", ""),
        "start_date": connection.get("Start date", ""),
        "end_date": connection.get("End date", ""),
        "strength": str(connection.get("Strength", 3)),
        "note": connection.get("Note", ""),
    }


def relations_note(relations: ImportReport) -> str:
    return _("%(created)d relations created, %(updated)d updated, %(unchanged)d unchanged") % {
        "created": relations.created,
        "updated": relations.updated,
        "unchanged": relations.unchanged,
    }
