"""Productions: a film, a remix, a publication, a study or an event, with its planned budget, the
ledger transactions that are its actual costs, the volunteer time given to it, where its money
comes from and the catalogue documents it produced.

No figure of the books is copied here: an actual cost is a link to a posted transaction, read in
the books each time; volunteer time is a link to a recorded time contribution, valued at the
books' hourly rate when read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for
from remix.core.money import from_minor


class ProductionKind(models.TextChoices):
    FILM = "film", pgettext_lazy("production kind", "film")
    REMIX = "remix", pgettext_lazy("production kind", "remix")
    PUBLICATION = "publication", pgettext_lazy("production kind", "publication")
    STUDY = "study", pgettext_lazy("production kind", "study")
    EVENT = "event", pgettext_lazy("production kind", "event")


class ProductionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("production status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("production status", "in progress")
    DONE = "done", pgettext_lazy("production status", "done")


class CostCategory(models.TextChoices):
    PEOPLE = "people", pgettext_lazy("cost category", "people and fees")
    EQUIPMENT = "equipment", pgettext_lazy("cost category", "equipment")
    TRAVEL = "travel", pgettext_lazy("cost category", "travel and lodging")
    VENUE = "venue", pgettext_lazy("cost category", "venue")
    POST_PRODUCTION = "post_production", pgettext_lazy("cost category", "editing and finishing")
    PRINTING = "printing", pgettext_lazy("cost category", "printing and copies")
    DISTRIBUTION = "distribution", pgettext_lazy("cost category", "distribution")
    OTHER = "other", pgettext_lazy("cost category", "other")


class FundingSource(models.TextChoices):
    GRANT = "grant", pgettext_lazy("funding source", "grant")
    CAMPAIGN = "campaign", pgettext_lazy("funding source", "campaign")
    SALES = "sales", pgettext_lazy("funding source", "sales")
    OWN_FUNDS = "own_funds", pgettext_lazy("funding source", "own funds")


class Production(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProductionKind.choices)
    title = models.JSONField(_("title"), default=dict, help_text=_("One title per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProductionStatus.choices,
        default=ProductionStatus.PLANNED,
    )
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"), null=True, blank=True)
    # A production with its own money has its own fund in the books.
    fund = models.ForeignKey(
        "ledger.Fund",
        verbose_name=_("fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="productions",
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    documents = models.ManyToManyField(
        "catalogue.Document",
        related_name="productions",
        blank=True,
        verbose_name=_("documents produced"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "production")
        verbose_name_plural = pgettext_lazy("model name", "productions")
        ordering = ["-starts", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")),
                name="production_dates",
            ),
        ]

    def __str__(self):
        return self.title_text

    def get_absolute_url(self) -> str:
        return reverse("productions:detail", kwargs={"slug": self.slug})

    @property
    def title_text(self) -> str:
        return text_for(self.title) or self.slug

    @property
    def description_text(self) -> str:
        return text_for(self.description)


class CostLine(models.Model):
    """A planned cost: what the budget sets aside for one thing."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="cost_lines")
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    label = models.CharField(_("what it pays for"), max_length=200)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "planned cost")
        verbose_name_plural = pgettext_lazy("model name", "planned costs")
        ordering = ["production", "category", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="cost_line_positive"),
        ]

    def __str__(self):
        return f"{self.label} {self.amount}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)


class ProductionCost(models.Model):
    """A transaction of the books counted as an actual cost of a production, against one of its
    planned lines (or none: an unplanned cost). Its amount is read in the books."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="costs")
    transaction = models.ForeignKey(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="production_costs"
    )
    line = models.ForeignKey(
        CostLine,
        verbose_name=_("planned line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="costs",
    )
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "actual cost")
        verbose_name_plural = pgettext_lazy("model name", "actual costs")
        ordering = ["production", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "transaction"], name="production_cost_once"
            ),
        ]

    def __str__(self):
        return f"{self.production_id} ← {self.transaction_id}"


class ProductionTime(models.Model):
    """A recorded volunteer time contribution given to a production."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="times")
    contribution = models.OneToOneField(
        "funding.Contribution", on_delete=models.PROTECT, related_name="production_time"
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "time given to a production")
        verbose_name_plural = pgettext_lazy("model name", "time given to productions")
        ordering = ["production", "id"]

    def __str__(self):
        return f"{self.production_id} ← {self.contribution_id}"


class FundingLine(models.Model):
    """Where part of a production's money comes from: the amount it brings to the production,
    and the grant application or the campaign it comes through, where there is one."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("source"), max_length=12, choices=FundingSource.choices)
    label = models.CharField(_("from"), max_length=200)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("grant application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="production_funding",
    )
    campaign = models.ForeignKey(
        "funding.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="production_funding",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "funding line")
        verbose_name_plural = pgettext_lazy("model name", "funding lines")
        ordering = ["production", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="funding_line_positive"),
            models.CheckConstraint(
                condition=Q(application__isnull=True) | Q(source="grant"),
                name="funding_line_application_is_grant",
            ),
            models.CheckConstraint(
                condition=Q(campaign__isnull=True) | Q(source="campaign"),
                name="funding_line_campaign_is_campaign",
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.amount}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)
