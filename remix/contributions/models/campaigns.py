"""Crowdfunding campaigns: a goal, a deadline and a rule; counterpart tiers, stretch goals and the
news a campaign posts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for
from remix.core.money import from_minor


class CampaignRule(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("all or nothing")
    KEEP_IT_ALL = "keep_it_all", _("keep it all")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSING = "closing", _("closing")
    SUCCEEDED = "succeeded", _("goal reached")
    FAILED = "failed", _("goal missed, pledges released")
    KEPT = "kept", _("closed, what was pledged is kept")


class Campaign(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.JSONField(_("title"), default=dict, help_text=_("One title per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="campaigns"
    )
    goal_minor = models.BigIntegerField(_("goal (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    opens = models.DateField(_("opens"))
    deadline = models.DateField(_("deadline"), help_text=_("The last day pledges are taken."))
    rule = models.CharField(_("rule"), max_length=20, choices=CampaignRule.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    # Decided once, at the first stage of the closing, so that a re-run never decides again.
    raised_at_close_minor = models.BigIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "campaign")
        verbose_name_plural = pgettext_lazy("model name", "campaigns")
        ordering = ["-deadline", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(goal_minor__gt=0), name="campaign_goal_positive"),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens")), name="campaign_dates_ordered"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.title) or self.slug

    @property
    def goal(self):
        return from_minor(self.goal_minor, self.commodity)

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN


class StretchGoal(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stretch_goals")
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    title = models.JSONField(_("what it pays for"), default=dict)

    class Meta:
        verbose_name = pgettext_lazy("model name", "stretch goal")
        verbose_name_plural = pgettext_lazy("model name", "stretch goals")
        ordering = ["amount_minor"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "amount_minor"], name="stretch_goal_once"),
        ]

    def __str__(self):
        return text_for(self.title)


class Tier(models.Model):
    """A counterpart: a fixed amount, or a free one from a minimum; perhaps a limited number.

    ``taken`` counts the pledges holding one; it only moves by a conditional update, which the
    database runs one at a time, and a constraint keeps it within ``quantity``."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tiers")
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    free_amount = models.BooleanField(
        _("free amount"), default=False, help_text=_("The amount is then a minimum.")
    )
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    # What the reward is worth to the giver, in the campaign's currency: a tax receipt states the
    # gift less this value when it is more than a quarter of the gift or the ceiling.
    counterpart_value_minor = models.BigIntegerField(
        _("value of the counterpart (minor units)"), default=0
    )
    taken = models.PositiveIntegerField(_("taken"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "counterpart tier")
        verbose_name_plural = pgettext_lazy("model name", "counterpart tiers")
        ordering = ["amount_minor", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="tier_amount_positive"),
            models.CheckConstraint(
                condition=Q(counterpart_value_minor__gte=0), name="tier_counterpart_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(taken__lte=F("quantity")),
                name="tier_within_quantity",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.title)

    @property
    def left(self) -> int | None:
        return None if self.quantity is None else self.quantity - self.taken


class CampaignUpdate(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="updates")
    title = models.JSONField(_("title"), default=dict)
    body = models.JSONField(_("text"), default=dict, help_text=_("Markdown, one per language."))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "campaign update")
        verbose_name_plural = pgettext_lazy("model name", "campaign updates")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return text_for(self.title)
