"""Every write about actors, relations and themes: atomic, audited, and bumping the network."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remix.allies.models import (
    SYMMETRIC_KINDS,
    Actor,
    MeasuresRun,
    Movement,
    NetworkState,
    Relation,
    RelationKind,
    Theme,
)
from remix.core.audit import as_recorder, audit_record
from remix.core.i18ntext import text_clean

ACTOR_FIELDS = (
    "name",
    "kind",
    "legal_form",
    "country",
    "languages",
    "website",
    "description",
    "circle",
    "email",
    "phone",
    "source",
    "postal_address",
    "legal_id_scheme",
    "legal_id",
)


def reference_rows_ensure() -> None:
    """The three movements and the one network-state row (idempotent)."""
    from remix.allies.models import MovementCode

    for code in MovementCode.values:
        Movement.objects.get_or_create(code=code)
    NetworkState.objects.get_or_create(pk=1, defaults={"version": 0})


def network_bump() -> int:
    """A change the trunk or the measures depend on: new version, measures recomputed after."""
    NetworkState.objects.filter(pk=1).update(version=F("version") + 1)
    version = NetworkState.objects.values_list("version", flat=True).get(pk=1)
    # After the commit, for the version current then: an import of a thousand rows bumps a
    # thousand times but queues one computation.
    transaction.on_commit(measures_request)
    return version


def measures_request(*, version: int | None = None) -> MeasuresRun:
    """Queue the computation of the measures for a version (once: a repeat is a no-op)."""
    from remix.allies.tasks import measures_compute

    if version is None:
        version = NetworkState.objects.values_list("version", flat=True).get(pk=1)
    run, created = MeasuresRun.objects.get_or_create(version=version)
    if created:
        transaction.on_commit(lambda: measures_compute.enqueue(version=version))
    return run


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "actor"
    slug, n = base, 1
    while Actor.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def actor_snapshot(actor: Actor) -> dict:
    data = {name: getattr(actor, name) for name in ACTOR_FIELDS}
    data["movements"] = sorted(actor.movements.values_list("code", flat=True))
    data["themes"] = sorted(actor.themes.values_list("code", flat=True))
    return data


def _normalise(fields: dict) -> dict:
    fields = dict(fields)
    if "description" in fields:
        fields["description"] = text_clean(fields["description"])
    if "country" in fields:
        fields["country"] = (fields["country"] or "").strip().upper()
    if "languages" in fields:
        fields["languages"] = sorted({code.strip().lower() for code in fields["languages"] if code})
    return fields


@transaction.atomic
def actor_create(*, recorder=None, movements=(), themes=(), source: str = "", **fields) -> Actor:
    unknown = set(fields) - set(ACTOR_FIELDS)
    if unknown:
        raise TypeError(f"unknown actor fields {sorted(unknown)}")
    fields = _normalise(fields)
    actor = Actor(
        slug=_unique_slug(fields.get("name", "")),
        source=source,
        created_by=as_recorder(recorder),
        **fields,
    )
    actor.full_clean(exclude=["slug"])
    actor.save()
    actor.movements.set(Movement.objects.filter(code__in=list(movements)))
    actor.themes.set(themes)
    audit_record(
        action="allies.actor.created",
        recorder=recorder,
        obj=actor,
        data=_json_safe(actor_snapshot(actor)),
    )
    network_bump()
    return actor


def _json_safe(data: dict) -> dict:
    return {
        key: (str(value) if isinstance(value, datetime.date) else value)
        for key, value in data.items()
    }


@transaction.atomic
def actor_update(*, actor: Actor, recorder=None, movements=None, themes=None, **fields) -> Actor:
    """Change an actor; the audit event keeps every changed field, before and after."""
    unknown = set(fields) - set(ACTOR_FIELDS)
    if unknown:
        raise TypeError(f"unknown actor fields {sorted(unknown)}")
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    before = actor_snapshot(actor)
    for name, value in _normalise(fields).items():
        setattr(actor, name, value)
    if "name" in fields and fields["name"] != before["name"]:
        actor.slug = _unique_slug(actor.name, exclude_pk=actor.pk)
    actor.full_clean()
    actor.save()
    if movements is not None:
        actor.movements.set(Movement.objects.filter(code__in=list(movements)))
    if themes is not None:
        actor.themes.set(themes)
    after = actor_snapshot(actor)
    changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
    if changes:
        audit_record(
            action="allies.actor.updated", recorder=recorder, obj=actor, data={"changes": changes}
        )
        if {"movements", "themes"} & set(changes):
            network_bump()
    return actor


@transaction.atomic
def relation_create(
    *,
    source: Actor,
    target: Actor,
    kind: str,
    recorder=None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    strength: int = 3,
    note: str = "",
) -> Relation:
    if source.pk == target.pk:
        raise ValidationError(_("An actor cannot be related to itself."), code="self_relation")
    if kind in SYMMETRIC_KINDS and source.pk > target.pk:
        source, target = target, source
    # Lock both actors so two editors cannot open the same relation at once.
    list(Actor.objects.select_for_update().filter(pk__in=[source.pk, target.pk]))
    if (
        end_date is None
        and Relation.objects.filter(
            source=source, target=target, kind=kind, end_date__isnull=True
        ).exists()
    ):
        raise ValidationError(
            _("%(source)s and %(target)s already have an open relation of this kind.")
            % {"source": source, "target": target},
            code="duplicate_relation",
        )
    relation = Relation(
        source=source,
        target=target,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        strength=strength,
        note=note,
        created_by=as_recorder(recorder),
    )
    relation.full_clean(validate_constraints=False)
    relation.save()
    audit_record(
        action="allies.relation.created",
        recorder=recorder,
        obj=relation,
        data={
            "source": source.pk,
            "target": target.pk,
            "kind": kind,
            "start_date": str(start_date or ""),
            "end_date": str(end_date or ""),
        },
    )
    network_bump()
    return relation


@transaction.atomic
def relation_end(
    *, relation: Relation, end_date: datetime.date, recorder=None, reason: str = ""
) -> Relation:
    """End an open relation; ending an ended one changes nothing."""
    relation = Relation.objects.select_for_update().get(pk=relation.pk)
    if relation.end_date is not None:
        return relation
    if relation.start_date and end_date < relation.start_date:
        raise ValidationError(
            _("A relation cannot end before it starts (%(start)s).")
            % {"start": relation.start_date},
            code="end_before_start",
        )
    relation.end_date = end_date
    relation.save(update_fields=["end_date"])
    audit_record(
        action="allies.relation.ended",
        recorder=recorder,
        obj=relation,
        data={"end_date": str(end_date), "reason": reason},
    )
    network_bump()
    return relation


@transaction.atomic
def theme_save(
    *,
    code: str,
    labels: dict,
    recorder=None,
    definition: dict | None = None,
    broader: list[Theme] | None = None,
    related: list[Theme] | None = None,
    proposed_by=None,
) -> Theme:
    """Create a theme or update the one with this code (members propose, in any language)."""
    labels = text_clean(labels, any_language=True)
    if not labels:
        raise ValidationError(
            _("A theme needs a label in at least one language."), code="theme_without_label"
        )
    theme, created = Theme.objects.select_for_update().get_or_create(
        code=code,
        defaults={
            "labels": labels,
            "definition": text_clean(definition, any_language=True),
            "proposed_by": proposed_by,
        },
    )
    if not created:
        theme.labels = labels
        if definition is not None:
            theme.definition = text_clean(definition, any_language=True)
    theme.full_clean()
    theme.save()
    if broader is not None:
        if any(other.pk == theme.pk for other in broader):
            raise ValidationError(_("A theme cannot be broader than itself."), code="theme_cycle")
        theme.broader.set(broader)
    if related is not None:
        theme.related.set([other for other in related if other.pk != theme.pk])
    audit_record(
        action="allies.theme.created" if created else "allies.theme.updated",
        recorder=recorder,
        obj=theme,
        data={"code": code, "labels": labels},
    )
    return theme


@transaction.atomic
def theme_merge(*, merged: Theme, survivor: Theme, recorder=None) -> Theme:
    """Merge two equivalent themes: every link moves to the survivor, the labels the survivor
    lacks join it, and the merged theme keeps answering for the survivor."""
    merged = Theme.objects.select_for_update().get(pk=merged.pk)
    survivor = Theme.objects.select_for_update().get(pk=survivor.pk)
    if merged.merged_into_id is not None:
        raise ValidationError(_("This theme is already merged."), code="theme_already_merged")
    if survivor.merged_into_id is not None or survivor.pk == merged.pk:
        raise ValidationError(
            _("Merge into a theme that is in use, and not into itself."), code="theme_merge_target"
        )
    # Every many-to-many link to themes, whichever app holds it (actors, documents, commons…).
    for relation in Theme._meta.related_objects:
        if not relation.many_to_many or relation.related_model is Theme:
            continue
        holders = relation.related_model.objects.filter(**{relation.field.name: merged})
        for holder in holders:
            getattr(holder, relation.field.name).add(survivor)
            getattr(holder, relation.field.name).remove(merged)
    for narrower in merged.narrower.all():
        if narrower.pk != survivor.pk:
            narrower.broader.add(survivor)
    merged.narrower.clear()
    merged.broader.clear()
    merged.related.clear()
    Theme.objects.filter(merged_into=merged).update(merged_into=survivor)
    survivor.labels = {**merged.labels, **survivor.labels}
    survivor.definition = {**merged.definition, **survivor.definition}
    if not survivor.wikidata_id:
        survivor.wikidata_id = merged.wikidata_id
    survivor.save()
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into"])
    audit_record(
        action="allies.theme.merged",
        recorder=recorder,
        obj=merged,
        data={"merged": merged.code, "survivor": survivor.code},
    )
    network_bump()
    return survivor


@transaction.atomic
def theme_wikidata_set(*, theme: Theme, wikidata_id: str, recorder=None) -> Theme:
    """Link a theme to a Wikidata item, typed by hand (Remix makes no call to Wikidata)."""
    theme.wikidata_id = (wikidata_id or "").strip().upper()
    theme.full_clean(validate_unique=False, validate_constraints=False)
    theme.save(update_fields=["wikidata_id"])
    audit_record(
        action="allies.theme.wikidata",
        recorder=recorder,
        obj=theme,
        data={"wikidata_id": theme.wikidata_id},
    )
    return theme


def relation_kind_known(kind: str) -> bool:
    return kind in RelationKind.values
