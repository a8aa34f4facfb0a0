"""An event of a mediation project, and the people registered for it.

An event's start and end are aware instants, shown in the event's own time zone (``time_zone``,
a ``zoneinfo`` name). A recurring event holds an RFC 5545 rule (``recurrence``, the RRULE's
value): its occurrences are computed by dateutil (``remix.events.recurrence``), never stored; a
registration names the occurrence it is for by its start."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("event status", "scheduled")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


class EventContribution(models.TextChoices):
    NONE = "none", pgettext_lazy("event contribution", "free")
    FREE_PRICE = "free_price", pgettext_lazy("event contribution", "free price")
    FIXED = "fixed", pgettext_lazy("event contribution", "fixed price")


class Event(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("mediation project"),
    )
    title = models.JSONField(_("title"), default=dict, help_text=_("One title per language."))
    description = models.JSONField(_("description"), default=dict, blank=True)
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    recurrence = models.CharField(
        _("recurrence"),
        max_length=300,
        blank=True,
        help_text=_("An RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=3TU; empty for a single date."),
    )
    place = models.TextField(_("place"), blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    interpretation = models.JSONField(_("interpretation offered"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    contribution = models.CharField(
        _("contribution"),
        max_length=12,
        choices=EventContribution.choices,
        default=EventContribution.NONE,
    )
    # The suggested amount of a free price, the price of a fixed one; in minor units.
    amount_minor = models.BigIntegerField(_("amount (minor units)"), null=True, blank=True)
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    documents = models.ManyToManyField(
        "catalogue.Document",
        related_name="events",
        blank=True,
        verbose_name=_("minutes and recordings"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "event")
        verbose_name_plural = pgettext_lazy("model name", "events")
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="event_dates"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity"
            ),
            models.CheckConstraint(
                condition=Q(contribution="none", amount_minor__isnull=True)
                | Q(contribution="free_price", amount_minor__gt=0)
                | Q(contribution="free_price", amount_minor__isnull=True)
                | Q(contribution="fixed", amount_minor__gt=0),
                name="event_contribution",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_known"
            ),
        ]

    def __str__(self):
        return self.title_text

    @property
    def title_text(self) -> str:
        return text_for(self.title) or str(self.pk)

    @property
    def description_text(self) -> str:
        return text_for(self.description)

    @property
    def duration(self):
        return self.ends - self.starts


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("registration status", "registered")
    WAITING = "waiting", pgettext_lazy("registration status", "waiting")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")


ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


class Registration(models.Model):
    """A person registered for one occurrence of an event, or waiting for a place.

    The waiting list's order is the registrations' (``id``); what a fixed contribution owes is
    recorded here, paid elsewhere (the project's give page)."""

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    occurrence = models.DateTimeField(_("occurrence"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    owed_minor = models.BigIntegerField(_("owed (minor units)"), default=0)
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "event registration")
        verbose_name_plural = pgettext_lazy("model name", "event registrations")
        ordering = ["occurrence", "id"]
        indexes = [models.Index(fields=["event", "occurrence", "status"])]
        constraints = [
            models.UniqueConstraint(
                "event",
                "occurrence",
                Lower("email"),
                condition=Q(status__in=["registered", "waiting"]),
                name="registration_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "occurrence", "user"],
                condition=Q(status__in=["registered", "waiting"]),
                name="registration_once_per_user",
            ),
            models.CheckConstraint(condition=Q(owed_minor__gte=0), name="registration_owed"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.event}"
