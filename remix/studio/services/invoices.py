"""An engagement invoiced through the invoicing app: a deposit (a share of the quote) or the
balance (the quote's lines when nothing was invoiced yet, else what remains of its total), each
issued at once and linked to the engagement.

Lines carry no VAT when the issuer states a VAT exemption (an association not subject to VAT),
else the standard French rate."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _
from django.utils.translation import override

from remix.core.audit import audit_record
from remix.core.money import round_minor
from remix.core.permissions import can_issue_invoice, require_recorder
from remix.invoicing import services as invoicing
from remix.invoicing.models import InvoiceIssuer
from remix.studio.models import Engagement, EngagementInvoice, InvoicePart
from remix.studio.selectors import engagement_invoiced_minor

STANDARD_VAT = "20"


def _vat_rate() -> str:
    issuer = InvoiceIssuer.objects.first()
    return "0" if issuer is None or issuer.vat_exemption else STANDARD_VAT


def _share_read(share) -> Decimal:
    try:
        value = Decimal(str(share))
    except InvalidOperation:
        value = Decimal(0)
    if not value.is_finite() or not Decimal(0) < value < 1:
        raise ValidationError({"share": _("A deposit is a share between 0 and 1, e.g. 0.30.")})
    return value


def _lines(engagement: Engagement, part: str, share) -> list[dict]:
    quote, rate = engagement.quote, _vat_rate()
    with override(quote.language):
        if part == InvoicePart.DEPOSIT:
            value = _share_read(share)
            label = _("Deposit of %(percent)s %% on quote %(number)s: %(title)s") % {
                "percent": format((value * 100).normalize(), "f"),
                "number": quote.number,
                "title": quote.title,
            }
            amount = round_minor(quote.total_minor * value)
            return [
                {
                    "description": label,
                    "quantity": "1",
                    "unit_price_minor": amount,
                    "vat_rate": rate,
                }
            ]
        invoiced = engagement_invoiced_minor(engagement)
        if invoiced == 0:
            return [
                {
                    "description": f"{quote.number} · {line.description}",
                    "quantity": str(line.quantity),
                    "unit_price_minor": line.unit_price_minor,
                    "vat_rate": rate,
                }
                for line in quote.lines.order_by("position")
            ]
        remaining = quote.total_minor - invoiced
        if remaining <= 0:
            raise ValidationError(_("The quote's total is invoiced already."))
        label = _("Balance of quote %(number)s: %(title)s") % {
            "number": quote.number,
            "title": quote.title,
        }
        return [
            {"description": label, "quantity": "1", "unit_price_minor": remaining, "vat_rate": rate}
        ]


def engagement_invoice(
    *, engagement: Engagement, part: str, share=None, recorder=None
) -> EngagementInvoice:
    """Issue an invoice for ``engagement``: a ``deposit`` of ``share`` (0.30 for 30 %) of the
    quote's total, or the ``balance``; the invoice is issued at once, in the client's language."""
    require_recorder(can_issue_invoice, recorder)
    if part not in InvoicePart.values:
        raise ValidationError({"part": _("Invoice a deposit or the balance.")})
    with db.atomic():
        engagement = (
            Engagement.objects.select_for_update().select_related("quote").get(pk=engagement.pk)
        )
        draft = invoicing.invoice_draft_create(
            client=engagement.client,
            lines=_lines(engagement, part, share),
            language=engagement.quote.language,
            currency=engagement.commodity,
            recorder=recorder,
            note=engagement.quote.number,
        )
        issued = invoicing.invoice_issue(invoice=draft, recorder=recorder)
        link = EngagementInvoice.objects.create(engagement=engagement, invoice=issued, part=part)
        audit_record(
            action="studio.engagement.invoiced",
            recorder=recorder,
            obj=engagement,
            data={"invoice": issued.pk, "part": part, "net": issued.net_minor},
        )
    return link
