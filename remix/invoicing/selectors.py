"""Every non-trivial read of invoicing: what an invoice has received and what is still due, and
the list the pages and the API share."""

from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from remix.invoicing.models import Invoice, InvoiceKind, InvoicePayment, InvoiceStatus


@dataclass(frozen=True)
class Balance:
    """An invoice's money, in minor units: its gross total, what credit notes took off it, what
    the client paid, what was refunded to them, and what is still due."""

    gross: int
    credited: int
    paid: int
    refunded: int

    @property
    def due(self) -> int:
        return self.gross - self.credited - (self.paid - self.refunded)

    @property
    def is_paid(self) -> bool:
        return self.due <= 0


def invoice_balance(invoice: Invoice) -> Balance:
    """The balance of an invoice (a credit note answers for the invoice it credits)."""
    invoice = invoice.credit_for if invoice.is_credit_note else invoice
    credited = invoice.credit_notes.filter(status=InvoiceStatus.ISSUED).aggregate(
        total=Coalesce(Sum("gross_minor"), 0)
    )["total"]
    paid = invoice.payments.aggregate(total=Coalesce(Sum("amount_minor"), 0))["total"]
    refunded = InvoicePayment.objects.filter(invoice__credit_for=invoice).aggregate(
        total=Coalesce(Sum("amount_minor"), 0)
    )["total"]
    return Balance(invoice.gross_minor, credited, paid, refunded)


def _total(queryset, group: str, field: str):
    """The sum of ``field`` over ``queryset`` (filtered on the outer invoice), 0 when empty."""
    summed = queryset.values(group).annotate(total=Sum(field)).values("total")[:1]
    return Coalesce(Subquery(summed), 0)


def invoice_list(*, year=None, status: str = "", client=None):
    """Invoices and credit notes, newest first, with what each received; ``status`` is
    ``draft``, ``due`` (an issued invoice not settled) or ``paid``."""
    rows = (
        Invoice.objects.select_related("client", "credit_for")
        .annotate(
            paid_minor=_total(
                InvoicePayment.objects.filter(invoice=OuterRef("pk")), "invoice", "amount_minor"
            ),
            credited_minor=_total(
                Invoice.objects.filter(credit_for=OuterRef("pk"), status=InvoiceStatus.ISSUED),
                "credit_for",
                "gross_minor",
            ),
            refunded_minor=_total(
                InvoicePayment.objects.filter(invoice__credit_for=OuterRef("pk")),
                "invoice__credit_for",
                "amount_minor",
            ),
        )
        .order_by("-year", "-sequence", "-pk")
    )
    rows = rows.annotate(
        due_minor=F("gross_minor") - F("credited_minor") - F("paid_minor") + F("refunded_minor")
    )
    if year:
        rows = rows.filter(Q(year=year) | Q(year__isnull=True, created_at__year=year))
    if client is not None:
        rows = rows.filter(client=client)
    settled = Q(due_minor__lte=0)
    issued = rows.filter(status=InvoiceStatus.ISSUED, kind=InvoiceKind.INVOICE)
    if status == InvoiceStatus.DRAFT:
        return rows.filter(status=InvoiceStatus.DRAFT)
    if status == "due":
        return issued.exclude(settled)
    if status == "paid":
        return issued.filter(settled)
    return rows
