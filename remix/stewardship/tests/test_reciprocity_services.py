"""The services the study office invoiced to an organisation count as received: a paid invoice
nets to zero, an unpaid one shows what is owed, a credit note takes off; persons are not listed."""

import datetime

from remix.invoicing import services as invoicing
from remix.invoicing.tests.builders import client as organisation
from remix.invoicing.tests.builders import world
from remix.stewardship.reciprocity import reciprocity_actors, reciprocity_rows

DAY = datetime.date(2026, 3, 2)
PAID = datetime.date(2026, 3, 20)
LINES = [{"description": "Atelier", "quantity": "1", "unit_price_minor": 300_00, "vat_rate": "20"}]


def _issued(the_client, lines=LINES):
    draft = invoicing.invoice_draft_create(
        client=the_client, lines=lines, language="fr", currency="EUR", recorder=None
    )
    return invoicing.invoice_issue(invoice=draft, recorder=None, on=DAY)


def _pay(invoice, minor=360_00):
    invoicing.invoice_payment_record(
        invoice=invoice, amount_minor=minor, date=PAID, method="transfer", recorder=None
    )


def _rows():
    return {row.actor.pk: row for row in reciprocity_rows(reciprocity_actors())}


def test_a_paid_invoice_nets_to_zero(db):
    world()
    montreuil = organisation()
    _pay(_issued(montreuil))

    row = _rows()[montreuil.pk]

    assert row.money_given == {"EUR": 360_00}  # what it paid is given
    assert row.services_received == {"EUR": 360_00}  # what it got is received
    assert (row.services_received_minor, row.received_total_minor) == (360_00, 360_00)
    assert row.balance_minor == 0


def test_an_unpaid_invoice_counts_as_received(db):
    world()
    montreuil = organisation()
    _issued(montreuil)
    invoicing.invoice_draft_create(  # a draft is not invoiced yet
        client=montreuil, lines=LINES, language="fr", currency="EUR", recorder=None
    )

    row = _rows()[montreuil.pk]

    assert row.money_given == {}
    assert row.services_received == {"EUR": 360_00}
    assert row.balance_minor == 360_00  # what it owes


def test_a_credit_note_reduces_what_was_received(db):
    world()
    montreuil = organisation()
    invoice = _issued(montreuil)
    half = [{**LINES[0], "unit_price_minor": 100_00}]
    invoicing.credit_note_issue(invoice=invoice, recorder=None, lines=half, on=DAY)

    row = _rows()[montreuil.pk]

    assert row.services_received == {"EUR": 360_00 - 120_00}
    assert row.balance_minor == 240_00


def test_a_refunded_credit_note_leaves_a_paid_invoice_at_zero(db):
    world()
    montreuil = organisation()
    invoice = _issued(montreuil)
    _pay(invoice)
    invoicing.credit_note_issue(invoice=invoice, recorder=None, on=PAID)  # all of it, refunded

    row = _rows()[montreuil.pk]

    assert row.money_given == {"EUR": 0}  # paid, then given back
    assert row.money_received == {}  # the refund undoes income: it is not money received
    assert row.services_received == {"EUR": 0}
    assert row.balance_minor == 0


def test_a_person_client_is_not_in_the_table(db):
    world()
    person = organisation(
        "Camille Martin", kind="person", legal_form="", legal_id="", legal_id_scheme=""
    )
    _pay(_issued(person))

    assert person.pk not in _rows()


def test_the_rows_cost_seven_queries_whatever_the_number_of_clients(db, django_assert_num_queries):
    world()
    for number in range(3):
        _pay(_issued(organisation(f"Commune {number}")))
    actors = list(reciprocity_actors())
    assert len(actors) == 3

    with django_assert_num_queries(7):
        rows = reciprocity_rows(actors)
    assert [row.balance_minor for row in rows] == [0, 0, 0]


def test_the_page_and_the_api_show_the_services(client, db):
    world()
    montreuil = organisation()
    _issued(montreuil)

    html = client.get("/stewardship/").content.decode()
    items = {
        row["slug"]: row for row in client.get("/api/v1/stewardship/reciprocity").json()["items"]
    }

    assert "360,00\xa0€" in html
    received = items[montreuil.slug]["received"]
    assert received["services"] == [{"commodity": "EUR", "amount": "360.00"}]
    assert received["services_value"] == "360.00"
    assert items[montreuil.slug]["received_value"] == "360.00"
    assert items[montreuil.slug]["balance"] == "360.00"
