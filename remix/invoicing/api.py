"""Invoices over HTTP, for treasurers (an API token): the list, a draft written and issued, the
Factur-X file, a payment recorded and a credit note. No route changes or deletes an issued
invoice: there is none."""

import datetime
import functools
from typing import Literal

from django.db import transaction as db
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import token_auth_for
from remix.api.common import (
    ERRORS,
    RETRY_ACTION,
    DecimalText,
    IdempotencyKey,
    Page,
    Rows,
    WindowDate,
    actor_by_slug,
    amount_text,
    retry_key,
    retry_record,
)
from remix.core.amounts import amount_positive
from remix.core.models import AuditEvent
from remix.core.permissions import (
    can_issue_credit_note,
    can_issue_invoice,
    can_record_invoice_payment,
)
from remix.invoicing import selectors, services
from remix.invoicing.documents import invoice_filename
from remix.invoicing.models import Invoice, PaymentMethod
from remix.invoicing.pdf import invoice_pdf

router = Router(tags=["invoices"])
TREASURERS = token_auth_for(can_issue_invoice)


class LineIn(BaseModel):
    description: str = Field(max_length=500)
    quantity: DecimalText = "1"
    unit_price: DecimalText
    vat_rate: DecimalText = "0"


class InvoiceIn(BaseModel):
    client: str = Field(description="The client's slug on the allies map.")
    language: Literal["fr", "en", "es"] = "fr"
    currency: str = "EUR"
    note: str = ""
    lines: list[LineIn] = Field(min_length=1, max_length=200)
    issue: bool = Field(False, description="Issue it at once (numbered, never changed again).")


class LineOut(BaseModel):
    description: str
    quantity: str
    unit_price: str
    vat_rate: str
    amount: str


class InvoiceOut(BaseModel):
    id: int
    kind: Literal["invoice", "credit_note"]
    number: str
    status: Literal["draft", "issued"]
    client: str
    language: str
    currency: str
    issue_date: datetime.date | None
    due_date: datetime.date | None
    net: str
    vat: str
    gross: str
    paid: str | None
    due: str | None
    credit_for: str | None
    pdf: str | None


class InvoiceDetailOut(InvoiceOut):
    lines: list[LineOut]


def _out(invoice, *, paid=None, due=None) -> dict:
    money = functools.partial(amount_text, commodity=invoice.currency)
    issued_invoice = invoice.is_issued and not invoice.is_credit_note
    return {
        "id": invoice.pk,
        "kind": invoice.kind,
        "number": invoice.number,
        "status": invoice.status,
        "client": invoice.client.slug,
        "language": invoice.language,
        "currency": invoice.currency,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "net": money(invoice.net_minor),
        "vat": money(invoice.vat_minor),
        "gross": money(invoice.gross_minor),
        "paid": money(paid) if issued_invoice and paid is not None else None,
        "due": money(max(due, 0)) if issued_invoice and due is not None else None,
        "credit_for": invoice.credit_for.number if invoice.credit_for_id else None,
        "pdf": f"/api/v1/invoices/{invoice.pk}/pdf" if invoice.is_issued else None,
    }


def _detail(invoice) -> dict:
    balance = selectors.invoice_balance(invoice) if invoice.is_issued else None
    money = functools.partial(amount_text, commodity=invoice.currency)
    return {
        **_out(
            invoice,
            paid=balance and balance.paid - balance.refunded,
            due=balance and balance.due,
        ),
        "lines": [
            {
                "description": line.description,
                "quantity": format(line.quantity.normalize(), "f"),
                "unit_price": money(line.unit_price_minor),
                "vat_rate": format(line.vat_rate.normalize(), "f"),
                "amount": money(line.net_minor),
            }
            for line in invoice.lines.all()
        ],
    }


@router.get(
    "/invoices",
    response=list[InvoiceOut],
    auth=TREASURERS,
    summary="The study office's invoices and credit notes (treasurers)",
    description=(
        "Newest first. `status`: draft, due (issued, not settled) or paid; `year`; `client` (an "
        "actor's slug). `paid` is what was received less what was refunded; `due` what remains."
    ),
)
@paginate(Page)
def invoice_list(
    request,
    year: int | None = None,
    status: Literal["draft", "due", "paid"] | None = None,
    client: str | None = None,
):
    found = selectors.invoice_list(
        year=year,
        status=status or "",
        client=actor_by_slug(client, "client") if client else None,
    )
    return Rows(
        found,
        lambda row: _out(row, paid=row.paid_minor - row.refunded_minor, due=row.due_minor),
    )


