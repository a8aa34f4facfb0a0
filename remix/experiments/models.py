"""Experiments: a question the platform asks itself, a hypothesis, a metric of the indicator
registry (``indicators.py``) and a challenge (a target, a comparison, a deadline), with the people
responsible, a status and, once concluded, the outcome and what was learnt.

Snapshots keep the metric's value of each day they were taken: they are written once and never
changed, so the history stays what was measured even when the books are corrected later.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for


class ExperimentStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("experiment status", "proposed")
    RUNNING = "running", pgettext_lazy("experiment status", "running")
    CONCLUDED = "concluded", pgettext_lazy("experiment status", "concluded")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", pgettext_lazy("comparison", "at least")
    AT_MOST = "lte", pgettext_lazy("comparison", "at most")


class Outcome(models.TextChoices):
    MET = "met", pgettext_lazy("challenge outcome", "met")
    MISSED = "missed", pgettext_lazy("challenge outcome", "missed")


class MeasurePeriod(models.TextChoices):
    """Over which period each snapshot measures the metric: the one that holds its day."""

    MONTH = "month", pgettext_lazy("measure period", "the month")
    QUARTER = "quarter", pgettext_lazy("measure period", "the quarter")
    YEAR = "year", pgettext_lazy("measure period", "the year")


class Experiment(models.Model):
    question = models.JSONField(_("question"), default=dict, help_text=_("One per language."))
    hypothesis = models.JSONField(_("hypothesis"), default=dict, blank=True)
    metric = models.CharField(_("metric"), max_length=60)
    period = models.CharField(
        _("measured over"),
        max_length=8,
        choices=MeasurePeriod.choices,
        default=MeasurePeriod.YEAR,
    )
    comparison = models.CharField(
        _("comparison"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    starts = models.DateField(_("starts"))
    deadline = models.DateField(_("deadline"))
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="experiments",
        blank=True,
        verbose_name=_("people responsible"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExperimentStatus.choices,
        default=ExperimentStatus.PROPOSED,
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("outcome known on"), null=True, blank=True)
    outcome_value = models.DecimalField(
        _("value at the outcome"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    # Set in the transaction that sends the e-mails: the people responsible hear of it once.
    notified_at = models.DateTimeField(_("responsible notified"), null=True, blank=True)
    conclusion = models.JSONField(_("conclusion"), default=dict, blank=True)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "experiment")
        verbose_name_plural = pgettext_lazy("model name", "experiments")
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("starts")), name="experiment_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_on__isnull=False),
                name="experiment_outcome_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="concluded") | ~Q(outcome=""),
                name="experiment_concluded_has_outcome",
            ),
        ]

    def __str__(self):
        return self.question_text

    def get_absolute_url(self) -> str:
        return reverse("experiments:detail", kwargs={"pk": self.pk})

    @property
    def question_text(self) -> str:
        return text_for(self.question) or f"#{self.pk}"

    @property
    def hypothesis_text(self) -> str:
        return text_for(self.hypothesis)

    @property
    def conclusion_text(self) -> str:
        return text_for(self.conclusion)

    @property
    def awaits_conclusion(self) -> bool:
        """The challenge is met or missed, and nobody has yet written what was learnt."""
        return bool(self.outcome) and self.status != ExperimentStatus.CONCLUDED

    def reached(self, value) -> bool:
        """Whether ``value`` meets the challenge."""
        if value is None:
            return False
        if self.comparison == Comparison.AT_MOST:
            return value <= self.target
        return value >= self.target


class MetricSnapshot(models.Model):
    """The metric's value on one day, as it was measured that day (None: nothing to measure)."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="snapshots")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True)
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "metric snapshot")
        verbose_name_plural = pgettext_lazy("model name", "metric snapshots")
        ordering = ["experiment", "date"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "date"], name="snapshot_once_a_day"),
        ]

    def __str__(self):
        return f"{self.experiment_id} {self.date} {self.value}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("This record is written once and never changed."))
        super().save(*args, **kwargs)
