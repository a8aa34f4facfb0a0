"""Invoices and credit notes of the study office: a draft is edited; an issued document is
numbered without gaps per year, carries the issuer's, the client's and the bank's details as they
were that day, and never changes again (the model, the queryset and a database trigger refuse it).
A correction is a credit note referring to the invoice."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.money import from_minor


class VatExemption(models.TextChoices):
    """The mention an association not subject to VAT prints instead of VAT."""

    SUBJECT = "", _("subject to VAT")
    FRANCHISE = "293b", "TVA non applicable, art. 293 B du CGI"
    ASSOCIATION = "261-7-1b", "TVA non applicable, art. 261-7-1° b du CGI"


class InvoiceCounter(models.Model):
    """The last number given to an invoice or a credit note of a year (one series for both)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "invoice counter")
        verbose_name_plural = pgettext_lazy("model name", "invoice counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class InvoiceIssuer(models.Model):
    """Who issues the invoices, as a steward set it (one row at most); each invoice copies it."""

    FIELDS = (
        "name",
        "address",
        "siret",
        "vat_number",
        "vat_exemption",
        "payment_days",
        "late_penalty_rate",
        "recovery_indemnity_minor",
    )

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"))
    siret = models.CharField("SIREN / SIRET", max_length=20)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    vat_exemption = models.CharField(
        _("VAT exemption"),
        max_length=10,
        choices=VatExemption.choices,
        blank=True,
        default=VatExemption.ASSOCIATION,
    )
    payment_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)
    late_penalty_rate = models.DecimalField(
        _("late-payment penalty rate (% a year)"), max_digits=5, decimal_places=2, default=12
    )
    recovery_indemnity_minor = models.PositiveIntegerField(
        _("recovery indemnity (cents)"), default=4000
    )
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "invoice issuer")
        verbose_name_plural = pgettext_lazy("model name", "invoice issuer")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="invoice_issuer_one_row"),
            models.CheckConstraint(condition=~Q(name=""), name="invoice_issuer_has_name"),
            models.CheckConstraint(
                condition=~Q(vat_exemption="") | ~Q(vat_number=""),
                name="invoice_issuer_vat_or_exemption",
            ),
        ]

    def __str__(self):
        return self.name

    def as_issuer(self) -> dict:
        """The issuer as an invoice copies it."""
        copied = {field: getattr(self, field) for field in self.FIELDS}
        return {**copied, "late_penalty_rate": str(self.late_penalty_rate)}


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("invoice")
    CREDIT_NOTE = "credit_note", _("credit note")


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("invoice status", "draft")
    ISSUED = "issued", pgettext_lazy("invoice status", "issued")


class InvoiceQuerySet(models.QuerySet):
    """Bulk updates and deletes never touch an issued document (the database refuses it too)."""

    def _refuse_issued(self):
        if self.filter(status=InvoiceStatus.ISSUED).exists():
            raise ValidationError(_("An issued invoice never changes: issue a credit note."))

    def update(self, **kwargs):
        self._refuse_issued()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_issued()
        return super().delete()

    def issued(self):
        return self.filter(status=InvoiceStatus.ISSUED)


class Invoice(models.Model):
    kind = models.CharField(
        _("kind"), max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE
    )
    credit_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
        verbose_name=_("credits the invoice"),
    )
    client = models.ForeignKey(
        "allies.Actor", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("client")
    )
    language = models.CharField(_("language"), max_length=8, default="fr")
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("number"), null=True, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Copied at issue: the document says the same whatever the issuer, client or bank say later.
    issuer = models.JSONField(_("issuer"), default=dict, blank=True)
    client_details = models.JSONField(_("client's details"), default=dict, blank=True)
    bank = models.JSONField(_("bank account"), default=dict, blank=True)
    net_minor = models.BigIntegerField(_("total without VAT (minor units)"), default=0)
    vat_minor = models.BigIntegerField(_("VAT (minor units)"), default=0)
    gross_minor = models.BigIntegerField(_("total with VAT (minor units)"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model name", "invoice")
        verbose_name_plural = pgettext_lazy("model name", "invoices")
        ordering = ["-year", "-sequence", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_number_once"),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(
                    status="issued",
                    year__isnull=False,
                    sequence__isnull=False,
                    issue_date__isnull=False,
                    due_date__isnull=False,
                ),
                name="invoice_issued_numbered",
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", credit_for__isnull=True)
                | Q(kind="credit_note", credit_for__isnull=False),
                name="invoice_credit_note_refers",
            ),
            models.CheckConstraint(condition=Q(gross_minor__gte=0), name="invoice_gross_positive"),
        ]
        indexes = [models.Index(fields=["client", "status"], name="invoice_by_client")]

    def __str__(self):
        return self.number or str(_("draft %(pk)s") % {"pk": self.pk})

    def save(self, *args, **kwargs):
        if getattr(self, "_stored_status", None) == InvoiceStatus.ISSUED:
            raise ValidationError(_("An issued invoice never changes: issue a credit note."))
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args, **kwargs):
        if self.status == InvoiceStatus.ISSUED:
            raise ValidationError(_("An issued invoice never changes: issue a credit note."))
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def number(self) -> str:
        if self.sequence is None:
            return ""
        return f"{self.year}-{self.sequence:04d}"

    @property
    def is_issued(self) -> bool:
        return self.status == InvoiceStatus.ISSUED

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def gross(self):
        return from_minor(self.gross_minor, self.currency)


class InvoiceLine(models.Model):
    """One line: a description in the client's language, a quantity, a unit price without VAT
    and a VAT rate; its net amount is quantity × unit price rounded to the cent (BT-131)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.CharField(_("description"), max_length=500)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit_price_minor = models.BigIntegerField(_("unit price without VAT (minor units)"))
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, default=0)
    net_minor = models.BigIntegerField(_("net amount (minor units)"))

    class Meta:
        verbose_name = pgettext_lazy("model name", "invoice line")
        verbose_name_plural = pgettext_lazy("model name", "invoice lines")
        ordering = ["invoice", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="invoice_line_quantity"),
            models.CheckConstraint(
                condition=Q(unit_price_minor__gte=0), name="invoice_line_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(vat_rate__gte=0, vat_rate__lt=100), name="invoice_line_vat_rate"
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="invoice_line_has_description"
            ),
        ]

    def __str__(self):
        return self.description


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("bank transfer")
    CHEQUE = "cheque", _("cheque")
    CARD = "card", _("card")
    CASH = "cash", pgettext_lazy("payment method", "cash")


class InvoicePayment(models.Model):
    """Money received for an invoice, or refunded for a credit note, with its transaction."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    date = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices)
    transaction = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="invoice_payment"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "invoice payment")
        verbose_name_plural = pgettext_lazy("model name", "invoice payments")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="invoice_payment_positive"
            ),
        ]

    def __str__(self):
        return f"{self.invoice} · {from_minor(self.amount_minor, self.invoice.currency)}"
