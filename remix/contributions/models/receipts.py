"""Tax receipts: a reçu fiscal per gift, numbered without gaps per year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.contributions.models.contributions import Contribution, ContributionKind
from remix.core.money import from_minor


class ReceiptCounter(models.Model):
    """The last receipt number of a year: taken under a row lock, so numbers have no gap."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "receipt counter")
        verbose_name_plural = pgettext_lazy("model name", "receipt counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class ReceiptIssuer(models.Model):
    """The association that issues tax receipts, as a steward set it (one row at most).

    Without it, or without a name, the operator's settings (``REMIX_RECEIPTS``) speak; each
    receipt copies the issuer of the day it is issued."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    object = models.TextField(
        _("object"), blank=True, help_text=_("The association's object, as in its statutes.")
    )
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_role = models.CharField(
        _("signatory's role"), max_length=200, blank=True, help_text=_("President, treasurer…")
    )
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "receipt issuer")
        verbose_name_plural = pgettext_lazy("model name", "receipt issuer")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="receipt_issuer_one_row"),
            models.CheckConstraint(condition=~Q(name=""), name="receipt_issuer_has_name"),
        ]

    def __str__(self):
        return self.name

    def as_issuer(self) -> dict:
        """The issuer as a receipt copies it."""
        return {
            "issuer": self.name,
            "address": self.address,
            "object": self.object,
            "signatory": self.signatory,
            "role": self.signatory_role,
        }


class TaxReceipt(models.Model):
    """A reçu fiscal (Cerfa 11580) for one gift of money or in kind; never changed once issued."""

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number"))
    contribution = models.OneToOneField(
        Contribution, on_delete=models.PROTECT, related_name="receipt"
    )
    giver_name = models.CharField(_("giver's name"), max_length=200)
    giver_address = models.TextField(_("giver's address"), blank=True)
    # What the receipt states: the gift, less a counterpart past the rule (``counterparts``).
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    counterpart_minor = models.BigIntegerField(
        _("value of the counterpart (minor units)"), default=0
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    gift_date = models.DateField(_("date of the gift"))
    gift_kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    language = models.CharField(_("language"), max_length=8)
    # The issuing association as it was on the day (name, address, object, signatory): a
    # receipt printed again later says the same, whatever the settings say then.
    issuer = models.JSONField(_("issuer"), default=dict)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "tax receipt")
        verbose_name_plural = pgettext_lazy("model name", "tax receipts")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="receipt_number_once"),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"{self.year}-{self.sequence:05d}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)
