"""The demo's invoices: one paid, one due with a credit note, every client with an identifier."""

import pytest

from remix.core.demo import demo_load
from remix.invoicing.models import Invoice
from remix.invoicing.selectors import invoice_balance


@pytest.mark.django_db
def test_the_demo_has_a_paid_invoice_a_due_one_and_a_credit_note():
    demo_load()
    # The invoicing demo's two, first; the study office's deposit comes after them.
    invoices = list(Invoice.objects.filter(kind="invoice").order_by("sequence")[:2])
    paid, due = invoices
    assert invoice_balance(paid).is_paid
    assert invoice_balance(due).due == 174000 - 9000
    note = Invoice.objects.get(kind="credit_note")
    assert note.credit_for == due and note.gross_minor == 9000
    assert {invoice.client_details["scheme"] for invoice in invoices} == {"siret", "vat"}
    for year in {invoice.year for invoice in Invoice.objects.all()}:
        numbers = sorted(Invoice.objects.filter(year=year).values_list("sequence", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
    issued = Invoice.objects.count()
    demo_load()
    assert Invoice.objects.count() == issued
