"""Balances kept as the books are written: the sum of the posted postings per account, fund,
commodity and month, and per day.

The database writes these rows itself, in the database transaction that posts the postings (a
trigger on ``ledger_posting``, PostgreSQL and SQLite alike: migration 0007), the way a bank's core
keeps each account's balance instead of summing its history. Reports read them
(``selectors/kept.py``): a balance at a date is the months before it plus the days of its own
month, a few thousand rows whatever the number of postings. Nothing else writes them but
``services.kept.kept_balances_rebuild`` (after a restore); ``remix check`` proves them equal to
the postings (``ledger.kept_balances``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Span(models.TextChoices):
    MONTH = "m", _("month")
    DAY = "d", _("day")


class KeptBalance(models.Model):
    """Posted postings summed over one month (``start`` its first day) or one day."""

    span = models.CharField(max_length=1, choices=Span.choices)
    start = models.DateField()
    account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, related_name="kept_balances"
    )
    fund = models.ForeignKey("ledger.Fund", on_delete=models.PROTECT, related_name="+")
    commodity = models.CharField(max_length=4)
    amount_minor = models.BigIntegerField()

    class Meta:
        verbose_name = _("kept balance")
        verbose_name_plural = _("kept balances")
        constraints = [
            models.UniqueConstraint(
                fields=["span", "start", "account", "fund", "commodity"], name="kept_balance_key"
            ),
        ]
        indexes = [
            models.Index(fields=["account", "span", "start"], name="kept_balance_account_idx"),
            models.Index(fields=["fund", "span", "start"], name="kept_balance_fund_idx"),
        ]

    def __str__(self):
        return f"{self.span} {self.start} {self.account_id} {self.fund_id} {self.commodity}"
