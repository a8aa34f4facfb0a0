"""The sums the sustainability report is made of: income by account, fund and month, income by
source, spending, and the cash and what it burns.

Rows in the reporting currency are grouped by month; other commodities by day, to be converted
at the rate of their own day. Every sum is read from the kept balances (``selectors/kept.py``),
never from the postings.
"""

import datetime
from decimal import Decimal

from django.db.models import Case, DateField, F, Min, Q, Value, When

from remix.core.money import round_minor
from remix.ledger import maths
from remix.ledger.kept import KeptBalance, KeptCashOut, KeptSource, Span
from remix.ledger.models import AccountType, Fund
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.kept import cover, kept
from remix.ledger.selectors.sums import MonthStart, fund_scope, total_minor


def _day_key(currency: str, same_currency, day="date"):
    """What a row is grouped by in time: the reporting currency needs no rate (``same_currency``),
    other commodities are converted at the rate of their own day."""
    return Case(When(commodity=currency, then=same_currency), default=F(day))


def _months_and_days(first: datetime.date, last: datetime.date, currency: str) -> Q:
    """Kept rows from ``first`` to ``last``: whole months in the reporting currency (and the days
    of months cut short), days for the other commodities, converted at the rate of their day."""
    in_currency = Q(commodity=currency) & cover(first, last)
    by_day = ~Q(commodity=currency) & Q(span=Span.DAY, start__range=(first, last))
    return in_currency | by_day


def _by_account_and_month(fund: Fund | None, period: maths.Period, currency: str, kind: str):
    """Posted sums of one account type per account, fund, commodity and month (day for other
    currencies)."""
    return (
        KeptBalance.objects.filter(
            fund_scope(fund),
            _months_and_days(period.start, period.end, currency),
            account__type=kind,
        )
        .annotate(day=_day_key(currency, MonthStart("start"), day="start"))
        .values_list("account_id", "fund_id", "commodity", "day")
        .annotate(total=total_minor())
        .order_by()
    )


def resource_rows(fund: Fund | None, period: maths.Period, currency: str):
    """Income per account, fund, commodity and month (day for other currencies)."""
    return _by_account_and_month(fund, period, currency, AccountType.INCOME)


def source_rows(fund: Fund | None, period: maths.Period, currency: str):
    """Income per source (counterparty, None when there is none, and anonymity) and commodity
    (and day for other currencies): kept apart from the rows above, so that neither multiplies
    the other."""
    rows = (
        KeptSource.objects.filter(
            fund_scope(fund), _months_and_days(period.start, period.end, currency)
        )
        .annotate(day=_day_key(currency, Value(period.start, output_field=DateField()), "start"))
        .values_list("source", "anonymous", "commodity", "day")
        .annotate(total=total_minor())
        .order_by()
    )
    return [(source or None, anonymous, c, day, total) for source, anonymous, c, day, total in rows]


def spending_rows(fund: Fund | None, period: maths.Period, currency: str):
    """Expenses per account, fund, commodity and month (day for other currencies)."""
    return _by_account_and_month(fund, period, currency, AccountType.EXPENSE)


def cash_and_burn(fund: Fund | None, end: datetime.date, converter: Converter) -> tuple[int, int]:
    """Cash on the last day, and the average cash paid out per month over the 12 months before
    (transfers between funds and reversed pairs left out)."""
    cash, first = 0, None
    for commodity, total, since in (
        kept(None, end, fund=fund)
        .filter(account__is_cash=True)
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
        KeptCashOut.objects.filter(fund_scope(fund), _months_and_days(start, end, converter.quote))
        .values_list("commodity", "start")
        .annotate(total=total_minor())
        .order_by()
    ):
        out += converter.minor(-total, commodity, day) or 0
    return cash, round_minor(Decimal(out) / months)
