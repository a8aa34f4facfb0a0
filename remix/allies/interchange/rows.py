"""Rows of an import, read and checked before anything is written, then applied.

A row is matched by id, else by name and kind (actors) or by both ends, kind and start date
(relations): a re-import updates instead of duplicating. One bad row refuses the whole file with
its line and reason (``ImportRefused``).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remix.allies import services
from remix.allies.interchange.exports import LIST_SEPARATOR
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
from remix.allies.selectors import themes_by_code
from remix.core.imports import ImportRefused


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    # The themes the file's tags named and that did not exist: made by the import.
    themes_created: list[Theme] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split(LIST_SEPARATOR) if item.strip()]


@dataclass
class ActorRow:
    line: int
    pk: int | None
    fields: dict
    movements: list[str]
    themes: list[str]
    source: str = ""
    # The fields the file gives (None: every one); an update leaves the others as they are.
    given: frozenset[str] | None = None

    def changes(self) -> dict:
        """What an update of the matched actor sets: the given fields, movements and themes."""
        given = self.given
        return {
            **{
                name: value for name, value in self.fields.items() if given is None or name in given
            },
            "movements": self.movements if given is None or "movements" in given else None,
            "themes": self.themes if given is None or "themes" in given else None,
        }


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


def read_csv(content: str, required: list[str]) -> list[tuple[int, dict]]:
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


def actor_row(line: int, row: dict, themes: dict[str, Theme]) -> ActorRow:
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


def actor_rows_apply(rows: list[ActorRow], *, recorder, source: str) -> ImportReport:
    """Create or update each row's actor; a created one keeps the source its row names, else
    ``source`` (the format the file came in)."""
    report = ImportReport()
    themes = themes_by_code()
    for row in rows:
        actor = _match_actor(row.pk, row.fields["name"], row.fields["kind"])
        try:
            if actor is None:
                services.actor_create(
                    recorder=recorder,
                    movements=row.movements,
                    themes=[themes[code] for code in row.themes],
                    source=row.source or source,
                    **row.fields,
                )
                report.created += 1
            else:
                before = services.actor_snapshot(actor)
                changes = row.changes()
                if changes["themes"] is not None:
                    changes["themes"] = [themes[code] for code in changes["themes"]]
                services.actor_update(actor=actor, recorder=recorder, **changes)
                after = services.actor_snapshot(Actor.objects.get(pk=actor.pk))
                if before == after:
                    report.unchanged += 1
                else:
                    report.updated += 1
        except ValidationError as error:
            raise ImportRefused(row.line, "; ".join(error.messages)) from None
    return report


def duplicates_refuse(rows: list[ActorRow]) -> None:
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


def relation_row(line: int, row: dict) -> RelationRow:
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


def relation_rows_apply(rows: list[RelationRow], *, recorder) -> ImportReport:
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
