"""Audit events: the one way services record who did what."""

from django.db import models

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


def audit_record_many(*, action: str, recorder=None, items) -> int:
    """One audit event per ``(obj, data)`` of ``items``, all of one action by one recorder,
    written in a single insert (a batch job's thousands of rows); how many were written."""
    who = as_recorder(recorder)
    events = [
        AuditEvent(
            action=action,
            recorder=who,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            data=data or {},
        )
        for obj, data in items
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)