@router.post(
    "/invoices",
    response={201: InvoiceDetailOut, **ERRORS},
    auth=TREASURERS,
    summary="Write a draft invoice, and issue it with `issue: true` (treasurers)",
    description=(
        "Without `issue`, a draft (changed on the invoices' pages until issued). With "
        "`issue: true`, the draft is issued in the same request: it takes the next number of "
        "the year and never changes again. Prices are without VAT; `vat_rate` is in percent."
    ),
)
def invoice_create(request, payload: InvoiceIn):
    client = actor_by_slug(payload.client, "client")
    with db.atomic():
        invoice = services.invoice_draft_create(
            client=client,
            lines=[line.model_dump() for line in payload.lines],
            language=payload.language,
            currency=payload.currency,
            note=payload.note,
            recorder=request.auth,
        )
        if payload.issue:
            invoice = services.invoice_issue(invoice=invoice, recorder=request.auth)
    return Status(201, _detail(invoice))


def _invoice(invoice_id: int) -> Invoice:
    return get_object_or_404(Invoice.objects.select_related("client", "credit_for"), pk=invoice_id)


@router.get(
    "/invoices/{invoice_id}",
    response={200: InvoiceDetailOut, **ERRORS},
    auth=TREASURERS,
    summary="One invoice or credit note, with its lines and what is due (treasurers)",
)
def invoice_detail(request, invoice_id: int):
    return _detail(_invoice(invoice_id))


@router.post(
    "/invoices/{invoice_id}/issue",
    response={200: InvoiceDetailOut, **ERRORS},
    auth=TREASURERS,
    summary="Issue a draft: the next number of the year; never changed again (treasurers)",
    description="Issuing an issued invoice again answers it as it is.",
)
def invoice_issue(request, invoice_id: int):
    invoice = services.invoice_issue(invoice=_invoice(invoice_id), recorder=request.auth)
    return _detail(invoice)


@router.get(
    "/invoices/{invoice_id}/pdf",
    response={**ERRORS},
    auth=TREASURERS,
    summary="The Factur-X file of an issued invoice (treasurers)",
    description="A PDF/A-3 carrying its CII XML, profile EN 16931; a draft has none (404).",
    openapi_extra={
        "responses": {
            200: {
                "description": "The Factur-X PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def invoice_file(request, invoice_id: int):
    invoice = _invoice(invoice_id)
    if not invoice.is_issued:
        raise Http404("A draft has no PDF: issue it first.")
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice_filename(invoice)}"'
    response["Cache-Control"] = "private, no-store"
    return response


class PaymentIn(BaseModel):
    amount: DecimalText
    date: WindowDate
    method: PaymentMethod = PaymentMethod.TRANSFER


@router.post(
    "/invoices/{invoice_id}/payments",
    response={201: InvoiceDetailOut, 200: InvoiceDetailOut, **ERRORS},
    auth=token_auth_for(can_record_invoice_payment),
    summary="Record what the client paid: posted to the books (treasurers)",
    description=(
        "More than is due is refused (422). With an `Idempotency-Key`, a repeat records "
        "nothing more and answers 200."
    ),
)
def invoice_payment(
    request, invoice_id: int, payload: PaymentIn, idempotency_key: IdempotencyKey = None
):
    invoice = _invoice(invoice_id)
    key = retry_key(request, idempotency_key)
    if key and AuditEvent.objects.filter(action=RETRY_ACTION, data__key=key).exists():
        return Status(200, _detail(invoice))
    minor, _code = amount_positive(payload.amount, invoice.currency)
    with db.atomic():
        payment = services.invoice_payment_record(
            invoice=invoice,
            amount_minor=minor,
            date=payload.date,
            method=payload.method,
            recorder=request.auth,
        )
        retry_record(request, key, payment)
    return Status(201, _detail(invoice))


class CreditNoteIn(BaseModel):
    lines: list[LineIn] | None = Field(
        None, max_length=200, description="Left out: the whole invoice is credited."
    )
    note: str = ""


@router.post(
    "/invoices/{invoice_id}/credit-note",
    response={201: InvoiceDetailOut, **ERRORS},
    auth=token_auth_for(can_issue_credit_note),
    summary="Issue a credit note for an issued invoice, total or partial (treasurers)",
    description=(
        "Numbered in the invoices' series. What the client paid beyond what then remains due is "
        "refunded and posted to the books. The answer is the credit note."
    ),
)
def invoice_credit_note(request, invoice_id: int, payload: CreditNoteIn):
    invoice = _invoice(invoice_id)
    note = services.credit_note_issue(
        invoice=invoice,
        lines=None if payload.lines is None else [line.model_dump() for line in payload.lines],
        note=payload.note,
        recorder=request.auth,
    )
    return Status(201, _detail(note))
