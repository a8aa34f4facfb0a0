"""The platform's bank accounts: which account of the books is one, its IBAN and BIC, and the
organisation that holds it (the fiscal host), from when until when.

Holding is history: an account is recorded before it is held (the incoming carrier's, named in a
handover), held from a day, and released once, when the charge passes on. Gifts by transfer are
expected on the account held on their day (``selectors.bank_account_held``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.ledger.iban import iban_grouped
from remix.ledger.models.books import Account


class BankAccount(models.Model):
    account = models.OneToOneField(
        Account,
        on_delete=models.PROTECT,
        related_name="bank_details",
        verbose_name=_("account in the books"),
    )
    holder = models.ForeignKey(
        "allies.Actor",
        on_delete=models.PROTECT,
        related_name="bank_accounts",
        verbose_name=_("holder"),
        help_text=_("The organisation that holds the account at the bank: the fiscal host."),
    )
    iban = models.CharField("IBAN", max_length=34)
    bic = models.CharField("BIC", max_length=11, blank=True)
    holder_address = models.TextField(
        _("holder's address"),
        blank=True,
        help_text=_("As the bank knows it; the tax receipts of the gifts it received print it."),
    )
    held_from = models.DateField(
        _("held from"),
        null=True,
        blank=True,
        help_text=_("Empty until a handover of the fiscal host's charge passes it on."),
    )
    held_until = models.DateField(_("held until"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "bank account")
        verbose_name_plural = pgettext_lazy("model name", "bank accounts")
        ordering = ["held_from", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(iban=""), name="bank_account_has_iban"),
            models.UniqueConstraint(fields=["iban"], name="bank_account_iban_once"),
            models.CheckConstraint(
                condition=Q(held_until__isnull=True)
                | Q(held_from__isnull=False, held_until__gte=F("held_from")),
                name="bank_account_held_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.holder} · {self.iban_grouped}"

    @property
    def iban_grouped(self) -> str:
        return iban_grouped(self.iban)

    def held_on(self, day) -> bool:
        return (
            self.held_from is not None
            and self.held_from <= day
            and (self.held_until is None or day <= self.held_until)
        )
