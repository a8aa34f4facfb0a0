"""Sharing rules, their versions and the distributions made by them.

A rule's buckets live in its versions: changing a rule writes a new version, and every version
stays readable. A distribution records the version it used, the amount, its parts and the
transactions that posted them; versions, distributions and parts are written once and never
changed (a correction is a reversal, recorded beside the distribution).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for
from remix.core.money import from_minor
from remix.sharing import rules


class WrittenOnceQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("This record is written once and never changed."))

    def delete(self):
        raise ValidationError(_("This record is written once and never deleted."))


class WrittenOnce(models.Model):
    """A row that is inserted and then only read."""

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("This record is written once and never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("This record is written once and never deleted."))


class SharingRule(models.Model):
    """A rule everyone can read: how the income of ``fund`` is shared."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("One name per language."))
    fund = models.ForeignKey(
        "ledger.Fund",
        verbose_name=_("fund shared"),
        on_delete=models.PROTECT,
        related_name="sharing_rules",
        help_text=_("The fund whose income is shared, and whose contributors are counted."),
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "sharing rule")
        verbose_name_plural = pgettext_lazy("model name", "sharing rules")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="sharing_rule_slug_not_empty"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.name) or self.slug


class SharingRuleVersion(WrittenOnce):
    """One version of a rule's buckets (``rules.Bucket`` in their stored form)."""

    rule = models.ForeignKey(SharingRule, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    buckets = models.JSONField(_("buckets"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "sharing rule version")
        verbose_name_plural = pgettext_lazy("model name", "sharing rule versions")
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="sharing_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="sharing_version_from_one"),
        ]

    def __str__(self):
        return f"{self.rule} v{self.number}"

    @property
    def bucket_list(self) -> list[rules.Bucket]:
        return [rules.Bucket.read(data) for data in self.buckets]


class Distribution(WrittenOnce):
    """An amount shared by one version of a rule, posted to the books."""

    version = models.ForeignKey(
        SharingRuleVersion, on_delete=models.PROTECT, related_name="distributions"
    )
    fund = models.ForeignKey("ledger.Fund", on_delete=models.PROTECT, related_name="+")
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3)
    date = models.DateField(_("date"))
    period_start = models.DateField(_("contributions from"))
    period_end = models.DateField(_("contributions until"))
    # Shared once: by one distribution not reversed (the service checks it under a lock).
    income = models.ForeignKey(
        "ledger.Transaction",
        verbose_name=_("income shared"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="distributions",
    )
    external_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "distribution")
        verbose_name_plural = pgettext_lazy("model name", "distributions")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="distribution_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="distribution_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount} {self.commodity}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)


class RecipientKind(models.TextChoices):
    FUND = rules.FUND, _("fund")
    ACTOR = rules.ACTOR, _("actor")
    CONTRIBUTOR = rules.CONTRIBUTORS, _("contributor")
    KEPT = rules.KEPT, _("stays in the fund")


class DistributionPart(WrittenOnce):
    """What one recipient got from a distribution, and the transaction that posted it."""

    distribution = models.ForeignKey(Distribution, on_delete=models.PROTECT, related_name="parts")
    position = models.PositiveIntegerField()
    bucket = models.PositiveIntegerField(null=True, blank=True)
    recipient = models.CharField(max_length=12, choices=RecipientKind.choices)
    fund = models.ForeignKey(
        "ledger.Fund", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        "allies.Actor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("recipient"), max_length=200)
    # A contributor who gave without their name shown is named to treasurers only.
    public = models.BooleanField(_("named publicly"), default=True)
    value_minor = models.BigIntegerField(_("valued contribution (minor units)"), default=0)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    transaction = models.ForeignKey(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "distribution part")
        verbose_name_plural = pgettext_lazy("model name", "distribution parts")
        ordering = ["distribution", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "position"], name="distribution_part_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__gte=0), name="distribution_part_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.name}: {from_minor(self.amount_minor, self.distribution.commodity)}"


class DistributionReversal(WrittenOnce):
    """A distribution undone: each of its transactions reversed, with the reason and who."""

    distribution = models.OneToOneField(
        Distribution, on_delete=models.PROTECT, related_name="reversal"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "distribution reversal")
        verbose_name_plural = pgettext_lazy("model name", "distribution reversals")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="distribution_reversal_reason"),
        ]

    def __str__(self):
        return f"{self.distribution}: {self.reason}"
