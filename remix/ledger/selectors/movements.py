"""The sums the sustainability report is made of: income by account, fund and month, income by
source, spending, and the cash and what it burns.

Rows in the reporting currency are grouped by month; other commodities by month too within each
run of days that share a rate, converted once at that rate (by day where no rate applies). Every
sum is read from the kept balances (``selectors/kept.py``), never from the postings.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Min, Q, QuerySet

from remix.core.money import round_minor
from remix.ledger import chart, maths
from remix.ledger.kept import KeptBalance, KeptCashOut, KeptSource, Span
from remix.ledger.models import AccountType, Fund
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.kept import MONTHS, cover_runs, kept, runs_q
from remix.ledger.selectors.sums import total_minor


def _summed(kept: QuerySet, keys: tuple[str, ...], currency: str, day_of) -> list[tuple]:
    """The kept rows added up per ``keys``, commodity and day: (*keys, commodity, day, total).

    The reporting currency needs no rate: its rows are added up per ``day_of(start)`` (their
    month, or the whole period); another commodity is converted at the rate of its own rows'
    days, so each of its rows keeps its start. A report reads thousands of kept rows (as many as
    givers): they are read as stored and added up here, where the database would sort them all
    first to group them."""
    totals: dict[tuple, int] = defaultdict(int)
    # Each row is (*keys, commodity, start, amount): its key is the row but its amount, the
    # start put to ``day_of`` for the reporting currency (rows unpacked by position: thousands).
    for row in kept.order_by().values_list(*keys, "commodity", "start", "amount_minor"):
        if row[-3] == currency:
            totals[(*row[:-2], day_of(row[-2]))] += row[-1]
        else:
            totals[row[:-1]] += row[-1]
    return [(*key, total) for key, total in totals.items()]


def _runs(first: datetime.date, last: datetime.date, converter: Converter, spans, **within) -> Q:
    """Kept rows from ``first`` to ``last``: the reporting currency in the coarsest whole units
    ``spans`` allow; another commodity in the same units within each run of days that share its
    rate (so it is converted once a unit, at the rate of its days), and day by day where no rate
    applies (the report then lists each day without a rate)."""
    commodities: dict[tuple, set[str]] = defaultdict(set)
    for run in cover_runs(first, last, spans):
        commodities[run].add(converter.quote)
    for commodity, rates in converter.rates.items():
        for run_first, run_last, rated in maths.rate_runs(rates, first, last):
            for run in cover_runs(run_first, run_last, spans if rated else (Span.DAY,)):
                commodities[run].add(commodity)
    for commodity in _present(first, last) - {converter.quote, *converter.rates}:
        commodities[(Span.DAY, first, last)].add(commodity)
    return runs_q(
        (run, {"commodity__in": sorted(found), **within}) for run, found in commodities.items()
    )


def _present(first: datetime.date, last: datetime.date) -> set[str]:
    """The commodities posted in the years from ``first`` to ``last`` (a few thousand rows)."""
    years = KeptBalance.objects.filter(
        span=Span.YEAR, start__range=(first.replace(month=1, day=1), last)
    )
    return set(years.values_list("commodity", flat=True).distinct())


def _by_account_and_month(fund: Fund | None, period: maths.Period, converter: Converter, kinds):
    """Posted sums of the accounts ``kinds`` selects per account, fund, commodity and month (and
    run of days that share a rate, for other currencies)."""
    within = {"fund": fund} if fund is not None else {}
    runs = _runs(period.start, period.end, converter, MONTHS, **within)
    return _summed(
        KeptBalance.objects.filter(runs).filter(kinds),
        ("account_id", "fund_id"),
        converter.quote,
        lambda start: start.replace(day=1),
    )


def resource_rows(fund: Fund | None, period: maths.Period, converter: Converter):
    """Income per account, fund, commodity and month (run of days for other currencies); for a
    single fund, its inter-fund transfers too (negative when it received), read in the same
    query: what it received from other funds is among its resources."""
    kinds = Q(account__type=AccountType.INCOME)
    if fund is not None:
        kinds |= Q(account__code=chart.TRANSFERS)
    return _by_account_and_month(fund, period, converter, kinds)


def source_rows(fund: Fund | None, period: maths.Period, converter: Converter):
    """Income per source (counterparty, 0 when there is none, and anonymity) and commodity
    (and run of days for other currencies): kept apart from the rows above, so that neither
    multiplies the other. The sums over every fund are kept whole (``fund_key`` 0).

    An index holds the kept rows whole: a year's thousands of givers are read from it alone."""
    return _summed(
        _sources_kept(fund, period, converter),
        ("source", "anonymous"),
        converter.quote,
        lambda start: period.start,
    )


def source_names(fund: Fund | None, period: maths.Period, converter: Converter) -> dict:
    """The name of each actor who gave in the period and did not ask for anonymity, by id."""
    from remix.allies.models import Actor

    named = _sources_kept(fund, period, converter).filter(anonymous=False, source__gt=0)
    return dict(Actor.objects.filter(pk__in=named.values("source")).values_list("pk", "name"))


def _sources_kept(fund: Fund | None, period: maths.Period, converter: Converter):
    within = {"fund_key": fund.pk if fund is not None else 0}
    return KeptSource.objects.filter(
        _runs(period.start, period.end, converter, tuple(Span), **within)
    )


def spending_rows(fund: Fund | None, period: maths.Period, converter: Converter):
    """Expenses per account, fund, commodity and month (run of days for other currencies)."""
    return _by_account_and_month(fund, period, converter, Q(account__type=AccountType.EXPENSE))


def _cash_kept(end: datetime.date, fund: Fund | None = None) -> QuerySet:
    """The kept rows of the cash accounts up to ``end``: what a fund holds."""
    return kept(None, end, fund=fund).filter(account__is_cash=True)


def cash_by_fund(funds, end: datetime.date, converter: Converter) -> dict[int, int]:
    """The cash each of ``funds`` holds on ``end`` (as ``cash_and_burn`` reads it), by fund id,
    in one query whatever their number."""
    cash: dict[int, int] = defaultdict(int)
    for fund_id, commodity, total in (
        _cash_kept(end)
        .filter(fund__in=funds)
        .values_list("fund_id", "commodity")
        .annotate(total=total_minor())
        .order_by()
    ):
        cash[fund_id] += converter.minor(total, commodity, end) or 0
    return dict(cash)


def cash_and_burn(fund: Fund | None, end: datetime.date, converter: Converter) -> tuple[int, int]:
    """Cash on the last day, and the average cash paid out per month over the 12 months before
    (transfers between funds and reversed pairs left out)."""
    cash, first = 0, None
    for commodity, total, since in (
        _cash_kept(end, fund)
        .values_list("commodity")
        .annotate(total=total_minor(), since=Min("start"))
        .order_by()
    ):
        cash += converter.minor(total, commodity, end) or 0
        first = since if first is None or since < first else first
    if first is None:
        return cash, 0
    # The 12 months that end with the period's last month, or fewer when the books are younger.
    start = max(maths.add_months(end.replace(day=1), -11), first.replace(day=1))
    months = maths.months_between(start, end)
    out = 0
    for commodity, day, total in (
        KeptCashOut.objects.filter(
            _runs(start, end, converter, tuple(Span), **({"fund": fund} if fund else {}))
        )
        .values_list("commodity", "start")
        .annotate(total=total_minor())
        .order_by()
    ):
        out += converter.minor(-total, commodity, day) or 0
    return cash, round_minor(Decimal(out) / months)
