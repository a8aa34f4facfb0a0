"""The invoices' pages: treasurers only; a draft written, issued, paid and credited through the
forms; the PDF served through its view only; the admin shows and never changes."""

import pytest

from remix.invoicing.models import Invoice, InvoicePayment
from remix.invoicing.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def treasurer(client, make_user):
    builders.world()
    builders.client()
    client.force_login(make_user("mateo", roles=["member", "treasurer"]))
    return client


def _draft_form(client_pk):
    return {
        "client": client_pk,
        "language": "fr",
        "note": "",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-description": "Atelier de cartographie",
        "lines-0-quantity": "2",
        "lines-0-unit_price": "450",
        "lines-0-vat_rate": "0",
        # The blank rows as a browser sends them: their initial quantity and rate.
        "lines-1-quantity": "1",
        "lines-1-vat_rate": "0",
        "lines-2-quantity": "1",
        "lines-2-vat_rate": "0",
    }


def test_members_and_visitors_are_kept_out(client, make_user):
    assert client.get("/invoices/").status_code == 302
    client.force_login(make_user("yasmine", roles=["member"]))
    assert client.get("/invoices/").status_code == 403
    assert client.get("/invoices/new/").status_code == 403


def test_the_treasurers_journey(treasurer):
    from remix.allies.models import Actor

    montreuil = Actor.objects.get(name="Ville de Montreuil")
    answer = treasurer.post("/invoices/new/", _draft_form(montreuil.pk))
    assert answer.status_code == 302, answer.content.decode()[:3000]
    invoice = Invoice.objects.get()
    assert invoice.gross_minor == 90000 and invoice.lines.count() == 1
    page = treasurer.get(f"/invoices/{invoice.pk}/")
    assert page.status_code == 200 and "Atelier de cartographie" in page.content.decode()
    assert treasurer.get(f"/invoices/{invoice.pk}/pdf/").status_code == 404
    assert treasurer.post(f"/invoices/{invoice.pk}/issue/").status_code == 302
    invoice.refresh_from_db()
    assert invoice.is_issued and invoice.sequence == 1
    assert treasurer.get(f"/invoices/{invoice.pk}/edit/").status_code == 302
    pdf = treasurer.get(f"/invoices/{invoice.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    refused = treasurer.post(
        f"/invoices/{invoice.pk}/payment/",
        {"amount": "900.01", "date": "2026-12-01", "method": "transfer"},
    )
    assert refused.status_code == 400 and not InvoicePayment.objects.exists()
    paid = treasurer.post(
        f"/invoices/{invoice.pk}/payment/",
        {"amount": "900.00", "date": "2026-12-01", "method": "transfer"},
    )
    assert paid.status_code == 302 and InvoicePayment.objects.get().amount_minor == 90000
    listed = treasurer.get("/invoices/?status=paid").content.decode()
    assert invoice.number in listed
    credit = treasurer.post(
        f"/invoices/{invoice.pk}/credit-note/",
        {
            "credit-description": "Remise",
            "credit-amount": "100",
            "credit-vat_rate": "0",
            "credit-note": "Geste",
        },
    )
    assert credit.status_code == 302
    note = Invoice.objects.get(kind="credit_note")
    assert note.gross_minor == 10000 and note.payments.get().amount_minor == 10000


def test_the_admin_only_shows(admin_client):
    builders.world()
    invoice = builders.issued()
    page = admin_client.get(f"/admin/invoicing/invoice/{invoice.pk}/change/")
    assert page.status_code == 200
    changed = admin_client.post(f"/admin/invoicing/invoice/{invoice.pk}/change/", {"note": "x"})
    assert changed.status_code == 403
    deleted = admin_client.post(f"/admin/invoicing/invoice/{invoice.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert Invoice.objects.get(pk=invoice.pk).note == ""


def test_a_steward_sets_the_issuer(client, make_user):
    client.force_login(make_user("louise", roles=["member", "steward"]))
    answer = client.post(
        "/invoices/issuer/",
        {
            "name": "Remix des Communs",
            "address": "1 rue A\n75001 Paris",
            "siret": "732829320",
            "vat_number": "",
            "vat_exemption": "293b",
            "payment_days": "45",
            "late_penalty_rate": "10",
            "recovery_indemnity_minor": "4000",
        },
    )
    assert answer.status_code == 302
    from remix.invoicing.models import InvoiceIssuer

    assert InvoiceIssuer.objects.get().payment_days == 45
    bad = client.post("/invoices/issuer/", {"name": "X", "address": "Y", "siret": "123"})
    assert bad.status_code == 200 and "SIRE" in bad.content.decode()
