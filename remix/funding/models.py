"""Gifts and promises of gifts, crowdfunding campaigns and matching rounds.

A **pledge** is a promise: once or every month, quarter or year, to a fund, a campaign or a round's
project. It belongs to the platform, not to a payment provider, and carries an RF creditor
reference (ISO 11649) by which a bank transfer finds it again. A **contribution** is what was
actually given: money received, or time and in-kind declared by the giver and validated by a
treasurer. Money and time reach the books (``remix.ledger``) only through a contribution's
posted transaction; nothing here holds a figure that the books do not.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from remix.core.i18ntext import text_for
from remix.core.money import from_minor


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public, with my name")
    AMOUNT = "amount", _("amount public, without my name")
    PRIVATE = "private", _("private")


class Frequency(models.TextChoices):
    # The same values as ``schedule.Frequency``, which computes the dates.
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("every month")
    QUARTERLY = "quarterly", _("every quarter")
    YEARLY = "yearly", _("every year")


class CeilingPeriod(models.TextChoices):
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Ceiling(models.Model):
    """The most one giver may promise a fund over a month or a year: a fixed amount, or a share
    of the fund's needs over that period. It keeps one giver from weighing too much."""

    fund = models.OneToOneField(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.CASCADE, related_name="ceiling"
    )
    period = models.CharField(_("per"), max_length=5, choices=CeilingPeriod.choices)
    amount_minor = models.BigIntegerField(_("amount (minor units)"), null=True, blank=True)
    share_of_needs = models.DecimalField(
        _("share of the needs"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")

    class Meta:
        verbose_name = _("ceiling per giver")
        verbose_name_plural = _("ceilings per giver")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0, share_of_needs__isnull=True)
                | Q(amount_minor__isnull=True, share_of_needs__gt=0, share_of_needs__lte=1),
                name="ceiling_amount_or_share",
            ),
        ]

    def __str__(self):
        return f"{self.fund.slug} / {self.period}"


# --- crowdfunding campaigns ----------------------------------------------------------------------


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
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
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
        verbose_name = _("stretch goal")
        verbose_name_plural = _("stretch goals")
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
    taken = models.PositiveIntegerField(_("taken"), default=0)

    class Meta:
        verbose_name = _("counterpart tier")
        verbose_name_plural = _("counterpart tiers")
        ordering = ["amount_minor", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="tier_amount_positive"),
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
        verbose_name = _("campaign update")
        verbose_name_plural = _("campaign updates")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return text_for(self.title)


