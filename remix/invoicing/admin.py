"""Invoices in the admin: read only. Drafts, issue, payments and credit notes go through the
services (their permission, their audit event) on the invoices' pages; an issued invoice is
never changed, there or anywhere."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.core.formats import format_money
from remix.invoicing.documents import invoice_filename
from remix.invoicing.models import (
    Invoice,
    InvoiceCounter,
    InvoiceIssuer,
    InvoiceLine,
    InvoicePayment,
)


class LineInline(ReadOnlyInline):
    model = InvoiceLine
    fields = ("position", "description", "quantity", "unit_price_minor", "vat_rate", "net_minor")


class PaymentInline(ReadOnlyInline):
    model = InvoicePayment
    fields = ("date", "amount_minor", "method", "transaction", "recorded_by")


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "kind", "client", "status", "issue_date", "gross_text")
    list_filter = ("status", "kind", "year", "language")
    list_select_related = ("client",)
    search_fields = ("client__name",)
    readonly_fields = ("pdf",)
    inlines = (LineInline, PaymentInline)

    @admin.display(description=_("total with VAT"), ordering="gross_minor")
    def gross_text(self, invoice):
        return format_money(invoice.gross_minor, invoice.currency)

    @admin.display(description=_("PDF"))
    def pdf(self, invoice):
        if not invoice.is_issued:
            return ""
        url = reverse("invoicing:invoice_pdf", kwargs={"pk": invoice.pk})
        return format_html('<a href="{}">{}</a>', url, invoice_filename(invoice))


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(ReadOnlyAdmin):
    list_display = ("year", "last")


@admin.register(InvoiceIssuer)
class InvoiceIssuerAdmin(ReadOnlyAdmin):
    """Shown only: a steward sets the issuer on its page (its permission, its audit event)."""

    list_display = ("name", "siret", "vat_exemption", "payment_days", "changed_at")
