"""The sums the sustainability report is made of: income by account, fund and month, income by
source, spending, and the cash and what it burns.

Rows in the reporting currency are grouped by month; other commodities by day, to be converted
at the rate of their own day. Sums by account come from the kept balances; sums by source and
the cash paid out, which depend on the transactions, from the postings.
"""

import datetime
from decimal import Decimal

from django.db.models import Case, DateField, F, Min, Q, Value, When

from remix.core.money import round_minor
from remix.ledger import maths
from remix.ledger.kept import KeptBalance, Span
from remix.ledger.models import AccountType, Fund, Posting
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.kept import cover, kept
from remix.ledger.selectors.sums import MonthStart, fund_scope, posted_in, total_minor


def _day_key(currency: str, same_currency, day="date"):
    """What a row is grouped by in time: the reporting currency needs no rate (``same_currency``),
    other commodities are converted at the rate of their own day."""
    return Case(When(commodity=currency, then=same_currency), default=F(day))


def _posted_of_type(fund: Fund | None, period: maths.Period, account_type: str):
    return Posting.objects.filter(
        fund_scope(fund),
        posted=True,
        date__range=(period.start, period.end),
        account__type=account_type,
    )


def _by_account_and_month(fund: Fund | None, period: maths.Period, currency: str, kind: str):
    """Posted sums of one account type per account, fund, commodity and month (day for other
    currencies), from the kept balances."""
    in_currency = Q(commodity=currency) & cover(period.start, period.end)
    by_day = ~Q(commodity=currency) & Q(span=Span.DAY, start__range=(period.start, period.end))
    return (
        KeptBalance.objects.filter(fund_scope(fund), in_currency | by_day, account__type=kind)
        .annotate(day=_day_key(currency, MonthStart("start"), day="start"))
        .values_list("account_id", "fund_id", "commodity", "day")
        .annotate(total=total_minor())
        .order_by()
    )


def resource_rows(fund: Fund | None, period: maths.Period, currency: str):
    """Income per account, fund, commodity and month (day for other currencies)."""
    return _by_account_and_month(fund, period, currency, AccountType.INCOME)


def source_rows(fund: Fund | None, period: maths.Period, currency: str):
    """Income per source (counterparty and anonymity) and commodity (and day for other
    currencies): kept apart from the rows above, so that neither multiplies the other."""
    return (
        _posted_of_type(fund, period, AccountType.INCOME)
        .annotate(day=_day_key(currency, Value(period.start, output_field=DateField())))
        .values_list("transaction__counterparty_id", "transaction__anonymous", "commodity", "day")
        .annotate(total=total_minor())
        .order_by()
    )


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
        posted_in(fund)
        .filter(
            date__range=(start, end),
            account__is_cash=True,
            amount_minor__lt=0,
            transaction__is_transfer=False,
            transaction__reverses__isnull=True,
            transaction__reversed_by__isnull=True,
        )
        .values_list("commodity", "date")
        .annotate(total=total_minor())
        .order_by()
    ):
        out += converter.minor(-total, commodity, day) or 0
    return cash, round_minor(Decimal(out) / months)
