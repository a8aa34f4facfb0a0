"""Every write of invoicing: the issuer's details, drafts, issue (a gapless number per year),
payments posted to the books, and credit notes (with the refund of what was paid too much).

Services take the person acting as ``recorder`` and ask the named permission themselves;
``recorder=None`` is the platform (the demo, a command)."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.allies.identifiers import legal_id_check
from remix.allies.models import ActorKind
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.money import Money, MoneyError, commodity_check, to_minor
from remix.core.numbering import counter_next
from remix.core.permissions import (
    can_issue_credit_note,
    can_issue_invoice,
    can_record_invoice_payment,
    can_set_invoice_issuer,
    require_recorder,
)
from remix.invoicing import totals as maths
from remix.invoicing.models import (
    Invoice,
    InvoiceCounter,
    InvoiceIssuer,
    InvoiceKind,
    InvoiceLine,
    InvoicePayment,
    InvoiceStatus,
    PaymentMethod,
    VatExemption,
)
from remix.invoicing.selectors import invoice_balance
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Account
from remix.ledger.selectors import bank_account_held, platform_fund

LANGUAGES = ("fr", "en", "es")
# The chart's « prestations de services » (706): its resource nature is commercial.
SERVICES_INCOME = "Income:Services"


def invoice_issuer_set(*, recorder=None, **given) -> InvoiceIssuer:
    """Say who issues the invoices; those issued from now on copy it, earlier ones keep theirs."""
    require_recorder(can_set_invoice_issuer, recorder)
    unknown = set(given) - set(InvoiceIssuer.FIELDS)
    if unknown:
        raise TypeError(f"unknown issuer fields: {sorted(unknown)}")
    with db.atomic():
        row = InvoiceIssuer.objects.select_for_update().filter(pk=1).first()
        before = row.as_issuer() if row is not None else {}
        row = row or InvoiceIssuer(pk=1)
        for field, value in given.items():
            setattr(row, field, value.strip() if isinstance(value, str) else value)
        row.siret = _issuer_id(row.siret)
        if row.vat_number:
            row.vat_number = legal_id_check("vat", row.vat_number)
        if not row.vat_number and row.vat_exemption == VatExemption.SUBJECT:
            raise ValidationError(
                {"vat_number": _("Give the VAT number, or choose the exemption mention.")}
            )
        row.changed_by = as_recorder(recorder)
        row.full_clean(exclude=["changed_by"])
        row.save()
        audit_record(
            action="invoicing.issuer.changed",
            recorder=recorder,
            obj=row,
            data={"before": before, "after": row.as_issuer()},
        )
    return row


def _issuer_id(number: str) -> str:
    digits = "".join(ch for ch in number or "" if ch.isalnum())
    scheme = "siren" if len(digits) == 9 else "siret"
    try:
        return legal_id_check(scheme, digits)
    except ValidationError as error:
        raise ValidationError({"siret": error.message_dict["legal_id"]}) from None


def _line_read(position: int, line: Mapping) -> InvoiceLine:
    """A line as given (``description``, ``quantity``, ``unit_price_minor`` or ``unit_price``,
    ``vat_rate`` in percent), checked; its net amount computed."""
    description = (line.get("description") or "").strip()
    if not description:
        raise ValidationError({"lines": _("Line %(n)s: describe it.") % {"n": position + 1}})
    try:
        quantity = Decimal(str(line.get("quantity", "1")).strip())
        rate = Decimal(str(line.get("vat_rate", "0") or "0").strip())
        price = line.get("unit_price_minor")
        if price is None:
            price = to_minor(str(line.get("unit_price", "")).strip(), line["currency"])
    except (InvalidOperation, MoneyError, KeyError):
        raise ValidationError(
            {"lines": _("Line %(n)s: a number is not valid.") % {"n": position + 1}}
        ) from None
    if not quantity.is_finite() or quantity <= 0 or quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationError(
            {
                "lines": _("Line %(n)s: the quantity is positive, with at most three decimals.")
                % {"n": position + 1}
            }
        )
    if int(price) < 0 or not (0 <= rate < 100):
        raise ValidationError(
            {
                "lines": _("Line %(n)s: the price and the VAT rate cannot be negative.")
                % {"n": position + 1}
            }
        )
    return InvoiceLine(
        position=position,
        description=description[:500],
        quantity=quantity,
        unit_price_minor=int(price),
        vat_rate=rate,
        net_minor=maths.line_net(quantity, int(price)),
    )


def _lines_write(invoice: Invoice, lines: Iterable[Mapping]) -> None:
    rows = [_line_read(i, {"currency": invoice.currency, **line}) for i, line in enumerate(lines)]
    if not rows:
        raise ValidationError({"lines": _("An invoice has at least one line.")})
    for row in rows:
        row.invoice = invoice
    InvoiceLine.objects.bulk_create(rows)
    found = maths.totals((row.net_minor, row.vat_rate) for row in rows)
    invoice.net_minor, invoice.vat_minor = found.net_minor, found.vat_minor
    invoice.gross_minor = found.gross_minor
    invoice.save(update_fields=["net_minor", "vat_minor", "gross_minor"])


def _language_check(language: str) -> str:
    language = (language or "fr").split("-")[0]
    if language not in LANGUAGES:
        raise ValidationError(
            {"language": _("Invoices are written in French, English or Spanish.")}
        )
    return language


def invoice_draft_create(*, client, lines, language, currency, recorder, note: str = "") -> Invoice:
    """A draft invoice for ``client`` (an actor of the allies map), with ``lines`` (mappings of
    ``description``, ``quantity``, ``unit_price_minor`` or ``unit_price``, ``vat_rate``)."""
    require_recorder(can_issue_invoice, recorder)
    currency = commodity_check(currency or "EUR")
    with db.atomic():
        invoice = Invoice.objects.create(
            client=client,
            language=_language_check(language),
            currency=currency,
            note=(note or "").strip(),
            created_by=as_recorder(recorder),
        )
        _lines_write(invoice, lines)
        audit_record(
            action="invoicing.invoice.drafted",
            recorder=recorder,
            obj=invoice,
            data={"client": client.pk, "gross": invoice.gross_minor},
        )
    return invoice


def invoice_draft_update(
    *, invoice: Invoice, client, lines, language, recorder, note: str = ""
) -> Invoice:
    """A draft's client, language, note and lines, replaced; an issued invoice is refused."""
    require_recorder(can_issue_invoice, recorder)
    with db.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.is_issued:
            raise ValidationError(_("An issued invoice never changes: issue a credit note."))
        invoice.client, invoice.note = client, (note or "").strip()
        invoice.language = _language_check(language)
        invoice.save(update_fields=["client", "note", "language"])
        invoice.lines.all().delete()
        _lines_write(invoice, lines)
        audit_record(
            action="invoicing.invoice.changed",
            recorder=recorder,
            obj=invoice,
            data={"client": client.pk, "gross": invoice.gross_minor},
        )
    return invoice


