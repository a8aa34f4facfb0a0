"""Audit events: the one way services record who did what."""

from django.db import models

from remix.core.models import AuditEvent


def audit_record(
    *, action: str, recorder=None, obj: models.Model | None = None, data: dict | None = None
) -> AuditEvent:
    """Write one audit event; call it inside the service's transaction."""
    return AuditEvent.objects.create(
        action=action,
        recorder=recorder if recorder is not None and recorder.is_authenticated else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )
