"""Matching rounds: a funder's pool, the projects that take part, and each project's match once
the round is closed."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.i18ntext import text_for
from remix.core.money import from_minor
from remix.ledger.chart import PUBLIC_GRANTS


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("open")
    CLOSING = "closing", _("closing")
    CLOSED = "closed", _("closed")


class RoundRemainder(models.TextChoices):
    """What becomes of the pool when the projects' ideal matches add up to less than it."""

    KEEP = "keep", _("leave the rest in the pool")
    SHARE = "share", _("share the whole pool in proportion")


class Round(models.Model):
    """A funder's pool, shared among projects by quadratic matching of members' gifts."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    funder = models.ForeignKey(
        "allies.Actor", verbose_name=_("funder"), on_delete=models.PROTECT, related_name="rounds"
    )
    pool_minor = models.BigIntegerField(_("pool (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    # The pool is income of this fund (public authority or institutional grant), recorded when
    # the round is created; at the close each project's match moves to its fund by a transfer.
    pool_fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("pool held by"), on_delete=models.PROTECT, related_name="+"
    )
    pool_account = models.CharField(_("pool received as"), max_length=60, default=PUBLIC_GRANTS)
    pool_received_on = models.DateField(_("pool received on"), null=True, blank=True)
    pool_transaction = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"), help_text=_("The last day gifts count."))
    cap_share = models.DecimalField(
        _("cap per project (share of the pool)"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )
    remainder = models.CharField(
        _("when the ideal matches fall short of the pool"),
        max_length=10,
        choices=RoundRemainder.choices,
        default=RoundRemainder.KEEP,
    )
    # A round in preparation is edited freely and holds nothing in the books; opening it records
    # its pool (``round_open``).
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "matching round")
        verbose_name_plural = pgettext_lazy("model name", "matching rounds")
        ordering = ["-closes", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(pool_minor__gte=0), name="round_pool_not_negative"),
            models.CheckConstraint(condition=Q(closes__gte=F("opens")), name="round_dates_ordered"),
            models.CheckConstraint(
                condition=Q(cap_share__isnull=True) | Q(cap_share__gt=0, cap_share__lte=1),
                name="round_cap_share_range",
            ),
            models.CheckConstraint(
                condition=Q(remainder__in=RoundRemainder.values), name="round_remainder_known"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return text_for(self.title) or self.slug

    @property
    def pool(self):
        return from_minor(self.pool_minor, self.commodity)

    @property
    def spends_pool(self) -> bool:
        return self.remainder == RoundRemainder.SHARE


class RoundProject(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="projects")
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.JSONField(_("description"), default=dict, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "round project")
        verbose_name_plural = pgettext_lazy("model name", "round projects")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "fund"], name="round_project_once"),
        ]

    def __str__(self):
        return self.fund.label

    @property
    def label(self) -> str:
        return self.fund.label


class RoundMatch(models.Model):
    """A closed round's result for one project, written at the first stage of the close."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="matches")
    project = models.OneToOneField(RoundProject, on_delete=models.PROTECT, related_name="match")
    total_minor = models.BigIntegerField()
    contributors = models.PositiveIntegerField()
    match_minor = models.BigIntegerField()
    capped = models.BooleanField(default=False)
    transaction = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "match")
        verbose_name_plural = pgettext_lazy("model name", "matches")
        ordering = ["project_id"]
        constraints = [
            models.CheckConstraint(condition=Q(match_minor__gte=0), name="match_not_negative"),
        ]

    def __str__(self):
        return f"{self.project} {self.match_minor}"
