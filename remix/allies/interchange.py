"""Import and export of the network: CSV, Kumu blueprint JSON, GEXF, GraphML, SKOS.

Imports read and check the whole file first; one bad line refuses the whole file with its line
and reason, and nothing is written. Rows are matched by id, else by name and kind (actors) or by
both ends, kind and start date (relations): a re-import updates instead of duplicating.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field

import networkx as nx
from django.db import transaction
from django.utils.translation import gettext as _

from remix.allies import services
from remix.allies.models import (
    SYMMETRIC_KINDS,
    Actor,
    ActorKind,
    Circle,
    LegalForm,
    MovementCode,
    Relation,
    RelationKind,
    Theme,
)
from remix.core.imports import ImportRefused

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


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)


# --- Exports -----------------------------------------------------------------------------------


def _split(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split(LIST_SEPARATOR) if item.strip()]


def _actors_for_export():
    return (
        Actor.objects.defer("email", "phone").prefetch_related("movements", "themes").order_by("pk")
    )


def actors_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACTOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for actor in _actors_for_export():
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
    for relation in Relation.objects.select_related("source", "target").order_by("pk"):
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


KUMU_TYPES = {
    ActorKind.PERSON: "Person",
    ActorKind.ORGANISATION: "Organization",
    ActorKind.NETWORK: "Network",
    ActorKind.PUBLIC_AUTHORITY: "Public authority",
    ActorKind.FUNDER: "Funder",
    ActorKind.ENTERPRISE: "Enterprise",
    ActorKind.COLLECTIVE: "Informal collective",
}


def kumu_json() -> str:
    """Kumu's blueprint import format: elements and connections, labels as keys."""
    elements = []
    for actor in _actors_for_export():
        elements.append(
            {
                "label": actor.name,
                "type": KUMU_TYPES[actor.kind],
                "description": actor.description.get("fr")
                or next(iter(actor.description.values()), ""),
                "tags": sorted(t.code for t in actor.themes.all()),
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
    for relation in Relation.objects.select_related("source", "target").order_by("pk"):
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
        {"elements": elements, "connections": connections}, ensure_ascii=False, indent=1
    )


def network_graph_file(fmt: str) -> bytes:
    """GEXF or GraphML for Gephi and friends: actors and relations with their attributes."""
    graph = nx.MultiDiGraph()
    for actor in _actors_for_export():
        graph.add_node(
            actor.pk,
            label=actor.name,
            kind=actor.kind,
            country=actor.country,
            circle=actor.circle,
            movements=LIST_SEPARATOR.join(sorted(m.code for m in actor.movements.all())),
        )
    for relation in Relation.objects.order_by("pk"):
        graph.add_edge(
            relation.source_id,
            relation.target_id,
            key=relation.pk,
            kind=relation.kind,
            start=relation.start_date.isoformat() if relation.start_date else "",
            end=relation.end_date.isoformat() if relation.end_date else "",
            weight=relation.strength,
        )
    out = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, out)
    else:
        nx.write_graphml(graph, out)
    return out.getvalue()


# --- Imports -----------------------------------------------------------------------------------


@dataclass
class ActorRow:
    line: int
    pk: int | None
    fields: dict
    movements: list[str]
    themes: list[str]


def _choice(value: str, choices, line: int, what: str, default=None):
    value = (value or "").strip()
    if not value and default is not None:
        return default
    if value in choices:
        return value
    raise ImportRefused(line, _("unknown %(what)s “%(value)s”") % {"what": what, "value": value})


def _date(value: str, line: int):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ImportRefused(
            line, _("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": value}
        ) from None


def _read_csv(content: str, required: list[str]) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(content))
    missing = [column for column in required if column not in (reader.fieldnames or [])]
    if missing:
        raise ImportRefused(
            1, _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
        )
    rows = []
    for row in reader:
        if None in row:
            raise ImportRefused(reader.line_num, _("more values than columns"))
        rows.append((reader.line_num, row))
    return rows


def _actor_row(line: int, row: dict, themes: dict[str, Theme]) -> ActorRow:
    name = (row.get("name") or "").strip()
    if not name:
        raise ImportRefused(line, _("the name is empty"))
    pk = (row.get("id") or "").strip()
    if pk and not pk.isdigit():
        raise ImportRefused(line, _("the id “%(value)s” is not a number") % {"value": pk})
    movements = _split(row.get("movements", ""))
    for code in movements:
        _choice(code, MovementCode.values, line, _("movement"))
    theme_codes = _split(row.get("themes", ""))
    for code in theme_codes:
        if code not in themes:
            raise ImportRefused(line, _("unknown theme “%(value)s”") % {"value": code})
    country = (row.get("country") or "").strip().upper()
    if country and not (len(country) == 2 and country.isalpha()):
        raise ImportRefused(
            line, _("“%(value)s” is not a two-letter country code") % {"value": country}
        )
    fields = {
        "name": name,
        "kind": _choice(row.get("kind"), ActorKind.values, line, _("kind")),
        "legal_form": _choice(row.get("legal_form"), LegalForm.values, line, _("legal form"), ""),
        "country": country,
        "languages": _split(row.get("languages", "")),
        "website": (row.get("website") or "").strip(),
        "circle": _choice(row.get("circle"), Circle.values, line, _("circle"), Circle.FRIEND),
        "description": {code: row.get(f"description_{code}", "") for code in ("fr", "en", "es")},
    }
    return ActorRow(line, int(pk) if pk else None, fields, movements, theme_codes)


