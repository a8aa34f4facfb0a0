import pytest

from remix.core.audit import audit_record
from remix.core.models import AuditEvent


def test_an_audit_event_records_who_did_what_to_which_object(make_user):
    user = make_user("amina")

    event = audit_record(action="test.thing.done", recorder=user, obj=user, data={"n": 1})

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.recorder, stored.object_type, stored.object_id, stored.data) == (
        "test.thing.done",
        user,
        "accounts.user",
        str(user.pk),
        {"n": 1},
    )


def test_audit_events_are_append_only(db):
    event = audit_record(action="test.thing.done")

    event.action = "test.thing.rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.thing.done"


def test_an_empty_action_is_refused_by_the_database(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(action="")
