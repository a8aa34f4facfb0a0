"""Reads of the pipeline and of the yearly funding report.

Visibility is read through ``selectors.applications.applications_visible``, as the search page
and the API read it: before the decision an application is the members' business; granted ones
(granted, reporting, closed) are public with their amounts.

The yearly report counts what was **decided** in the year (``decided_on``): requested against
granted by kind of funder, the success rate (granted ÷ decided), the hours spent on what was
settled in the year (decided or abandoned), and the share of the platform's needs of the year
that the grants granted to the platform's fund that year cover. Amounts are in the platform's
reporting currency, converted at the rate of the decision's day; an amount without a rate is
left out and named in ``missing``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.permissions import can_contribute, can_move_application
from remix.grants.models import (
    PUBLIC_STAGES,
    TRANSITIONS,
    Application,
    FunderKind,
    Stage,
    StageEvent,
    Task,
)
from remix.grants.selectors.applications import applications_visible
from remix.ledger import maths, selectors
from remix.ledger.models import Fund

# The board's columns, in the pipeline's order.
BOARD_STAGES = (
    Stage.SPOTTED,
    Stage.QUALIFIED,
    Stage.DRAFTING,
    Stage.SUBMITTED,
    Stage.GRANTED,
    Stage.REFUSED,
    Stage.ABANDONED,
    Stage.REPORTING,
    Stage.CLOSED,
)
DECIDED_STAGES = frozenset({*PUBLIC_STAGES, Stage.REFUSED})
# Moves that ask for more than a click: the amount granted, the reasons, the report's date.
DETAILED_MOVES = frozenset({Stage.GRANTED, Stage.REFUSED, Stage.CLOSED})


# --- visibility ----------------------------------------------------------------------------------


def may_see_work(user) -> bool:
    """Members see every application, and its tasks, documents and hours."""
    return can_contribute(user)


def moves_of(application: Application, *, user=None) -> list[tuple[str, str]]:
    """Where the application may go next: (stage, its label), forward first in the pipeline's
    order, then a step back, then giving up; with ``user``, only the moves they may make."""
    current = BOARD_STAGES.index(Stage(application.stage))
    allowed = [
        stage
        for stage in BOARD_STAGES
        if stage in TRANSITIONS[Stage(application.stage)]
        and (user is None or can_move_application(user, to=stage))
    ]
    allowed.sort(key=lambda stage: (stage == Stage.ABANDONED, BOARD_STAGES.index(stage) < current))
    return [(stage.value, stage.label) for stage in allowed]


def move_needs_details(application: Application, to: str) -> bool:
    """A move the board's one-click form cannot make: granting needs the amount, refusing asks
    the reasons, closing needs the date the final report was accepted (unless already known)."""
    if to == Stage.CLOSED:
        return application.report_accepted_on is None
    return to in DETAILED_MOVES


# --- the board -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    what: str
    when: datetime.date | datetime.datetime  # the application deadline keeps its hour
    day: datetime.date
    overdue: bool


@dataclass(frozen=True)
class Card:
    application: Application
    deadline: Deadline | None
    moves: list[tuple[str, str]]


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    cards: list[Card] = field(default_factory=list)


def _dates_ahead(application: Application) -> list[tuple[str, datetime.date | datetime.datetime]]:
    """The opportunity's dates that matter at the application's stage."""
    opportunity, stage = application.opportunity, application.stage
    if stage in (Stage.SPOTTED, Stage.QUALIFIED, Stage.DRAFTING):
        return [
            (_("letter of intent"), opportunity.letter_of_intent_on),
            (_("application deadline"), opportunity.deadline),
        ]
    if stage == Stage.SUBMITTED:
        return [(_("decision expected"), opportunity.decision_on)]
    if stage in (Stage.GRANTED, Stage.REPORTING):
        return [(_("final report due"), opportunity.report_due_on)]
    return []


def _local_day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def next_deadline(application: Application, *, today: datetime.date) -> Deadline | None:
    """The nearest date ahead (the opportunity's for this stage), or an open task's due date —
    one already past is shown as overdue, since it still has to be done."""
    candidates = [
        Deadline(what, when, _local_day(when), False)
        for what, when in _dates_ahead(application)
        if when is not None and _local_day(when) >= today
    ]
    if application.stage not in (Stage.REFUSED, Stage.ABANDONED, Stage.CLOSED):
        candidates += [
            Deadline(task.title, task.due_on, task.due_on, task.due_on < today)
            for task in application.tasks.all()  # prefetched: the open ones with a date
        ]
    return min(candidates, key=lambda deadline: deadline.day, default=None)


def pipeline_board(
    *, user, fund: Fund | None = None, owner=None, today: datetime.date | None = None
) -> list[Column]:
    """One column per stage, each with its cards; visitors get the public columns only."""
    today = today or timezone.localdate()
    if user.is_authenticated:
        prefetch_related_objects([user], "groups")  # each card asks which moves are theirs
    applications = applications_visible(user=user).prefetch_related(
        Prefetch(
            "tasks",
            queryset=Task.objects.filter(done_on__isnull=True, due_on__isnull=False),
        )
    )
    if fund is not None:
        applications = applications.filter(fund=fund)
    if owner is not None:
        applications = applications.filter(owner=owner)
    member = may_see_work(user)
    stages = BOARD_STAGES if member else [s for s in BOARD_STAGES if s in PUBLIC_STAGES]
    columns = {stage: Column(stage.value, stage.label) for stage in stages}
    for application in applications.order_by("opportunity__deadline", "opportunity__title", "id"):
        column = columns.get(application.stage)
        if column is None:
            continue
        column.cards.append(
            Card(
                application=application,
                deadline=next_deadline(application, today=today),
                moves=moves_of(application, user=user) if member else [],
            )
        )
    return list(columns.values())


def application_events(application: Application) -> QuerySet:
    return StageEvent.objects.filter(application=application).select_related("by")


# --- the yearly report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One application settled in the year, reduced to what the report counts (pure data)."""

    funder_kind: str
    stage: str
    requested: int  # minor units of the report's currency, 0 when not said
    granted: int
    hours: Decimal
    platform: bool  # for the platform's own fund


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    decided: int
    granted_count: int
    requested: int
    granted: int
    hours: Decimal

    @property
    def success_rate(self) -> Decimal | None:
        return maths.ratio(self.granted_count, self.decided)


@dataclass(frozen=True)
class FundingYear:
    year: int
    currency: str
    rows: list[KindRow]
    decided: int
    granted_count: int
    requested: int
    granted: int
    hours: Decimal
    abandoned: int
    platform_granted: int  # granted to the platform's fund, decided in the year
    platform_needs: int  # the platform's needs over the year
    missing: list[dict] = field(default_factory=list)  # amounts left out for want of a rate

    @property
    def success_rate(self) -> Decimal | None:
        return maths.ratio(self.granted_count, self.decided)

    @property
    def platform_share(self) -> Decimal | None:
        """The share of the platform's needs that grants cover (None without needs)."""
        return maths.ratio(self.platform_granted, self.platform_needs)


def year_figures(outcomes: list[Outcome]) -> dict:
    """The report's figures from its outcomes: pure, no database."""
    rows = []
    for kind in FunderKind:
        mine = [o for o in outcomes if o.funder_kind == kind]
        if not mine:
            continue
        decided = [o for o in mine if o.stage in DECIDED_STAGES]
        granted = [o for o in decided if o.stage in PUBLIC_STAGES]
        rows.append(
            KindRow(
                kind=kind.value,
                label=kind.label,
                decided=len(decided),
                granted_count=len(granted),
                requested=sum(o.requested for o in decided),
                granted=sum(o.granted for o in granted),
                hours=sum((o.hours for o in mine), Decimal(0)),
            )
        )
    return {
        "rows": rows,
        "decided": sum(row.decided for row in rows),
        "granted_count": sum(row.granted_count for row in rows),
        "requested": sum(row.requested for row in rows),
        "granted": sum(row.granted for row in rows),
        "hours": sum((row.hours for row in rows), Decimal(0)),
        "abandoned": sum(1 for o in outcomes if o.stage == Stage.ABANDONED),
        "platform_granted": sum(
            o.granted for o in outcomes if o.platform and o.stage in PUBLIC_STAGES
        ),
    }


def _settled_in(year: int) -> QuerySet:
    """Decided in the year, or abandoned in the year (the move's date)."""
    abandoned = StageEvent.objects.filter(to_stage=Stage.ABANDONED, at__year=year).values(
        "application"
    )
    return Application.objects.filter(
        Q(stage__in=DECIDED_STAGES, decided_on__year=year)
        | Q(stage=Stage.ABANDONED, pk__in=abandoned)
    ).select_related("opportunity__funder", "fund")


def year_outcomes(*, year: int, currency: str) -> tuple[list[Outcome], list[dict]]:
    converter = selectors.Converter(currency)
    outcomes = []
    for application in _settled_in(year):
        day = application.decided_on or datetime.date(year, 12, 31)

        def convert(minor, application=application, day=day):
            if not minor:
                return 0
            return converter.minor(minor, application.commodity, day)

        requested, granted = (
            convert(application.amount_requested_minor),
            convert(application.amount_granted_minor),
        )
        if requested is None or granted is None:
            continue  # named in the converter's missing rates
        outcomes.append(
            Outcome(
                funder_kind=application.opportunity.funder.kind,
                stage=application.stage,
                requested=requested,
                granted=granted,
                hours=application.hours_spent,
                platform=application.fund.is_platform,
            )
        )
    return outcomes, converter.report()["missing"]


def funding_year(*, year: int) -> FundingYear:
    """The yearly funding report, in the platform's reporting currency."""
    platform = selectors.platform_fund()
    currency = platform.reporting_currency
    outcomes, missing = year_outcomes(year=year, currency=currency)
    needs = selectors.sustainability(fund=platform, period=maths.period_parse(str(year))).needs
    return FundingYear(
        year=year,
        currency=currency,
        platform_needs=needs,
        missing=missing,
        **year_figures(outcomes),
    )


@dataclass(frozen=True)
class PlatformShare:
    year: int
    currency: str
    granted: int
    needs: int

    @property
    def share(self) -> Decimal | None:
        return maths.ratio(self.granted, self.needs)


def platform_share(*, year: int) -> PlatformShare:
    """The one figure the sustainability dashboard shows: what share of the platform's needs
    of the year the grants granted to its fund that year cover."""
    report = funding_year(year=year)
    return PlatformShare(
        year=year,
        currency=report.currency,
        granted=report.platform_granted,
        needs=report.platform_needs,
    )


def report_years(*, today: datetime.date | None = None) -> list[int]:
    """The years with a decision, and the current one, latest first."""
    today = today or timezone.localdate()
    years = {
        day.year
        for day in Application.objects.filter(decided_on__isnull=False).dates("decided_on", "year")
    }
    years.add(today.year)
    return sorted(years, reverse=True)


def hours_by_application(*, year: int) -> list[tuple[Application, Decimal]]:
    """Members only: the hours of each application settled in the year, most first."""
    rows = [(found, found.hours_spent) for found in _settled_in(year) if found.hours_spent]
    return sorted(rows, key=lambda row: (-row[1], row[0].pk))
