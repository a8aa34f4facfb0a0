"""What pages, the API and the services read about gifts, pledges, campaigns and rounds.

Public readers get what each giver chose to show: a private gift is counted in totals but never
listed; a gift public without a name is listed with its amount only.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.core.formats import format_money
from remix.core.money import round_minor
from remix.funding import quadratic, schedule
from remix.funding.models import (
    Campaign,
    CampaignStatus,
    Ceiling,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Frequency,
    Pledge,
    PledgeStatus,
    Round,
    RoundProject,
    RoundStatus,
    Visibility,
)
from remix.ledger import books
from remix.ledger import selectors as ledger
from remix.ledger.models import Fund

# Pledges that still stand: running, or owed after a campaign reached its goal.
STANDING = (PledgeStatus.ACTIVE, PledgeStatus.RECEIVABLE)


# --- ceilings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CeilingInForce:
    period: str  # "month" or "year"
    period_range: books.Period
    amount_minor: int
    commodity: str
    share_of_needs: Decimal | None

    def instalments(self, frequency: str) -> int:
        """How many gifts of a pledge fall in one period of the ceiling, at most."""
        per_year = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4}.get(frequency, 1)
        return per_year if self.period == "year" else 1


def ceiling_of(*, fund: Fund, on: datetime.date) -> CeilingInForce | None:
    """The ceiling per giver in force on a day, in minor units; none when a share of needs
    meets no needs."""
    ceiling = Ceiling.objects.filter(fund=fund).first()
    if ceiling is None:
        return None
    period = books.period_of(ceiling.period, on)
    amount = ceiling.amount_minor
    if ceiling.share_of_needs is not None:
        months = ledger.needs_by_month(
            fund=fund, period=period, converter=ledger.Converter(ceiling.commodity)
        )
        needs = sum((sum(row.values(), Decimal(0)) for row in months.values()), Decimal(0))
        amount = round_minor(needs * ceiling.share_of_needs)
        if amount <= 0:
            return None
    return CeilingInForce(
        period=ceiling.period,
        period_range=period,
        amount_minor=amount,
        commodity=ceiling.commodity,
        share_of_needs=ceiling.share_of_needs,
    )


def pledge_schedule(pledge: Pledge) -> schedule.Schedule:
    return schedule.Schedule(
        start=pledge.start,
        frequency=schedule.Frequency(pledge.frequency),
        amount=pledge.amount_minor,
        end=pledge.end,
        cancelled_on=pledge.cancelled_on,
        pauses=tuple((pause.start, pause.end) for pause in pledge.pauses.all()),
    )


def promised_in_period(
    *, user, fund: Fund, period: books.Period, currency: str = "EUR", converter=None
) -> int:
    """What a giver's standing pledges to a fund make fall due in a period, and gifts without a
    pledge received in it, in minor units of ``currency`` (other currencies at the rate of the
    period's first day; one without a rate counts as nothing, as the open budget does)."""
    converter = converter or ledger.Converter(currency)
    total = 0
    for pledge in Pledge.objects.filter(user=user, fund=fund, status__in=STANDING).prefetch_related(
        "pauses"
    ):
        dates = schedule.due_dates(pledge_schedule(pledge), until=period.end)
        due = pledge.amount_minor * sum(1 for day in dates if day >= period.start)
        total += converter.minor(due, pledge.commodity, period.start) or 0
    gifts = (
        Contribution.objects.filter(
            user=user,
            fund=fund,
            pledge__isnull=True,
            kind=ContributionKind.MONEY,
            status=ContributionStatus.RECORDED,
            date__range=(period.start, period.end),
        )
        .values("commodity")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    for row in gifts:
        total += converter.minor(row["total"], row["commodity"], period.start) or 0
    return total


# --- pledges -------------------------------------------------------------------------------------


def pledge_reconciliation(*, pledge: Pledge, today: datetime.date) -> schedule.Reconciliation:
    """Scheduled against received for a pledge; a campaign pledge falls due when it closed."""
    payments = list(
        pledge.contributions.filter(status=ContributionStatus.RECORDED)
        .order_by("date", "pk")
        .values_list("amount_minor", flat=True)
    )
    if pledge.campaign_id:
        if pledge.status != PledgeStatus.RECEIVABLE:
            return schedule.Reconciliation(instalments=(), received=sum(payments), advance=0)
        closed = pledge.receivable.date if pledge.receivable_id else today
        plan = schedule.Schedule(
            start=closed, frequency=schedule.Frequency.ONCE, amount=pledge.amount_minor
        )
        return schedule.reconcile(plan, payments, today=today)
    return schedule.reconcile(pledge_schedule(pledge), payments, today=today)


def contributions_of(*, user):
    """Everything a person gave or declared, newest first, with its receipt."""
    return Contribution.objects.filter(user=user).select_related("fund", "pledge", "receipt")


def declarations_awaiting():
    """Time and in-kind declared, waiting for a treasurer, oldest first."""
    return (
        Contribution.objects.filter(status=ContributionStatus.DECLARED)
        .select_related("fund", "user")
        .order_by("date", "pk")
    )


def pledges_of(*, user):
    return (
        Pledge.objects.filter(user=user)
        .select_related("fund", "campaign", "round_project__round")
        .prefetch_related("pauses")
    )


# --- the wall ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WallEntry:
    name: str  # "" when the giver asked not to be named
    amount_minor: int
    commodity: str
    date: datetime.date
    kind: str
    recurring: bool = False


def wall(
    *,
    fund: Fund | None = None,
    campaign: Campaign | None = None,
    limit: int = 50,
) -> list[WallEntry]:
    """Who gave, newest first, as each chose to be shown; private gifts are not listed.

    A campaign's wall lists its standing pledges; a fund's, the gifts recorded in its books
    (money, time and in kind) and the recurring pledges that feed it."""
    if campaign is not None:
        pledges = campaign.pledges.filter(status__in=STANDING).exclude(
            visibility=Visibility.PRIVATE
        )
        return [
            WallEntry(
                name=p.public_name,
                amount_minor=p.amount_minor,
                commodity=p.commodity,
                date=p.created_at.date(),
                kind=ContributionKind.MONEY,
            )
            for p in pledges.order_by("-created_at", "-pk")[:limit]
        ]
    gifts = Contribution.objects.shown_publicly()
    if fund is not None:
        gifts = gifts.filter(fund=fund)
    return [
        WallEntry(
            name=g.public_name,
            amount_minor=g.amount_minor,
            commodity=g.commodity,
            date=g.date,
            kind=g.kind,
            recurring=bool(g.pledge_id) and g.pledge.frequency != Frequency.ONCE,
        )
        for g in gifts.select_related("pledge").order_by("-date", "-pk")[:limit]
    ]


# --- giving to a fund ----------------------------------------------------------------------------


def giving_currencies(*, fund: Fund) -> tuple[str, ...]:
    """The currencies one may give in: the fund's, then those the books convert into it."""
    from remix.core.money import HOUR
    from remix.ledger.models import ExchangeRate

    quote = fund.reporting_currency
    others = (
        ExchangeRate.objects.filter(quote=quote)
        .exclude(commodity=HOUR)
        .values_list("commodity", flat=True)
        .distinct()
        .order_by("commodity")
    )
    return (quote, *others)


@dataclass(frozen=True)
class Suggestion:
    gap_per_month: int  # minor units still missing each month this year
    members: int
    amount_minor: int  # what each member would give each month to close it; 0 without a gap
    commodity: str
    monthly_givers: int


def _rounded_up(minor: int, commodity: str) -> int:
    """Up to a whole unit of the currency, the amount one would type."""
    from remix.core.money import minor_digits

    unit = 10 ** minor_digits(commodity)
    return int((Decimal(minor) / unit).to_integral_value(rounding=ROUND_CEILING)) * unit


def give_suggestion(*, fund: Fund, today: datetime.date) -> Suggestion:
    """The remaining monthly gap of the fund this year, shared among the network's members."""
    report = ledger.sustainability(fund=fund, period=books.period_of("year", today))
    members = (
        get_user_model().objects.filter(is_active=True, groups__name="member").distinct().count()
    )
    gap = report.gap_per_month
    each = _rounded_up(-(-gap // max(members, 1)), report.currency) if gap > 0 else 0
    givers = (
        Pledge.objects.filter(fund=fund, status=PledgeStatus.ACTIVE, frequency=Frequency.MONTHLY)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values("name")
        .distinct()
        .count()
    )
    return Suggestion(
        gap_per_month=gap,
        members=members,
        amount_minor=each,
        commodity=report.currency,
        monthly_givers=givers,
    )


# --- campaigns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    raised: int
    goal: int
    backers: int
    commodity: str
    stretch_goals: list  # (StretchGoal, reached)
    days_left: int

    @property
    def percent(self) -> int:
        return int(self.raised * 100 // self.goal) if self.goal else 0

    @property
    def bar(self) -> int:
        """The width of the progress bar, 0 to 100."""
        return min(self.percent, 100)

    @property
    def reached(self) -> bool:
        return self.raised >= self.goal


def campaign_progress(*, campaign: Campaign, today: datetime.date) -> Progress:
    if campaign.raised_at_close_minor is not None:
        raised = campaign.raised_at_close_minor
        backers = campaign.pledges.filter(status__in=(*STANDING, PledgeStatus.RELEASED)).count()
    else:
        standing = campaign.pledges.filter(status__in=STANDING).aggregate(
            total=Sum("amount_minor"), count=Count("pk")
        )
        raised, backers = standing["total"] or 0, standing["count"]
    goals = [(goal, raised >= goal.amount_minor) for goal in campaign.stretch_goals.all()]
    days_left = (campaign.deadline - today).days + 1 if campaign.is_open else 0
    return Progress(
        raised=raised,
        goal=campaign.goal_minor,
        backers=backers,
        commodity=campaign.commodity,
        stretch_goals=goals,
        days_left=max(days_left, 0),
    )


def campaigns_due(*, today: datetime.date):
    """Campaigns past their deadline and not closed yet (or left half-closed by a crash)."""
    return Campaign.objects.filter(
        status__in=(CampaignStatus.OPEN, CampaignStatus.CLOSING), deadline__lt=today
    ).select_related("fund")


def campaigns_public():
    return Campaign.objects.select_related("fund").order_by(
        # Open ones first, the nearest deadline first; then the closed, latest first.
        "-status",
        "deadline",
    )


def campaign_open_first(campaigns) -> list:
    items = list(campaigns)
    return [c for c in items if c.status == CampaignStatus.OPEN] + [
        c for c in items if c.status != CampaignStatus.OPEN
    ]


# --- rounds --------------------------------------------------------------------------------------


def round_gifts(*, round: Round):
    """The gifts that count: money, recorded, in the window, from verified member accounts."""
    return Contribution.objects.filter(
        round_project__round=round,
        kind=ContributionKind.MONEY,
        status=ContributionStatus.RECORDED,
        commodity=round.commodity,
        date__range=(round.opens, round.closes),
        user__isnull=False,
        user__is_active=True,
        user__verified_at__isnull=False,
    )


def round_matching(*, round: Round) -> quadratic.Matching:
    """The quadratic matching of the round as it stands (or as it was closed)."""
    projects = list(round.projects.order_by("pk").values_list("pk", flat=True))
    given: dict[int, dict[int, int]] = {pk: {} for pk in projects}
    rows = (
        round_gifts(round=round)
        .values("round_project_id", "user_id")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    for row in rows:
        given[row["round_project_id"]][row["user_id"]] = row["total"]
    return quadratic.match(given, pool=round.pool_minor, cap_share=round.cap_share)


@dataclass(frozen=True)
class ProjectLine:
    project: RoundProject
    total: int
    contributors: int
    match: int
    capped: bool
    explanation: str


def round_lines(*, round: Round) -> list[ProjectLine]:
    """Each project with its gifts and its match (estimated while open, final once closed)."""
    projects = {p.pk: p for p in round.projects.select_related("fund")}
    if round.status == RoundStatus.CLOSED:
        rows = [
            (projects[m.project_id], m.total_minor, m.contributors, m.match_minor, m.capped)
            for m in round.matches.all()
        ]
    else:
        matching = round_matching(round=round)
        rows = [
            (projects[p.project], p.total, p.contributors, p.match, p.capped)
            for p in matching.projects
        ]
    lines = [
        ProjectLine(
            project=project,
            total=total,
            contributors=people,
            match=match,
            capped=capped,
            explanation=match_explanation(
                total=total, contributors=people, match=match, capped=capped, round=round
            ),
        )
        for project, total, people, match, capped in rows
    ]
    return sorted(lines, key=lambda line: (-line.match, -line.total, line.project.pk))


def match_explanation(*, total: int, contributors: int, match: int, capped: bool, round) -> str:
    """Why a project gets what it gets, in plain words."""
    money = {
        "total": format_money(total, round.commodity),
        "match": format_money(match, round.commodity),
    }
    if contributors == 0:
        return _("No one has given yet: the match grows with the number of givers.")
    if contributors == 1:
        return (
            _(
                "One person gave %(total)s. Matching rewards the number of givers, not the size of "
                "a gift: one giver alone earns no match."
            )
            % money
        )
    text = ngettext(
        "%(count)d people gave %(total)s; their breadth earns %(match)s.",
        "%(count)d people gave %(total)s; their breadth earns %(match)s.",
        contributors,
    ) % {"count": contributors, **money}
    if capped:
        text += " " + _(
            "That is the most one project may receive (%(share)s of the pool); the rest goes to "
            "the other projects."
        ) % {"share": f"{(round.cap_share * 100).normalize():f} %"}
    return text


def rounds_public():
    return Round.objects.select_related("funder", "pool_fund")
