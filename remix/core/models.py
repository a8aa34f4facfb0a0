from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEvent(models.Model):
    """One write that matters: who did what, to which object, when. Append-only."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Namespaced action code, e.g. "accounts.token.created".
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "audit event")
        verbose_name_plural = pgettext_lazy("model name", "audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(action=""), name="audit_action_not_empty"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class DatesWindow(models.Model):
    """How far a steward has widened the dates the books and the plans accept (one row at most).

    The operator's settings (REMIX_DATES_YEARS_BACK/AHEAD) are the least: a steward widens the
    window, for old archives to enter the books or a long plan; never past 100 years."""

    years_back = models.PositiveSmallIntegerField(
        _("years back"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Whole years before this one whose dates are accepted, at most 100."),
    )
    years_ahead = models.PositiveSmallIntegerField(
        _("years ahead"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Whole years after this one whose dates are accepted, at most 100."),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "dates window")
        verbose_name_plural = pgettext_lazy("model name", "dates window")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_back__lte=100, years_ahead__lte=100),
                name="dates_window_at_most_100_years",
            ),
        ]

    def __str__(self):
        return str(_("Dates window"))


class DataVersion(models.Model):
    """A version per domain of data (the catalogue, the network), bumped by every write to it,
    so that a page computed for a version can be cached by every process and never outlive a
    change (``remix/core/pagecache.py``)."""

    domain = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("model name", "version of data")
        verbose_name_plural = pgettext_lazy("model name", "versions of data")

    def __str__(self):
        return f"{self.domain} version {self.version}"
