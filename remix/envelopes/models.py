"""The contributive budget: an envelope of money, the requests contributors make of it in public
(what they did, how many days, the amount they find fair), the questions asked under each request,
and the outcome of the closing.

A request keeps every version it had (``RequestVersion``): an amendment adds one, the first is
the request as asked. The closing sets each request's ``granted_minor`` and the envelope's
posting once; a closed envelope never changes again (a correction reverses its transaction).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    OPEN = "open", _("open to requests")
    CLOSING = "closing", _("closing: requests frozen")
    CLOSED = "closed", _("closed")


class Rule(models.TextChoices):
    PROPORTIONAL = "proportional", _("proportional reduction")
    AGREED = "agreed", _("amounts agreed in a meeting")


class Envelope(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the envelope is for, in Markdown.")
    )
    fund = models.ForeignKey(
        "ledger.Fund",
        on_delete=models.PROTECT,
        related_name="envelopes",
        verbose_name=_("paid from the fund"),
    )
    expense_account = models.ForeignKey(
        "ledger.Account",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expense account"),
    )
    period = models.CharField(_("period"), max_length=120, blank=True)
    project = models.CharField(_("project"), max_length=200, blank=True)
    project_fund = models.ForeignKey(
        "ledger.Fund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("project's fund"),
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_minor = models.BigIntegerField(_("amount"))
    day_min_minor = models.BigIntegerField(_("minimum per day"))
    day_max_minor = models.BigIntegerField(_("maximum per day"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    rule = models.CharField(_("closing rule"), max_length=15, choices=Rule.choices, blank=True)
    transaction = models.OneToOneField(
        "ledger.Transaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="envelope",
        verbose_name=_("payouts' transaction"),
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = pgettext_lazy("model name", "envelope")
        verbose_name_plural = pgettext_lazy("model name", "envelopes")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="envelope_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(day_min_minor__gt=0) & Q(day_max_minor__gte=F("day_min_minor")),
                name="envelope_daily_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="envelope_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="closed", rule__in=Rule.values, closed_at__isnull=False)
                | (~Q(status="closed") & Q(rule="", closed_at__isnull=True)),
                name="envelope_closed_with_its_rule",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class Request(models.Model):
    """A contributor's public request: its current version (the history is in ``versions``)."""

    envelope = models.ForeignKey(Envelope, on_delete=models.PROTECT, related_name="requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="envelope_requests"
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("The requester's public name when they asked.")
    )
    what = models.TextField(_("what I did"), help_text=_("In Markdown."))
    days = models.DecimalField(_("days"), max_digits=6, decimal_places=2)
    asked_minor = models.BigIntegerField(_("amount asked"))
    granted_minor = models.BigIntegerField(_("amount granted"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last amended"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = pgettext_lazy("model name", "request")
        verbose_name_plural = pgettext_lazy("model name", "requests")
        constraints = [
            models.UniqueConstraint(
                fields=["envelope", "requester"], name="envelope_request_one_per_person"
            ),
            models.CheckConstraint(condition=Q(days__gt=0), name="envelope_request_days_positive"),
            models.CheckConstraint(
                condition=Q(asked_minor__gt=0), name="envelope_request_asked_positive"
            ),
            models.CheckConstraint(
                condition=Q(granted_minor__isnull=True) | Q(granted_minor__gte=0),
                name="envelope_request_granted_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.envelope}"


class RequestVersion(models.Model):
    """One version of a request as it was asked: the first, then each amendment."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    what = models.TextField(_("what I did"))
    days = models.DecimalField(_("days"), max_digits=6, decimal_places=2)
    asked_minor = models.BigIntegerField(_("amount asked"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["request", "number"]
        verbose_name = pgettext_lazy("model name", "request version")
        verbose_name_plural = pgettext_lazy("model name", "request versions")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "number"], name="envelope_request_version_numbered_once"
            ),
        ]

    def __str__(self):
        return f"{self.request} · v{self.number}"


class Comment(models.Model):
    """A question asked under a request, or an answer to one: a public thread, in Markdown."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = pgettext_lazy("model name", "comment")
        verbose_name_plural = pgettext_lazy("model name", "comments")
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="envelope_comment_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} · {self.request}"