def invoice_draft_delete(*, invoice: Invoice, recorder) -> None:
    require_recorder(can_issue_invoice, recorder)
    with db.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.is_issued:
            raise ValidationError(_("An issued invoice never changes: issue a credit note."))
        audit_record(action="invoicing.invoice.deleted", recorder=recorder, obj=invoice)
        invoice.delete()


def _client_details(client) -> dict:
    legal_id_check(client.legal_id_scheme, client.legal_id)
    if not client.postal_address.strip():
        raise ValidationError(
            {"client": _("The client's postal address is missing: add it on the allies map.")}
        )
    return {
        "name": client.name,
        "address": client.postal_address.strip(),
        "country": client.country or "FR",
        "scheme": client.legal_id_scheme,
        "legal_id": client.legal_id,
        "professional": client.kind != ActorKind.PERSON,
    }


def _issuer_details() -> dict:
    row = InvoiceIssuer.objects.first()
    if row is None:
        raise ValidationError(_("Say who issues the invoices first (the issuer's page)."))
    return row.as_issuer()


def _bank_details(on: datetime.date) -> dict:
    held = bank_account_held(on=on)
    if held is None:
        raise ValidationError(_("No bank account is held on this day: the client could not pay."))
    return {"iban": held.iban, "bic": held.bic, "holder": held.holder.name}


def invoice_issue(*, invoice: Invoice, recorder, on: datetime.date | None = None) -> Invoice:
    """The draft issued: the next number of its year, the issuer's, client's and bank's details
    copied, the due date set; never changed again. Issuing an issued invoice returns it."""
    require_recorder(
        can_issue_credit_note if invoice.is_credit_note else can_issue_invoice, recorder
    )
    on = on or timezone.localdate()
    date_check(on)
    with db.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.is_issued:
            return invoice
        issuer, client = _issuer_details(), _client_details(invoice.client)
        bank = _bank_details(on)
        sequence = counter_next(InvoiceCounter, year=on.year)
        Invoice.objects.filter(pk=invoice.pk, status=InvoiceStatus.DRAFT).update(
            status=InvoiceStatus.ISSUED,
            year=on.year,
            sequence=sequence,
            issue_date=on,
            due_date=on + datetime.timedelta(days=issuer["payment_days"]),
            issuer=issuer,
            client_details=client,
            bank=bank,
            issued_at=timezone.now(),
            issued_by=as_recorder(recorder),
        )
        invoice = Invoice.objects.get(pk=invoice.pk)
        audit_record(
            action="invoicing.invoice.issued",
            recorder=recorder,
            obj=invoice,
            data={"number": invoice.number, "kind": invoice.kind, "gross": invoice.gross_minor},
        )
    return invoice


