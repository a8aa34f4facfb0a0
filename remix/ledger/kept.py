"""Balances kept as the books are written: the sums of the posted postings per year, per month
and per day — per account, fund and commodity (``KeptBalance``), the income per source
(``KeptSource``) and the cash paid out (``KeptCashOut``).

The database writes these rows itself, in the database transaction that posts the postings
(triggers on ``ledger_posting`` and ``ledger_transaction``, PostgreSQL and SQLite alike: migration
0007), the way a bank's core keeps each account's balance instead of summing its history. Reports
read them (``selectors/kept.py``): a balance at a date is the years before it, the months of its
year before its month and the days of its month, a few thousand rows whatever the number of
postings. Nothing else writes them but
``services.kept.kept_balances_rebuild`` (after a restore); ``remix check`` proves them equal to
the postings (``ledger.kept_balances``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Span(models.TextChoices):
    YEAR = "y", _("year")
    MONTH = "m", _("month")
    DAY = "d", _("day")


class KeptBalance(models.Model):
    """Posted postings summed over one year, one month (``start`` their first day) or one day."""

    span = models.CharField(max_length=1, choices=Span.choices)
    start = models.DateField()
    account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, related_name="kept_balances"
    )
    fund = models.ForeignKey("ledger.Fund", on_delete=models.PROTECT, related_name="+")
    commodity = models.CharField(max_length=4)
    amount_minor = models.BigIntegerField()

    class Meta:
        verbose_name = pgettext_lazy("model name", "kept balance")
        verbose_name_plural = pgettext_lazy("model name", "kept balances")
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


class KeptSource(models.Model):
    """Posted income summed per source (the transaction's counterparty, 0 when it has none, and
    whether the giver asked for anonymity) over one year, month or day: who gives what. Each sum
    is kept for its fund and for every fund together (``fund_key`` 0), which a report over all
    funds reads instead of adding thousands of givers fund by fund."""

    span = models.CharField(max_length=1, choices=Span.choices)
    start = models.DateField()
    # Keys, not foreign keys: 0 stands for "every fund" and "no counterparty" (keys are not NULL).
    fund_key = models.BigIntegerField()
    source = models.BigIntegerField()
    anonymous = models.BooleanField()
    commodity = models.CharField(max_length=4)
    amount_minor = models.BigIntegerField()

    class Meta:
        verbose_name = pgettext_lazy("model name", "kept income by source")
        verbose_name_plural = pgettext_lazy("model name", "kept income by source")
        constraints = [
            models.UniqueConstraint(
                fields=["fund_key", "span", "start", "source", "anonymous", "commodity"],
                name="kept_source_key",
            ),
        ]
        # The key and the amount: a report reads a year's thousands of givers from the index
        # alone, never from the table's rows scattered among every fund's and day's.
        indexes = [
            models.Index(
                fields=[
                    "fund_key",
                    "span",
                    "start",
                    "source",
                    "anonymous",
                    "commodity",
                    "amount_minor",
                ],
                name="kept_source_cover_idx",
            ),
        ]

    def __str__(self):
        return f"{self.span} {self.start} {self.fund_key} {self.source} {self.commodity}"


class KeptCashOut(models.Model):
    """Cash paid out (negative postings on cash accounts) over one year, month or day, leaving out
    transfers between funds, reversals and what they reverse: what the activity burns."""

    span = models.CharField(max_length=1, choices=Span.choices)
    start = models.DateField()
    fund = models.ForeignKey("ledger.Fund", on_delete=models.PROTECT, related_name="+")
    commodity = models.CharField(max_length=4)
    amount_minor = models.BigIntegerField()

    class Meta:
        verbose_name = pgettext_lazy("model name", "kept cash paid out")
        verbose_name_plural = pgettext_lazy("model name", "kept cash paid out")
        constraints = [
            models.UniqueConstraint(
                fields=["span", "start", "fund", "commodity"], name="kept_cash_out_key"
            ),
        ]
        indexes = [models.Index(fields=["fund", "span", "start"], name="kept_cash_out_fund_idx")]

    def __str__(self):
        return f"{self.span} {self.start} {self.fund_id} {self.commodity}"
