"""Every write about invoices leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.invoicing import services
from remix.invoicing.tests import builders

ROWS = Rows()


@ROWS.writes("invoicing.issuer.changed")
def a_steward_sets_the_issuer(the):
    steward = the.user("louise", "steward")
    with the.call():
        issuer = builders.issuer(recorder=steward)
    return on(issuer, by=steward)


@ROWS.writes("invoicing.invoice.drafted")
def a_treasurer_writes_a_draft(the):
    treasurer = the.user("mateo", "treasurer")
    client = builders.client()
    with the.call():
        draft = builders.draft(client, recorder=treasurer)
    return on(draft, by=treasurer, client=client.pk, gross=95000)


@ROWS.writes("invoicing.invoice.changed")
def a_treasurer_changes_a_draft(the):
    treasurer = the.user("mateo", "treasurer")
    draft = builders.draft()
    with the.call():
        services.invoice_draft_update(
            invoice=draft,
            client=draft.client,
            lines=[{"description": "Étude", "quantity": "1", "unit_price": "10.00"}],
            language="fr",
            recorder=treasurer,
        )
    return on(draft, by=treasurer, gross=1000)


@ROWS.writes("invoicing.invoice.deleted")
def a_treasurer_deletes_a_draft(the):
    treasurer = the.user("mateo", "treasurer")
    draft = builders.draft()
    seen = on(draft, by=treasurer)
    with the.call():
        services.invoice_draft_delete(invoice=draft, recorder=treasurer)
    return seen


@ROWS.writes("invoicing.invoice.issued")
def a_treasurer_issues_an_invoice(the):
    treasurer = the.user("mateo", "treasurer")
    builders.world()
    draft = builders.draft()
    with the.call():
        issued = services.invoice_issue(invoice=draft, recorder=treasurer, on=builders.DAY)
    return on(issued, by=treasurer, number="2026-0001", kind="invoice", gross=95000)


@ROWS.writes("invoicing.payment.recorded")
def a_treasurer_records_a_payment(the):
    treasurer = the.user("mateo", "treasurer")
    builders.world()
    invoice = builders.issued()
    with the.call():
        services.invoice_payment_record(
            invoice=invoice,
            amount_minor=1000,
            date=builders.DAY,
            method="transfer",
            recorder=treasurer,
        )
    return on(invoice, by=treasurer, amount=1000, date="2026-03-02")


@ROWS.writes("invoicing.credit_note.issued")
def a_treasurer_issues_a_credit_note(the):
    treasurer = the.user("mateo", "treasurer")
    builders.world()
    invoice = builders.issued()
    with the.call():
        services.credit_note_issue(invoice=invoice, recorder=treasurer, on=builders.DAY)
    return on(invoice, by=treasurer, credit_note="2026-0002", gross=95000, refund=0)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))
