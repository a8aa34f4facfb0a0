"""Every write about events leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import datetime

import pytest

from remix.catalogue.tests.builders import doc
from remix.core.tests.audit_rows import Rows, Scene, on
from remix.events import services
from remix.events.tests import builders

ROWS = Rows()


@ROWS.writes("events.event.created")
def a_steward_creates_an_event(the):
    steward = the.user("louise", "member", "steward")
    project = builders.project()
    starts = builders.soon(12)
    with the.call():
        event = services.event_create(
            project=project,
            title={"fr": "Atelier"},
            starts=starts,
            ends=starts + datetime.timedelta(hours=2),
            place="Paris",
            capacity=20,
            recorder=steward,
        )
    return on(event, by=steward, project=project.pk, capacity=20)


@ROWS.writes("events.registration.created")
def a_member_registers(the):
    member = the.user("amina", "member")
    event = builders.event()
    with the.call():
        registration = services.registration_create(event=event, user=member)
    return on(registration, by=member, event=event.pk, status="registered")


@ROWS.writes("events.registration.cancelled")
def a_member_cancels_her_registration(the):
    member = the.user("amina", "member")
    registration = services.registration_create(event=builders.event(), user=member)
    with the.call():
        services.registration_cancel(registration=registration, recorder=member)
    return on(registration, by=member, event=registration.event_id)


@ROWS.writes("events.registration.promoted")
def the_first_waiting_gets_the_place_freed(the):
    event = builders.event(capacity=1)
    held = services.registration_create(event=event, name="Ana", email="ana@example.org")
    waiting = services.registration_create(event=event, name="Ben", email="ben@example.org")
    with the.call():
        # The cancellation's own event comes first; the promotion is the row's.
        services.registration_cancel(registration=held)
    return on(waiting, event=event.pk, freed_by=held.pk)


@ROWS.writes("events.document.attached")
def a_manager_attaches_the_minutes(the):
    steward = the.user("louise", "member", "steward")
    event = builders.event(days=-1)
    minutes = doc("Compte rendu")
    with the.call():
        services.document_attach(event=event, document=minutes, recorder=steward)
    return on(event, by=steward, document=minutes.pk)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))