def _match_actor(pk: int | None, name: str, kind: str) -> Actor | None:
    if pk is not None:
        actor = Actor.objects.filter(pk=pk).first()
        if actor is not None:
            return actor
    return Actor.objects.filter(name__iexact=name, kind=kind).first()


def _apply_actor_rows(rows: list[ActorRow], *, recorder, source: str) -> ImportReport:
    from django.core.exceptions import ValidationError

    report = ImportReport()
    themes = {theme.code: theme for theme in Theme.objects.all()}
    for row in rows:
        actor = _match_actor(row.pk, row.fields["name"], row.fields["kind"])
        try:
            if actor is None:
                services.actor_create(
                    recorder=recorder,
                    movements=row.movements,
                    themes=[themes[code] for code in row.themes],
                    source=source,
                    **row.fields,
                )
                report.created += 1
            else:
                before = services.actor_snapshot(actor)
                services.actor_update(
                    actor=actor,
                    recorder=recorder,
                    movements=row.movements,
                    themes=[themes[code] for code in row.themes],
                    **row.fields,
                )
                after = services.actor_snapshot(Actor.objects.get(pk=actor.pk))
                if before == after:
                    report.unchanged += 1
                else:
                    report.updated += 1
        except ValidationError as error:
            raise ImportRefused(row.line, "; ".join(error.messages)) from None
    return report


def actors_csv_import(content: str, *, recorder=None, source: str = "CSV") -> ImportReport:
    themes = {theme.code: theme for theme in Theme.objects.all()}
    rows = [_actor_row(line, row, themes) for line, row in _read_csv(content, ["name", "kind"])]
    _refuse_duplicates(rows)
    with transaction.atomic():
        return _apply_actor_rows(rows, recorder=recorder, source=source)


def _refuse_duplicates(rows: list[ActorRow]) -> None:
    seen = {}
    for row in rows:
        key = (row.fields["name"].lower(), row.fields["kind"])
        if key in seen:
            raise ImportRefused(
                row.line,
                _("“%(name)s” appears twice (also line %(other)s)")
                % {"name": row.fields["name"], "other": seen[key]},
            )
        seen[key] = row.line


@dataclass
class RelationRow:
    line: int
    pk: int | None
    source: Actor
    target: Actor
    kind: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    strength: int
    note: str


def _actor_ref(row: dict, side: str, line: int) -> Actor:
    pk = (row.get(f"{side}_id") or "").strip()
    name = (row.get(f"{side}_name") or "").strip()
    kind = (row.get(f"{side}_kind") or "").strip()
    actor = None
    if pk.isdigit():
        actor = Actor.objects.filter(pk=int(pk)).first()
    if actor is None and name:
        candidates = Actor.objects.filter(name__iexact=name)
        if kind:
            candidates = candidates.filter(kind=kind)
        found = list(candidates[:2])
        if len(found) > 1:
            raise ImportRefused(
                line, _("“%(name)s” names several actors: give its kind or id") % {"name": name}
            )
        actor = found[0] if found else None
    if actor is None:
        raise ImportRefused(
            line, _("no actor “%(name)s” (id %(id)s)") % {"name": name or "?", "id": pk or "?"}
        )
    return actor


def _relation_row(line: int, row: dict) -> RelationRow:
    strength = (row.get("strength") or "3").strip()
    if not strength.isdigit() or not 1 <= int(strength) <= 5:
        raise ImportRefused(line, _("the strength must be a whole number from 1 to 5"))
    pk = (row.get("id") or "").strip()
    return RelationRow(
        line=line,
        pk=int(pk) if pk.isdigit() else None,
        source=_actor_ref(row, "source", line),
        target=_actor_ref(row, "target", line),
        kind=_choice(row.get("kind"), RelationKind.values, line, _("relation kind")),
        start_date=_date(row.get("start_date"), line),
        end_date=_date(row.get("end_date"), line),
        strength=int(strength),
        note=(row.get("note") or "").strip(),
    )


def _match_relation(row: RelationRow) -> Relation | None:
    if row.pk is not None:
        relation = Relation.objects.filter(pk=row.pk).first()
        if relation is not None:
            return relation
    source, target = row.source, row.target
    if row.kind in SYMMETRIC_KINDS and source.pk > target.pk:
        source, target = target, source
    return Relation.objects.filter(
        source=source, target=target, kind=row.kind, start_date=row.start_date
    ).first()


