"""Audit events: the one way services record who did what."""

from collections.abc import Iterable

from django.db import models
from django.utils import timezone

from remix.core.bulk import rows_insert
from remix.core.models import AuditEvent


def as_recorder(user):
    """The user to store as who did it: None for scripts and anonymous requests."""
    return user if user is not None and user.is_authenticated else None


def audit_record(
    *, action: str, recorder=None, obj: models.Model | None = None, data: dict | None = None
) -> AuditEvent:
    """Write one audit event; call it inside the service's transaction."""
    return AuditEvent.objects.create(
        action=action,
        recorder=as_recorder(recorder),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )


def audit_record_many(
    *, action: str, recorder=None, model: type[models.Model], items: Iterable[tuple]
) -> int:
    """One audit event per ``(pk, data)`` of ``items`` (objects of ``model``), all of one action
    by one recorder at one moment, written in one statement (a batch job's thousands of rows);
    how many were written."""
    who = as_recorder(recorder)
    who_id = who.pk if who is not None else None
    now, object_type = timezone.now(), model._meta.label_lower
    return rows_insert(
        AuditEvent,
        ("created_at", "recorder", "action", "object_type", "object_id", "data"),
        ((now, who_id, action, object_type, str(pk), data or {}) for pk, data in items),
    )
