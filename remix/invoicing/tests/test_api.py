"""The invoices' API: treasurers only; a draft written and issued, the Factur-X file, a payment
(idempotent with a key), a credit note; no route changes an issued invoice; the list's cost."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from remix.api.tests.calls import bearer, get, post
from remix.api.tests.lists import assert_list_cost_flat
from remix.invoicing.models import Invoice, InvoicePayment
from remix.invoicing.tests import builders

pytestmark = pytest.mark.django_db

BODY = {
    "client": "ville-de-montreuil",
    "language": "fr",
    "lines": [
        {"description": "Atelier de cartographie", "quantity": "2", "unit_price": "450.00"},
        {"description": "Frais", "quantity": "1", "unit_price": "50.00"},
    ],
}


@pytest.fixture
def treasurer(api_token):
    builders.world()
    builders.client()
    _user, raw = api_token(roles=["member", "treasurer"])
    return bearer(raw)


def test_members_are_refused(api_token):
    _user, raw = api_token(roles=["member"])
    assert get(client_(), "/invoices", **bearer(raw)).status_code == 403
    assert post(client_(), "/invoices", BODY, **bearer(raw)).status_code == 403
    assert get(client_(), "/invoices").status_code == 401


def client_():
    from django.test import Client

    return Client()


def test_a_draft_then_issue_then_pay_then_credit(treasurer):
    http = client_()
    made = post(http, "/invoices", BODY, **treasurer)
    assert made.status_code == 201, made.content
    draft = made.json()
    assert (draft["status"], draft["number"], draft["gross"], draft["pdf"]) == (
        "draft",
        "",
        "950.00",
        None,
    )
    assert get(http, f"/invoices/{draft['id']}/pdf", **treasurer).status_code == 404
    issued = post(http, f"/invoices/{draft['id']}/issue", {}, **treasurer).json()
    year = timezone.localdate().year
    assert (issued["number"], issued["due"], issued["paid"]) == (f"{year}-0001", "950.00", "0.00")
    pdf = get(http, issued["pdf"].removeprefix("/api/v1"), **treasurer)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert "factur-x.xml" in PdfReader(io.BytesIO(pdf.content)).attachments
    key = {"HTTP_IDEMPOTENCY_KEY": "pay-1"}
    body = {"amount": "950.00", "date": "2026-03-10", "method": "transfer"}
    paid = post(http, f"/invoices/{draft['id']}/payments", body, **treasurer, **key)
    assert paid.status_code == 201, paid.content
    assert (paid.json()["paid"], paid.json()["due"]) == ("950.00", "0.00")
    again = post(http, f"/invoices/{draft['id']}/payments", body, **treasurer, **key)
    assert again.status_code == 200 and InvoicePayment.objects.count() == 1
    too_much = post(
        http, f"/invoices/{draft['id']}/payments", {**body, "amount": "1.00"}, **treasurer
    )
    assert too_much.status_code == 422
    note = post(http, f"/invoices/{draft['id']}/credit-note", {}, **treasurer)
    assert note.status_code == 201, note.content
    assert (note.json()["kind"], note.json()["credit_for"]) == ("credit_note", issued["number"])


def test_issue_in_one_request_and_no_route_changes_an_issued_invoice(treasurer):
    http = client_()
    issued = post(http, "/invoices", {**BODY, "issue": True}, **treasurer).json()
    assert issued["status"] == "issued"
    for method in ("put", "patch", "delete"):
        answer = getattr(http, method)(
            f"/api/v1/invoices/{issued['id']}", content_type="application/json", **treasurer
        )
        assert answer.status_code == 405
    assert Invoice.objects.get(pk=issued["id"]).gross_minor == 95000


def test_a_bad_line_is_refused_on_its_field(treasurer):
    body = {**BODY, "lines": [{"description": "", "quantity": "1", "unit_price": "1"}]}
    answer = post(client_(), "/invoices", body, **treasurer)
    assert answer.status_code == 422
    assert not Invoice.objects.exists()


def test_the_list_costs_the_same_whatever_its_length(treasurer):
    made = []
    oxalis = builders.client("Coopérative Oxalis", kind="organisation")
    client = client_()

    def rows(count):
        for _ in range(count):
            made.append(builders.issued(oxalis).pk)
        return made

    assert_list_cost_flat(client, "/invoices", rows=rows, **treasurer)