def _payment_post(invoice, *, minor: int, on: datetime.date, refund: bool, fund, recorder):
    """The bank account held that day against the services' income (resource nature
    commercial), in ``fund`` (the platform's when left out); a refund posts the other way."""
    bank = bank_account_held(on=on)
    bank = bank.account if bank is not None else Account.objects.get(code=chart.BANK)
    income = Account.objects.get(code=SERVICES_INCOME)
    fund = fund or platform_fund()
    money = Money(minor, invoice.currency)
    legs = [ledger.Leg(bank, fund, money), ledger.Leg(income, fund, -money)]
    if refund:
        legs = [ledger.Leg(leg.account, leg.fund, -leg.money) for leg in legs]
    words = _("Refund of credit note %(number)s") if refund else _("Payment of invoice %(number)s")
    tx, _new = ledger.transaction_create(
        date=on,
        description=words % {"number": invoice.number} + f" · {invoice.client.name}",
        legs=legs,
        counterparty=invoice.client,
        reference=invoice.number,
        post=True,
        recorder=recorder,
    )
    return tx


def invoice_payment_record(
    *, invoice: Invoice, amount_minor: int, date: datetime.date, method: str, recorder, fund=None
) -> InvoicePayment:
    """What the client paid for an issued invoice, posted to the books; more than is due is
    refused (several payments may settle it)."""
    require_recorder(can_record_invoice_payment, recorder)
    date_check(date)
    if method not in PaymentMethod.values:
        raise ValidationError({"method": _("Choose how the client paid.")})
    if amount_minor <= 0:
        raise ValidationError({"amount": _("The amount is positive.")})
    with db.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if not invoice.is_issued or invoice.is_credit_note:
            raise ValidationError(_("A payment is recorded for an issued invoice."))
        due = invoice_balance(invoice).due
        if amount_minor > due:
            raise ValidationError({"amount": _("This is more than is due on the invoice.")})
        tx = _payment_post(
            invoice, minor=amount_minor, on=date, refund=False, fund=fund, recorder=recorder
        )
        payment = InvoicePayment.objects.create(
            invoice=invoice,
            amount_minor=amount_minor,
            date=date,
            method=method,
            transaction=tx,
            recorded_by=as_recorder(recorder),
        )
        audit_record(
            action="invoicing.payment.recorded",
            recorder=recorder,
            obj=invoice,
            data={"amount": amount_minor, "date": str(date), "transaction": tx.pk},
        )
    return payment


def _credited_lines(invoice: Invoice, lines) -> list[dict]:
    if lines is not None:
        return list(lines)
    return [
        {
            "description": line.description,
            "quantity": line.quantity,
            "unit_price_minor": line.unit_price_minor,
            "vat_rate": line.vat_rate,
        }
        for line in invoice.lines.all()
    ]


def _refund_record(note, minor: int, *, on, method, fund, recorder) -> InvoicePayment:
    """What a credit note gives back to a client who paid, posted the other way."""
    tx = _payment_post(note, minor=minor, on=on, refund=True, fund=fund, recorder=recorder)
    return InvoicePayment.objects.create(
        invoice=note,
        amount_minor=minor,
        date=on,
        method=method,
        transaction=tx,
        recorded_by=as_recorder(recorder),
    )


def credit_note_issue(
    *,
    invoice: Invoice,
    recorder,
    lines=None,
    note: str = "",
    on: datetime.date | None = None,
    refund_method: str = PaymentMethod.TRANSFER,
    fund=None,
) -> Invoice:
    """A credit note for ``invoice``: all its lines (total) or ``lines`` (partial), numbered in
    the same series; what the client then paid beyond what remains due is refunded and posted."""
    require_recorder(can_issue_credit_note, recorder)
    on = on or timezone.localdate()
    with db.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if not invoice.is_issued or invoice.is_credit_note:
            raise ValidationError(_("A credit note corrects an issued invoice."))
        if on < invoice.issue_date:
            raise ValidationError({"date": _("A credit note is not dated before its invoice.")})
        before = invoice_balance(invoice)
        note_ = Invoice.objects.create(
            kind=InvoiceKind.CREDIT_NOTE,
            credit_for=invoice,
            client=invoice.client,
            language=invoice.language,
            currency=invoice.currency,
            note=(note or "").strip(),
            created_by=as_recorder(recorder),
        )
        _lines_write(note_, _credited_lines(invoice, lines))
        if note_.gross_minor > invoice.gross_minor - before.credited:
            raise ValidationError(
                {"lines": _("The credit notes would take off more than the invoice's total.")}
            )
        note_ = invoice_issue(invoice=note_, recorder=recorder, on=on)
        refund = (before.paid - before.refunded) - (
            invoice.gross_minor - before.credited - note_.gross_minor
        )
        if refund > 0:
            _refund_record(note_, refund, on=on, method=refund_method, fund=fund, recorder=recorder)
        audit_record(
            action="invoicing.credit_note.issued",
            recorder=recorder,
            obj=invoice,
            data={
                "credit_note": note_.number,
                "gross": note_.gross_minor,
                "refund": max(refund, 0),
            },
        )
    return note_
