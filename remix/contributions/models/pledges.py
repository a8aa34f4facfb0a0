"""Promises to give: a pledge, its pauses, the choices it is made of (how often, how it is
shown) and the ceiling per giver that a fund may set on what one person promises it.

A **pledge** is a promise: once or every month, quarter or year, to a fund, a campaign or a round's
project. It belongs to the platform, not to a payment provider, and carries an RF creditor
reference (ISO 11649) by which a bank transfer finds it again.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.contributions.models.campaigns import Campaign, Tier
from remix.contributions.models.rounds import RoundProject
from remix.core.money import from_minor


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public, with my name")
    AMOUNT = "amount", _("amount public, without my name")
    PRIVATE = "private", _("private")


class Frequency(models.TextChoices):
    # The same values as ``schedule.Frequency``, which computes the dates.
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("every month")
    QUARTERLY = "quarterly", _("every quarter")
    YEARLY = "yearly", _("every year")


class CeilingPeriod(models.TextChoices):
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Ceiling(models.Model):
    """The most one giver may promise a fund over a month or a year: a fixed amount, or a share
    of the fund's needs over that period. It keeps one giver from weighing too much."""

    fund = models.OneToOneField(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.CASCADE, related_name="ceiling"
    )
    period = models.CharField(_("per"), max_length=5, choices=CeilingPeriod.choices)
    amount_minor = models.BigIntegerField(_("amount (minor units)"), null=True, blank=True)
    share_of_needs = models.DecimalField(
        _("share of the needs"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")

    class Meta:
        verbose_name = pgettext_lazy("model name", "ceiling per giver")
        verbose_name_plural = pgettext_lazy("model name", "ceilings per giver")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0, share_of_needs__isnull=True)
                | Q(amount_minor__isnull=True, share_of_needs__gt=0, share_of_needs__lte=1),
                name="ceiling_amount_or_share",
            ),
        ]

    def __str__(self):
        return f"{self.fund.slug} / {self.period}"


class PledgeStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    RELEASED = "released", _("released (campaign goal missed)")
    RECEIVABLE = "receivable", _("due (campaign goal reached)")
    CANCELLED = "cancelled", _("cancelled")


class Pledge(models.Model):
    """A promise to give, once or on a schedule; payments received are its contributions."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    actor = models.ForeignKey(
        "allies.Actor",
        verbose_name=_("giving organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    name = models.CharField(_("giver's name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="fr")
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="pledges"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    tier = models.ForeignKey(
        Tier, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    round_project = models.ForeignKey(
        RoundProject, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=PledgeStatus.choices, default=PledgeStatus.ACTIVE
    )
    # A campaign pledge, once the goal is reached: what the giver owes, in the books.
    receivable = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "pledge")
        verbose_name_plural = pgettext_lazy("model name", "pledges")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(condition=~Q(name=""), name="pledge_has_giver_name"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="pledge_dates"
            ),
            models.CheckConstraint(
                condition=Q(campaign__isnull=True) | Q(frequency="once"),
                name="pledge_campaign_once",
            ),
            models.CheckConstraint(
                condition=Q(tier__isnull=True) | Q(campaign__isnull=False),
                name="pledge_tier_in_campaign",
            ),
        ]
        indexes = [models.Index(fields=["fund", "status"], name="pledge_fund_status_idx")]

    def __str__(self):
        return self.reference

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)

    @property
    def is_recurring(self) -> bool:
        return self.frequency != Frequency.ONCE

    @property
    def public_name(self) -> str:
        return self.name if self.visibility == Visibility.PUBLIC else ""


class PledgePause(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "pause")
        verbose_name_plural = pgettext_lazy("model name", "pauses")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="pause_dates"
            ),
        ]

    def __str__(self):
        return f"{self.start} – {self.end or '…'}"
