"""Stewardship terms: which organisation carries which charge of the platform, from when to when,
with what commitments and which people acting for it.

Terms are history: once written, only their end is set (once, by a handover); at most one term of
each charge is open at a time, a rule the database holds (``term_one_open_per_charge``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Charge(models.TextChoices):
    CARRIER = "carrier", _("institutional carrier")
    FISCAL_HOST = "fiscal_host", _("fiscal host (holds the bank account)")
    TECHNICAL_HOST = "technical_host", _("technical host")
    COORDINATION = "coordination", _("coordination")
    MODERATION = "moderation", _("moderation")


class Commitments(models.Model):
    """What a carrier promises to give while it carries a charge."""

    hours_per_month = models.PositiveIntegerField(_("hours per month"), default=0)
    money_minor = models.BigIntegerField(_("money per year"), default=0)
    commodity = models.CharField(_("currency"), max_length=10, default="EUR")
    hosting = models.CharField(_("hosting"), max_length=200, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)

    class Meta:
        abstract = True


class Term(Commitments):
    charge = models.CharField(_("charge"), max_length=20, choices=Charge.choices)
    carrier = models.ForeignKey(
        "allies.Actor",
        on_delete=models.PROTECT,
        related_name="stewardship_terms",
        verbose_name=_("carrier"),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="stewardship_terms",
        blank=True,
        verbose_name=_("people acting for it"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "stewardship term")
        verbose_name_plural = pgettext_lazy("model name", "stewardship terms")
        ordering = ["charge", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(charge__in=Charge.values), name="term_charge_known"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="term_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=Q(money_minor__gte=0), name="term_money_not_negative"),
            models.UniqueConstraint(
                fields=["charge"],
                condition=Q(end_date__isnull=True),
                name="term_one_open_per_charge",
            ),
        ]

    def __str__(self):
        return f"{self.get_charge_display()} — {self.carrier}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class Step(models.TextChoices):
    """The steps of a handover, in their order; each one is an event of the handover."""

    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    CHECKED = "checked", _("checklist done")
    TRANSFERRED = "transferred", _("balance transferred")
    SIGNED_OUTGOING = "signed_outgoing", _("signed by the outgoing carrier")
    DONE = "done", _("signed by the incoming carrier: done")


STEP_ORDER = list(Step.values)


class Handover(Commitments):
    """The charge of ``outgoing`` passing to ``incoming``: a flow of steps that can stop and
    resume; its last step ends the outgoing term and opens the incoming one, with the
    commitments the incoming carrier made here."""

    outgoing = models.OneToOneField(
        Term, on_delete=models.PROTECT, related_name="handover", verbose_name=_("outgoing term")
    )
    incoming = models.ForeignKey(
        "allies.Actor",
        on_delete=models.PROTECT,
        related_name="handovers_received",
        verbose_name=_("incoming carrier"),
    )
    incoming_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="handovers_incoming",
        verbose_name=_("people acting for the incoming carrier"),
    )
    effective_date = models.DateField(_("takes effect on"))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.PROPOSED)
    # The bank account in the books whose balance moves (the fiscal host's), and where to.
    from_account = models.ForeignKey(
        "ledger.Account",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outgoing bank account"),
    )
    to_account = models.ForeignKey(
        "ledger.Account",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("incoming bank account"),
    )
    incoming_term = models.OneToOneField(
        Term,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opened_by",
        verbose_name=_("incoming term"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "handover")
        verbose_name_plural = pgettext_lazy("model name", "handovers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(step__in=Step.values), name="handover_step_known"),
            models.CheckConstraint(
                condition=Q(from_account__isnull=True, to_account__isnull=True)
                | Q(from_account__isnull=False, to_account__isnull=False),
                name="handover_accounts_both_or_none",
            ),
            models.CheckConstraint(
                condition=Q(money_minor__gte=0), name="handover_money_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.outgoing} → {self.incoming}"

    @property
    def is_done(self) -> bool:
        return self.step == Step.DONE

    @property
    def next_step(self) -> str | None:
        index = STEP_ORDER.index(self.step)
        return STEP_ORDER[index + 1] if index + 1 < len(STEP_ORDER) else None


class HandoverEvent(models.Model):
    """One step taken: who, when, and what it recorded (the checklist, the transactions)."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "handover step")
        verbose_name_plural = pgettext_lazy("model name", "handover steps")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handover", "step"], name="handover_step_once"),
        ]

    def __str__(self):
        return f"{self.handover} · {self.get_step_display()}"


class Volunteer(models.Model):
    """An organisation volunteering to carry a charge's next term; withdrawn, never deleted, so
    the history of who offered stays."""

    actor = models.ForeignKey(
        "allies.Actor",
        on_delete=models.PROTECT,
        related_name="stewardship_volunteering",
        verbose_name=_("organisation"),
    )
    charge = models.CharField(_("charge"), max_length=20, choices=Charge.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "volunteer for a next term")
        verbose_name_plural = pgettext_lazy("model name", "volunteers for a next term")
        ordering = ["charge", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(charge__in=Charge.values), name="volunteer_charge_known"
            ),
            models.UniqueConstraint(
                fields=["actor", "charge"],
                condition=Q(withdrawn_at__isnull=True),
                name="volunteer_once_per_charge",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_by__isnull=True) | Q(withdrawn_at__isnull=False),
                name="volunteer_withdrawn_by_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.actor} → {self.get_charge_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
