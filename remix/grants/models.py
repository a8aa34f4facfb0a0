"""Funders, opportunities (grants, calls, sponsorship…) and the applications that answer them.

An **opportunity** is what was spotted: a call or a programme, its amounts, its co-financing rules,
eligibility and dates. An **application** answers it for a fund: its stage in the pipeline (every
change an event with who and when), its financing plan, tasks, documents and decision. Once
granted, the grant is what the funder owes in the books (``Assets:Receivables:Grants``), then
income as it is paid; the share withheld until the final report stays a receivable until the
report is accepted.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.core.files import ProtectedFileField, RandomName, private_storage
from remix.core.money import from_minor


class FunderKind(models.TextChoices):
    FOUNDATION = "foundation", _("foundation")
    LOCAL_AUTHORITY = "local_authority", _("local authority")
    STATE_AGENCY = "state_agency", _("state agency")
    INTERNATIONAL = "international", _("international organisation")
    EUROPEAN = "european", _("European programme")
    COMPANY = "company", _("company sponsor")
    CROWDFUNDING = "crowdfunding", _("crowdfunding platform")


# Public money is income of a public authority; the rest, an institutional grant.
PUBLIC_FUNDERS = frozenset(
    {
        FunderKind.LOCAL_AUTHORITY,
        FunderKind.STATE_AGENCY,
        FunderKind.INTERNATIONAL,
        FunderKind.EUROPEAN,
    }
)


class Funder(models.Model):
    """An actor among the allies who funds: what kind of funder it is."""

    actor = models.OneToOneField(
        "allies.Actor", verbose_name=_("actor"), on_delete=models.PROTECT, related_name="funder"
    )
    kind = models.CharField(_("kind of funder"), max_length=20, choices=FunderKind.choices)

    class Meta:
        verbose_name = pgettext_lazy("model name", "funder")
        verbose_name_plural = pgettext_lazy("model name", "funders")
        ordering = ["actor__name"]

    def __str__(self):
        return self.actor.name

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_FUNDERS


class OpportunityKind(models.TextChoices):
    GRANT = "grant", _("grant")
    OPERATING = "operating", _("operating subsidy")
    CALL_FOR_PROJECTS = "call_projects", _("call for projects")
    CALL_FOR_COMMONS = "call_commons", _("call for commons")
    SPONSORSHIP = "sponsorship", _("sponsorship")
    PRIZE = "prize", _("prize")
    LOAN = "loan", _("loan")


class Recurrence(models.TextChoices):
    NONE = "", _("once")
    YEARLY = "yearly", _("every year")


class Opportunity(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    funder = models.ForeignKey(
        Funder, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="opportunities"
    )
    title = models.CharField(_("programme or call"), max_length=250)
    url = models.URLField(_("address"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_min_minor = models.BigIntegerField(_("minimum (minor units)"), null=True, blank=True)
    amount_max_minor = models.BigIntegerField(_("maximum (minor units)"), null=True, blank=True)
    amount_typical_minor = models.BigIntegerField(_("typical (minor units)"), null=True, blank=True)
    # Co-financing rules.
    max_share = models.DecimalField(
        _("most of the total cost it may cover"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("A share: 0.6 for 60 %."),
    )
    withheld_share = models.DecimalField(
        _("share withheld until the final report"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )
    volunteer_time_counts = models.BooleanField(
        _("valued volunteer time counts as co-financing"), default=False
    )
    # Eligibility.
    beneficiary_types = models.JSONField(
        _("who may apply"), default=list, blank=True, help_text=_("Legal forms, e.g. association.")
    )
    territory = models.CharField(
        _("territory"),
        max_length=120,
        blank=True,
        help_text=_("A country code (FR, SN), a region, or EU; empty for anywhere."),
    )
    themes = models.ManyToManyField(
        "allies.Theme", verbose_name=_("themes"), blank=True, related_name="opportunities"
    )
    funds = models.ManyToManyField(
        "ledger.Fund",
        verbose_name=_("projects it fits"),
        blank=True,
        related_name="opportunities",
    )
    # Dates.
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    letter_of_intent_on = models.DateField(_("letter of intent due"), null=True, blank=True)
    deadline = models.DateTimeField(_("application deadline"), null=True, blank=True)
    decision_on = models.DateField(_("decision expected"), null=True, blank=True)
    report_due_on = models.DateField(_("report due"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, blank=True, default=""
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown."))
    # Where it came from (an import, an outside catalogue): a repeat updates, never duplicates.
    source_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model name", "funding opportunity")
        verbose_name_plural = pgettext_lazy("model name", "funding opportunities")
        ordering = [F("deadline").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="opportunity_has_title"),
            models.CheckConstraint(
                condition=Q(max_share__isnull=True) | Q(max_share__gt=0, max_share__lte=1),
                name="opportunity_max_share_range",
            ),
            models.CheckConstraint(
                condition=Q(withheld_share__isnull=True)
                | Q(withheld_share__gte=0, withheld_share__lt=1),
                name="opportunity_withheld_share_range",
            ),
            models.CheckConstraint(
                condition=Q(amount_min_minor__isnull=True)
                | Q(amount_max_minor__isnull=True)
                | Q(amount_min_minor__lte=F("amount_max_minor")),
                name="opportunity_amounts_ordered",
            ),
        ]

    def __str__(self):
        return self.title


class OpportunityAttachment(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="attachments"
    )
    file = ProtectedFileField(
        _("file"), upload_to=RandomName("grants/opportunities"), storage=private_storage
    )
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "attachment")
        verbose_name_plural = pgettext_lazy("model name", "attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    SPOTTED = "spotted", _("spotted")
    QUALIFIED = "qualified", _("qualified")
    DRAFTING = "drafting", _("drafting")
    SUBMITTED = "submitted", _("submitted")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    ABANDONED = "abandoned", _("abandoned")
    REPORTING = "reporting", _("reporting")
    CLOSED = "closed", _("closed")


# Where an application may go from each stage; a step back is allowed before submission.
TRANSITIONS = {
    Stage.SPOTTED: {Stage.QUALIFIED, Stage.ABANDONED},
    Stage.QUALIFIED: {Stage.DRAFTING, Stage.SPOTTED, Stage.ABANDONED},
    Stage.DRAFTING: {Stage.SUBMITTED, Stage.QUALIFIED, Stage.ABANDONED},
    Stage.SUBMITTED: {Stage.GRANTED, Stage.REFUSED, Stage.ABANDONED},
    Stage.GRANTED: {Stage.REPORTING},
    Stage.REPORTING: {Stage.CLOSED},
    Stage.REFUSED: set(),
    Stage.ABANDONED: set(),
    Stage.CLOSED: set(),
}
# Before the decision an application is the members' business; once granted, public.
PRIVATE_STAGES = frozenset({Stage.SPOTTED, Stage.QUALIFIED, Stage.DRAFTING, Stage.SUBMITTED})
PUBLIC_STAGES = frozenset({Stage.GRANTED, Stage.REPORTING, Stage.CLOSED})


class Application(models.Model):
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    fund = models.ForeignKey(
        "ledger.Fund", verbose_name=_("for"), on_delete=models.PROTECT, related_name="applications"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.SPOTTED
    )
    commodity = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_requested_minor = models.BigIntegerField(
        _("amount requested (minor units)"), null=True, blank=True
    )
    amount_granted_minor = models.BigIntegerField(
        _("amount granted (minor units)"), null=True, blank=True
    )
    withheld_minor = models.BigIntegerField(
        _("withheld until the final report (minor units)"), default=0
    )
    hours_spent = models.DecimalField(_("hours spent"), max_digits=8, decimal_places=2, default=0)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reasons = models.TextField(_("decision and reasons"), blank=True)
    report_accepted_on = models.DateField(_("final report accepted on"), null=True, blank=True)
    # The grant in the books: what the funder owes, recorded when granted.
    receivable = models.OneToOneField(
        "ledger.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "application")
        verbose_name_plural = pgettext_lazy("model name", "applications")
        ordering = ["-created_at", "-id"]
        # The newest first: a page is read from the index, not sorted from the whole table.
        indexes = [models.Index(fields=["-created_at", "-id"], name="application_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested_minor__isnull=True) | Q(amount_requested_minor__gt=0),
                name="application_requested_positive",
            ),
            models.CheckConstraint(
                condition=Q(amount_granted_minor__isnull=True) | Q(amount_granted_minor__gt=0),
                name="application_granted_positive",
            ),
            models.CheckConstraint(
                condition=Q(withheld_minor__gte=0), name="application_withheld_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["granted", "reporting", "closed"])
                | Q(amount_granted_minor__isnull=False, receivable__isnull=False),
                name="application_granted_in_books",
            ),
        ]

    def __str__(self):
        return f"{self.opportunity} — {self.fund}"

    @property
    def is_public(self) -> bool:
        return self.stage in PUBLIC_STAGES

    @property
    def amount_requested(self):
        if self.amount_requested_minor is None:
            return None
        return from_minor(self.amount_requested_minor, self.commodity)

    @property
    def amount_granted(self):
        if self.amount_granted_minor is None:
            return None
        return from_minor(self.amount_granted_minor, self.commodity)


class StageEvent(models.Model):
    """Every move of an application: from, to, who, when, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "stage change")
        verbose_name_plural = pgettext_lazy("model name", "stage changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_stage or '—'} → {self.to_stage}"


class PlanLineKind(models.TextChoices):
    COST = "cost", _("cost")
    FUNDING = "funding", _("funding")


class FundingSource(models.TextChoices):
    THIS_GRANT = "this_grant", _("this grant")
    OTHER_GRANT = "other_grant", _("another grant")
    OWN = "own", _("own resources")
    VOLUNTEER_TIME = "volunteer_time", _("valued volunteer time")
    OTHER = "other", _("other")


class PlanLine(models.Model):
    """One line of the financing plan: a cost, or a funding line with its source."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="plan")
    kind = models.CharField(_("kind"), max_length=10, choices=PlanLineKind.choices)
    label = models.CharField(_("label"), max_length=200)
    amount_minor = models.BigIntegerField(_("amount (minor units)"))
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices, blank=True)
    volunteer = models.BooleanField(_("valued volunteer time"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model name", "plan line")
        verbose_name_plural = pgettext_lazy("model name", "plan lines")
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="plan_line_positive"),
            models.CheckConstraint(
                condition=Q(kind="cost", source="") | Q(kind="funding", source__gt=""),
                name="plan_line_source_iff_funding",
            ),
            models.CheckConstraint(
                condition=Q(volunteer=False) | Q(kind="cost"), name="plan_line_volunteer_cost"
            ),
        ]

    def __str__(self):
        return self.label


class Task(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_tasks",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "task")
        verbose_name_plural = pgettext_lazy("model name", "tasks")
        ordering = [F("due_on").asc(nulls_last=True), "id"]

    def __str__(self):
        return self.title


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file = ProtectedFileField(
        _("file"), upload_to=RandomName("grants/applications"), storage=private_storage
    )
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "document")
        verbose_name_plural = pgettext_lazy("model name", "documents")
        ordering = ["id"]

    def __str__(self):
        return self.name


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "saved search")
        verbose_name_plural = pgettext_lazy("model name", "saved searches")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_once"),
        ]

    def __str__(self):
        return self.name


class CalendarToken(models.Model):
    """A secret address for one person's calendar feed: calendar applications cannot log in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "calendar address")
        verbose_name_plural = pgettext_lazy("model name", "calendar addresses")

    def __str__(self):
        return f"{self.user}"


class ReminderSent(models.Model):
    """One reminder e-mail, so that a re-run of the command never sends it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=30)  # which date: "deadline", "letter_of_intent", …
    due = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model name", "reminder sent")
        verbose_name_plural = pgettext_lazy("model name", "reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "opportunity", "what", "due", "days_before"],
                name="reminder_once",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.opportunity} {self.what} −{self.days_before}"
