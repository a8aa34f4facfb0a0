"""Giving to a fund: the ceiling per giver in force, what a giver already promised, the currencies
one may give in, and the monthly gift that would close the fund's gap."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, Sum

from remix.contributions import schedule
from remix.contributions.models import (
    Ceiling,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Frequency,
    Pledge,
    PledgeStatus,
)
from remix.contributions.selectors.pledges import STANDING, pledge_schedule
from remix.core.money import round_minor
from remix.ledger import maths
from remix.ledger import selectors as ledger
from remix.ledger.models import Fund


@dataclass(frozen=True)
class CeilingInForce:
    period: str  # "month" or "year"
    period_range: maths.Period
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
    period = maths.period_of(ceiling.period, on)
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


def ceilings_in_force(*, today: datetime.date) -> list[tuple[Ceiling, CeilingInForce | None]]:
    """Every fund's ceiling as it was set, beside what it comes to today, by fund."""
    return [
        (ceiling, ceiling_of(fund=ceiling.fund, on=today))
        for ceiling in Ceiling.objects.select_related("fund").order_by("fund__slug")
    ]


def promised_in_period(
    *, user, fund: Fund, period: maths.Period, currency: str = "EUR", converter=None
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


def giving_currencies(*, fund: Fund) -> tuple[str, ...]:
    """The currencies one may give in: the fund's, then those the books hold a rate for with it,
    quoted either way round."""
    quote = fund.reporting_currency
    return (quote, *ledger.commodities_convertible(quote=quote))


@dataclass(frozen=True)
class Suggestion:
    headline: ledger.Headline  # the fund's money headline this year
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
    headline = ledger.money_headline(fund=fund, period=maths.period_of("year", today))
    members = (
        get_user_model().objects.filter(is_active=True, groups__name="member").distinct().count()
    )
    gap = headline.missing_per_month
    each = _rounded_up(-(-gap // max(members, 1)), headline.currency) if gap > 0 else 0
    givers = (
        Pledge.objects.filter(fund=fund, status=PledgeStatus.ACTIVE, frequency=Frequency.MONTHLY)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values("name")
        .distinct()
        .count()
    )
    return Suggestion(
        headline=headline,
        gap_per_month=gap,
        members=members,
        amount_minor=each,
        commodity=headline.currency,
        monthly_givers=givers,
    )
