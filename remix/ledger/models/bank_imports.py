"""Bank statements imported into the books: one row per file, its rows landing as drafts
(``remix.ledger.imports``), with what it counted of each reason a row was not imported."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.files import ProtectedFileField, RandomName, private_storage
from remix.ledger.models.books import Account, Fund


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    REFUSED = "refused", _("refused")


class BankImport(models.Model):
    """One bank statement file: its rows land as drafts; the same rows never land twice."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="bank_imports")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="bank_imports")
    filename = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(_("format"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    upload = ProtectedFileField(
        upload_to=RandomName("ledger/imports"), storage=private_storage, blank=True
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(
        default=0, help_text=_("Rows already in the books from an earlier import.")
    )
    rows_other_format = models.PositiveIntegerField(
        default=0,
        help_text=_(
            "Of the rows already in the books, those imported from another format of the "
            "statement (CSV, OFX, CAMT.053)."
        ),
    )
    rows_closed = models.PositiveIntegerField(
        default=0, help_text=_("Rows dated in a closed period, not imported.")
    )
    error = models.TextField(blank=True)
    # The statement's closing balance, when the file gives one or the treasurer typed it.
    closing_date = models.DateField(_("closing date"), null=True, blank=True)
    closing_balance_minor = models.BigIntegerField(null=True, blank=True)
    commodity = models.CharField(max_length=4, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "bank import")
        verbose_name_plural = pgettext_lazy("model name", "bank imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.filename
