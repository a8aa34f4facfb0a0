"""Every write of the study office leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import datetime

import pytest
from django.utils import timezone

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.invoicing.tests.builders import client as billed_client
from remix.invoicing.tests.builders import world
from remix.studio import services
from remix.studio.tests.builders import accepted, city, later, quote, service

ROWS = Rows()
YESTERDAY = datetime.timedelta(days=1)


@ROWS.writes("studio.service.created")
def a_steward_adds_a_service(the):
    steward = the.user("louise", "steward")
    with the.call():
        made = services.service_create(
            slug="atelier",
            title={"fr": "Atelier"},
            kind="workshop",
            price_model="fixed",
            price="1200",
            recorder=steward,
        )
    return on(made, by=steward, kind="workshop", price_model="fixed", price=120000)


@ROWS.writes("studio.service.updated")
def a_steward_edits_a_service(the):
    steward = the.user("louise", "steward")
    made = service("atelier", "workshop", "fixed", "1200")
    with the.call():
        services.service_update(
            service=made,
            slug="atelier",
            title={"fr": "Atelier"},
            kind="workshop",
            price_model="fixed",
            price="1500",
            recorder=steward,
        )
    return on(made, by=steward, changed=["price_minor", "title"], price=150000, active=True)


@ROWS.writes("studio.quote.issued")
def a_treasurer_writes_a_quote(the):
    treasurer = the.user("mateo", "treasurer")
    lines = [services.LineAsked(service(), "2")]
    ville = city()
    with the.call():
        made = services.quote_issue(
            client=ville, title="Étude", lines=lines, valid_until=later(10), recorder=treasurer
        )
    return on(made, by=treasurer, number=made.number, client=ville.pk, total=130000)


@ROWS.writes("studio.quote.accepted")
def a_steward_records_the_clients_acceptance(the):
    steward = the.user("louise", "steward")
    made = quote()
    with the.call():
        engagement = accepted(made, recorder=steward)
    return on(made, by=steward, engagement=engagement.pk)


@ROWS.writes("studio.engagement.person_recorded")
def a_steward_records_a_person(the):
    steward = the.user("louise", "steward")
    amina = the.user("amina", "member")
    engagement = accepted()
    with the.call():
        services.engagement_person_record(
            engagement=engagement, user=amina, planned_days="3", recorder=steward
        )
    return on(engagement, by=steward, user=amina.pk, planned_days="3", added=True)


def _declared(the):
    amina = the.user("amina", "member")
    engagement = accepted()
    services.engagement_person_record(engagement=engagement, user=amina, planned_days="3")
    return amina, engagement


@ROWS.writes("studio.time.declared")
def a_person_declares_their_time(the):
    amina, engagement = _declared(the)
    with the.call():
        made = services.time_declare(
            engagement=engagement,
            user=amina,
            date=timezone.localdate() - YESTERDAY,
            hours="7",
            description="Entretiens",
            recorder=amina,
        )
    return on(made, by=amina, engagement=engagement.pk, hours="7")


def _waiting(the):
    amina, engagement = _declared(the)
    return services.time_declare(
        engagement=engagement,
        user=amina,
        date=timezone.localdate() - YESTERDAY,
        hours="7",
        description="Entretiens",
    )


@ROWS.writes("studio.time.validated")
def a_treasurer_validates_time(the):
    treasurer = the.user("mateo", "treasurer")
    waiting = _waiting(the)
    with the.call():
        done = services.time_validate(declared=waiting, recorder=treasurer)
    return on(waiting, by=treasurer, value=65000, transaction=done.transaction_id)


@ROWS.writes("studio.time.refused")
def a_treasurer_refuses_time(the):
    treasurer = the.user("mateo", "treasurer")
    waiting = _waiting(the)
    with the.call():
        services.time_refuse(declared=waiting, reason="Hors mission", recorder=treasurer)
    return on(waiting, by=treasurer, reason="Hors mission")


@ROWS.writes("studio.engagement.invoiced")
def a_treasurer_invoices_a_deposit(the):
    treasurer = the.user("mateo", "treasurer")
    world()
    engagement = accepted(quote(billed_client()))
    with the.call():
        link = services.engagement_invoice(
            engagement=engagement, part="deposit", share="0.5", recorder=treasurer
        )
    return on(engagement, by=treasurer, invoice=link.invoice_id, part="deposit", net=325000)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))
