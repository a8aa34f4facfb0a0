"""A mediation project and what carries it.

Its money lives in its own fund of the books: the project's campaigns, funding applications and
productions are those of that fund, found through it and never copied here. The platform's own
fund is never a project's (``remix.projects.services`` refuses it, ``remix check`` looks)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for


class ProjectKind(models.TextChoices):
    PUBLICATION = "publication", pgettext_lazy("project kind", "publication")
    MEETING = "meeting", pgettext_lazy("project kind", "meeting")
    FIESTA = "fiesta", pgettext_lazy("project kind", "fiesta")
    TRAINING = "training", pgettext_lazy("project kind", "training")
    PRODUCTION = "production", pgettext_lazy("project kind", "production")
    RECURRING_CALL = "recurring_call", pgettext_lazy("project kind", "recurring call")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("project status", "planned")
    RUNNING = "running", pgettext_lazy("project status", "running")
    DONE = "done", pgettext_lazy("project status", "done")


class Project(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    title = models.JSONField(_("title"), default=dict, help_text=_("One title per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"), null=True, blank=True)
    fund = models.OneToOneField(
        "ledger.Fund",
        verbose_name=_("fund"),
        on_delete=models.PROTECT,
        related_name="project",
    )
    # The planned budget, in the fund's currency; what was really spent is read in the books.
    budget_minor = models.BigIntegerField(_("budget (minor units)"), default=0)
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    carriers = models.ManyToManyField(
        "allies.Actor", related_name="projects", blank=True, verbose_name=_("carried by")
    )
    themes = models.ManyToManyField(
        "allies.Theme", related_name="projects", blank=True, verbose_name=_("themes")
    )
    documents = models.ManyToManyField(
        "catalogue.Document",
        related_name="projects",
        blank=True,
        verbose_name=_("documents produced"),
    )
    productions = models.ManyToManyField(
        "productions.Production",
        related_name="projects",
        blank=True,
        verbose_name=_("productions"),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("managed by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "mediation project")
        verbose_name_plural = pgettext_lazy("model name", "mediation projects")
        ordering = ["-starts", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="project_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")),
                name="project_dates",
            ),
            models.CheckConstraint(condition=Q(budget_minor__gte=0), name="project_budget"),
            models.CheckConstraint(
                condition=Q(kind__in=ProjectKind.values), name="project_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_known"
            ),
        ]

    def __str__(self):
        return self.title_text

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def title_text(self) -> str:
        return text_for(self.title) or self.slug

    @property
    def description_text(self) -> str:
        return text_for(self.description)
