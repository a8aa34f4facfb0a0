"""Drafts, issue with a gapless number per year, the details copied at issue, payments posted to
the books, and credit notes with their refund."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from remix.invoicing import services
from remix.invoicing.models import Invoice, InvoiceStatus
from remix.invoicing.selectors import invoice_balance, invoice_list
from remix.invoicing.tests import builders
from remix.ledger.models import Posting

pytestmark = pytest.mark.django_db


def test_a_draft_has_its_lines_and_totals_to_the_cent():
    invoice = builders.draft()
    assert invoice.status == InvoiceStatus.DRAFT and invoice.number == ""
    # 2 × 450.00 + 1.5 × 33.33 = 900.00 + 49.995 → 50.00 (half up)
    assert [line.net_minor for line in invoice.lines.all()] == [90000, 5000]
    assert (invoice.net_minor, invoice.vat_minor, invoice.gross_minor) == (95000, 0, 95000)


def test_vat_is_computed_once_per_rate():
    lines = [
        {"description": "A", "quantity": "1", "unit_price_minor": 1005, "vat_rate": "20"},
        {"description": "B", "quantity": "1", "unit_price_minor": 1005, "vat_rate": "20"},
        {"description": "C", "quantity": "3", "unit_price_minor": 333, "vat_rate": "5.5"},
    ]
    invoice = builders.draft(lines=lines)
    # 20 %: 20.10 → 4.02; 5.5 %: 9.99 → 0.54945 → 0.55 (per line it would be 2.01 + 2.01 too,
    # but 3 lines of 3.33 at 5.5 % give 0.18 × 3 = 0.54 per line and 0.55 per rate).
    assert (invoice.net_minor, invoice.vat_minor, invoice.gross_minor) == (3009, 457, 3466)


def test_a_line_is_checked():
    with pytest.raises(ValidationError):
        builders.draft(lines=[{"description": "", "quantity": "1", "unit_price_minor": 1}])
    with pytest.raises(ValidationError):
        builders.draft(lines=[{"description": "x", "quantity": "-1", "unit_price_minor": 1}])
    with pytest.raises(ValidationError):
        builders.draft(lines=[{"description": "x", "quantity": "1", "unit_price": "1.001"}])
    assert not Invoice.objects.exists()


def test_issue_numbers_without_gap_per_year_and_copies_the_details():
    builders.world()
    client = builders.client()
    first = builders.issued(client)
    second = builders.issued(client)
    next_year = builders.issued(client, on=datetime.date(2027, 1, 4))
    assert [first.number, second.number, next_year.number] == [
        "2026-0001",
        "2026-0002",
        "2027-0001",
    ]
    assert first.due_date == builders.DAY + datetime.timedelta(days=30)
    assert first.client_details["legal_id"] == "21930048000015"
    assert first.issuer["vat_exemption"] == "261-7-1b"
    assert first.bank["iban"] == "FR7630006000011234567890189"
    client.postal_address = "Ailleurs"
    client.save()
    services.invoice_issuer_set(name="Autre nom")
    first.refresh_from_db()
    assert first.client_details["address"].startswith("Place Jean-Jaurès")
    assert first.issuer["name"] == "Remix des Communs"


def test_issuing_twice_returns_the_same_number():
    builders.world()
    invoice = builders.issued()
    again = services.invoice_issue(invoice=invoice, recorder=None)
    assert again.number == invoice.number == "2026-0001"


def test_issue_needs_the_issuer_the_bank_and_the_clients_address():
    invoice = builders.draft(builders.client(postal_address=""))
    with pytest.raises(ValidationError):
        services.invoice_issue(invoice=invoice, recorder=None, on=builders.DAY)
    builders.issuer()
    with pytest.raises(ValidationError):
        services.invoice_issue(invoice=invoice, recorder=None, on=builders.DAY)
    builders.bank()
    with pytest.raises(ValidationError):
        services.invoice_issue(invoice=invoice, recorder=None, on=builders.DAY)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DRAFT


def _income(invoice):
    return sum(
        p.amount_minor
        for p in Posting.objects.filter(
            account__code="Income:Services", transaction__posted_at__isnull=False
        )
    )


def test_payments_post_to_the_books_until_settled():
    builders.world()
    invoice = builders.issued()
    services.invoice_payment_record(
        invoice=invoice, amount_minor=50000, date=builders.DAY, method="transfer", recorder=None
    )
    assert invoice_balance(invoice).due == 45000
    with pytest.raises(ValidationError):
        services.invoice_payment_record(
            invoice=invoice, amount_minor=45001, date=builders.DAY, method="transfer", recorder=None
        )
    payment = services.invoice_payment_record(
        invoice=invoice, amount_minor=45000, date=builders.DAY, method="cheque", recorder=None
    )
    assert invoice_balance(invoice).is_paid
    assert payment.transaction.is_posted
    legs = {p.account.code: p.amount_minor for p in payment.transaction.postings.all()}
    assert legs == {"Assets:Bank:Current": 45000, "Income:Services": -45000}
    assert payment.transaction.postings.get(amount_minor=-45000).account.nature == "commercial"
    assert _income(invoice) == -95000


def test_a_partial_credit_note_before_payment_lowers_what_is_due():
    builders.world()
    invoice = builders.issued()
    note = services.credit_note_issue(
        invoice=invoice,
        lines=[{"description": "Frais non engagés", "quantity": "1", "unit_price": "50.00"}],
        recorder=None,
        on=builders.DAY,
    )
    assert note.number == "2026-0002" and note.credit_for == invoice
    assert invoice_balance(invoice).due == 90000
    assert not note.payments.exists()
    with pytest.raises(ValidationError):
        services.credit_note_issue(
            invoice=invoice,
            lines=[{"description": "Trop", "quantity": "1", "unit_price": "900.01"}],
            recorder=None,
            on=builders.DAY,
        )


def test_a_total_credit_note_after_payment_refunds_and_posts_the_reversal_side():
    builders.world()
    invoice = builders.issued()
    services.invoice_payment_record(
        invoice=invoice, amount_minor=95000, date=builders.DAY, method="transfer", recorder=None
    )
    note = services.credit_note_issue(invoice=invoice, recorder=None, on=builders.DAY)
    assert note.gross_minor == 95000
    refund = note.payments.get()
    assert refund.amount_minor == 95000
    legs = {p.account.code: p.amount_minor for p in refund.transaction.postings.all()}
    assert legs == {"Assets:Bank:Current": -95000, "Income:Services": 95000}
    balance = invoice_balance(invoice)
    assert (balance.credited, balance.paid, balance.refunded, balance.due) == (
        95000,
        95000,
        95000,
        0,
    )
    assert _income(invoice) == 0


def test_the_list_filters_by_status_year_and_client():
    builders.world()
    montreuil = builders.client()
    other = builders.client(
        "Coopérative Oxalis",
        kind="organisation",
        legal_form="scic",
        legal_id_scheme="siren",
        legal_id="732829320",
    )
    paid = builders.issued(montreuil)
    services.invoice_payment_record(
        invoice=paid, amount_minor=95000, date=builders.DAY, method="transfer", recorder=None
    )
    due = builders.issued(other)
    draft = builders.draft(other)
    assert list(invoice_list(status="paid")) == [paid]
    assert list(invoice_list(status="due")) == [due]
    assert list(invoice_list(status="draft")) == [draft]
    assert set(invoice_list(client=other)) == {due, draft}
    assert list(invoice_list(year=2025)) == []
    row = invoice_list(status="paid").get()
    assert (row.paid_minor, row.credited_minor, row.refunded_minor) == (95000, 0, 0)
    assert Decimal(row.gross) == Decimal("950.00")