# --- matching rounds -----------------------------------------------------------------------------


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSING = "closing", _("closing")
    CLOSED = "closed", _("closed")


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
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["-closes", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(pool_minor__gte=0), name="round_pool_not_negative"),
            models.CheckConstraint(condition=Q(closes__gte=F("opens")), name="round_dates_ordered"),
            models.CheckConstraint(
                condition=Q(cap_share__isnull=True) | Q(cap_share__gt=0, cap_share__lte=1),
                name="round_cap_share_range",
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


class RoundProject(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="projects")
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.JSONField(_("description"), default=dict, blank=True)

    class Meta:
        verbose_name = _("round project")
        verbose_name_plural = _("round projects")
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
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["project_id"]
        constraints = [
            models.CheckConstraint(condition=Q(match_minor__gte=0), name="match_not_negative"),
        ]

    def __str__(self):
        return f"{self.project} {self.match_minor}"


# --- pledges and contributions -------------------------------------------------------------------


class PledgeStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    RELEASED = "released", _("released (campaign goal missed)")
    RECEIVABLE = "receivable", _("due (campaign goal reached)")
    CANCELLED = "cancelled", _("cancelled")


class Pledge(models.Model):
    """A promise to give, once or on a schedule; payments received are its contributions."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    actor = models.ForeignKey(
        "allies.Actor",
        verbose_name=_("giving organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    name = models.CharField(_("giver's name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="fr")
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="pledges"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    tier = models.ForeignKey(
        Tier, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    round_project = models.ForeignKey(
        RoundProject, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=PledgeStatus.choices, default=PledgeStatus.ACTIVE
    )
    # A campaign pledge, once the goal is reached: what the giver owes, in the books.
    receivable = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(condition=~Q(name=""), name="pledge_has_giver_name"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="pledge_dates"
            ),
            models.CheckConstraint(
                condition=Q(campaign__isnull=True) | Q(frequency="once"),
                name="pledge_campaign_once",
            ),
            models.CheckConstraint(
                condition=Q(tier__isnull=True) | Q(campaign__isnull=False),
                name="pledge_tier_in_campaign",
            ),
        ]
        indexes = [models.Index(fields=["fund", "status"], name="pledge_fund_status_idx")]

    def __str__(self):
        return self.reference

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)

    @property
    def is_recurring(self) -> bool:
        return self.frequency != Frequency.ONCE

    @property
    def public_name(self) -> str:
        return self.name if self.visibility == Visibility.PUBLIC else ""


class PledgePause(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="pause_dates"
            ),
        ]

    def __str__(self):
        return f"{self.start} – {self.end or '…'}"


class ContributionKind(models.TextChoices):
    MONEY = "money", _("money")
    TIME = "time", _("volunteer time")
    IN_KIND = "in_kind", _("gift in kind")


class ContributionStatus(models.TextChoices):
    DECLARED = "declared", _("declared, awaiting a treasurer")
    RECORDED = "recorded", _("recorded in the books")
    REFUSED = "refused", _("refused")


class Provider(models.TextChoices):
    TREASURER = "treasurer", _("recorded by a treasurer")
    BANK = "bank", _("bank transfer")
    STRIPE = "stripe", _("Stripe")
    DECLARED = "declared", _("declared by the giver")


class ContributionQuerySet(models.QuerySet):
    def shown_publicly(self):
        """The gifts anyone may read of (the wall, the API without a treasurer's token): recorded
        in the books, and not private; an anonymous one is shown without its giver's name."""
        return self.filter(status=ContributionStatus.RECORDED).exclude(
            visibility=Visibility.PRIVATE
        )


class Contribution(models.Model):
    """What was given: money received, or time and in-kind once a treasurer validated them."""

    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ContributionStatus.choices)
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    actor = models.ForeignKey(
        "allies.Actor", null=True, blank=True, on_delete=models.PROTECT, related_name="gifts"
    )
    name = models.CharField(_("giver's name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="fr")
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="gifts"
    )
    round_project = models.ForeignKey(
        RoundProject, null=True, blank=True, on_delete=models.PROTECT, related_name="gifts"
    )
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("unit"), max_length=4, default="EUR")
    date = models.DateField(_("date"))
    description = models.CharField(_("what was given"), max_length=300, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    provider = models.CharField(_("received through"), max_length=12, choices=Provider.choices)
    transaction = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="gift"
    )
    # One key per outside origin (a provider's event, an API retry): a repeat records nothing.
    external_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="contribution_amount_positive"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="contribution_has_giver_name"),
            models.CheckConstraint(
                condition=Q(status="recorded", transaction__isnull=False)
                | (~Q(status="recorded") & Q(transaction__isnull=True)),
                name="contribution_recorded_iff_transaction",
            ),
            models.CheckConstraint(
                condition=Q(kind="time", commodity="HOUR")
                | (~Q(kind="time") & ~Q(commodity="HOUR")),
                name="contribution_time_in_hours",
            ),
            models.CheckConstraint(
                condition=Q(round_project__isnull=True) | Q(kind="money"),
                name="contribution_round_money_only",
            ),
        ]
        indexes = [models.Index(fields=["fund", "date"], name="contribution_fund_date_idx")]

    def __str__(self):
        return f"{self.date} {self.name} {self.amount}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)

    @property
    def public_name(self) -> str:
        return self.name if self.visibility == Visibility.PUBLIC else ""


# --- tax receipts --------------------------------------------------------------------------------


class ReceiptCounter(models.Model):
    """The last receipt number of a year: taken under a row lock, so numbers have no gap."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class TaxReceipt(models.Model):
    """A reçu fiscal (Cerfa 11580) for one gift of money or in kind; never changed once issued."""

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number"))
    contribution = models.OneToOneField(
        Contribution, on_delete=models.PROTECT, related_name="receipt"
    )
    giver_name = models.CharField(_("giver's name"), max_length=200)
    giver_address = models.TextField(_("giver's address"), blank=True)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    gift_date = models.DateField(_("date of the gift"))
    gift_kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    language = models.CharField(_("language"), max_length=8)
    # The issuing association as it was on the day (name, address, object, signatory): a
    # receipt printed again later says the same, whatever the settings say then.
    issuer = models.JSONField(_("issuer"), default=dict)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tax receipt")
        verbose_name_plural = _("tax receipts")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="receipt_number_once"),
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"{self.year}-{self.sequence:05d}"

    @property
    def amount(self):
        return from_minor(self.amount_minor, self.commodity)