def _apply_relation_rows(rows: list[RelationRow], *, recorder) -> ImportReport:
    from django.core.exceptions import ValidationError

    report = ImportReport()
    for row in rows:
        relation = _match_relation(row)
        try:
            if relation is None:
                services.relation_create(
                    source=row.source,
                    target=row.target,
                    kind=row.kind,
                    recorder=recorder,
                    start_date=row.start_date,
                    end_date=row.end_date,
                    strength=row.strength,
                    note=row.note,
                )
                report.created += 1
            elif relation.end_date is None and row.end_date is not None:
                services.relation_end(
                    relation=relation,
                    end_date=row.end_date,
                    recorder=recorder,
                    reason=_("imported"),
                )
                report.updated += 1
            else:
                # Relations are never rewritten: an ended one stays as it is.
                report.unchanged += 1
        except ValidationError as error:
            raise ImportRefused(row.line, "; ".join(error.messages)) from None
    return report


def relations_csv_import(content: str, *, recorder=None) -> ImportReport:
    rows = _read_csv(content, ["kind"])
    with transaction.atomic():
        parsed = [_relation_row(line, row) for line, row in rows]
        return _apply_relation_rows(parsed, recorder=recorder)


KUMU_KINDS = {label.lower(): kind for kind, label in KUMU_TYPES.items()} | {
    "organisation": ActorKind.ORGANISATION,
    "people": ActorKind.PERSON,
    "project": ActorKind.ORGANISATION,
    "collective": ActorKind.COLLECTIVE,
    "public authority": ActorKind.PUBLIC_AUTHORITY,
}


def kumu_import(content: str, *, recorder=None, source: str = "Kumu") -> ImportReport:
    """Kumu blueprint JSON: elements become actors, connections relations (item numbers)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            error.lineno, _("not valid JSON: %(reason)s") % {"reason": error.msg}
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise ImportRefused(None, _("a Kumu blueprint has a list of “elements”"))
    themes = {theme.code: theme for theme in Theme.objects.all()}
    rows = []
    for index, element in enumerate(data["elements"], 1):
        if not isinstance(element, dict) or not str(element.get("label", "")).strip():
            raise ImportRefused(index, _("element %(n)s has no label") % {"n": index})
        kind = element.get("Kind") or KUMU_KINDS.get(str(element.get("type", "")).lower(), "")
        if not kind:
            kind = ActorKind.ORGANISATION
        descriptions = element.get("Descriptions") or {"fr": element.get("description", "")}
        tags = [str(tag) for tag in element.get("tags", [])]
        row = {
            "id": str(element.get("Remix ID", "") or ""),
            "name": str(element["label"]),
            "kind": kind,
            "legal_form": element.get("Legal form", ""),
            "country": element.get("Country", ""),
            "languages": LIST_SEPARATOR.join(element.get("Languages", [])),
            "website": element.get("Website", ""),
            "movements": LIST_SEPARATOR.join(element.get("Movements", [])),
            "circle": element.get("Circle", ""),
            "themes": LIST_SEPARATOR.join(tag for tag in tags if tag in themes),
            **{f"description_{code}": descriptions.get(code, "") for code in ("fr", "en", "es")},
        }
        rows.append(_actor_row(index, row, themes))
    _refuse_duplicates(rows)
    with transaction.atomic():
        report = _apply_actor_rows(rows, recorder=recorder, source=source)
        by_label = {row.fields["name"].lower(): row for row in rows}
        relation_rows = []
        for index, connection in enumerate(data.get("connections", []), 1):
            ends = {}
            for side, key in (("source", "from"), ("target", "to")):
                label = str(connection.get(key, "")).strip()
                element = by_label.get(label.lower())
                ends[f"{side}_name"] = label
                ends[f"{side}_kind"] = element.fields["kind"] if element else ""
                ends[f"{side}_id"] = str(
                    connection.get("From ID" if side == "source" else "To ID", "")
                )
            relation_rows.append(
                _relation_row(
                    index,
                    {
                        **ends,
                        "id": str(connection.get("Remix ID", "") or ""),
                        "kind": connection.get("type", ""),
                        "start_date": connection.get("Start date", ""),
                        "end_date": connection.get("End date", ""),
                        "strength": str(connection.get("Strength", 3)),
                        "note": connection.get("Note", ""),
                    },
                )
            )
        relations = _apply_relation_rows(relation_rows, recorder=recorder)
    report.notes.append(
        _("%(created)d relations created, %(updated)d updated, %(unchanged)d unchanged")
        % {
            "created": relations.created,
            "updated": relations.updated,
            "unchanged": relations.unchanged,
        }
    )
    return report
