"""Needs: the budget lines of a year, and what each month of a period needs."""

import datetime
from collections import defaultdict
from decimal import Decimal

from remix.ledger import maths
from remix.ledger.models import BudgetLine, Fund
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.sums import fund_scope


def needs_by_month(*, fund: Fund | None, period: maths.Period, converter: Converter) -> dict:
    """The needs of each month of the period, per category; longer lines spread evenly."""
    lines = BudgetLine.objects.filter(
        fund_scope(fund), start__lte=period.end, end__gte=period.start
    ).select_related("account")
    months = {month: defaultdict(Decimal) for month in period.month_starts()}
    for line in lines:
        span = maths.months_between(line.start, line.end)
        amount = converter.minor(line.amount_minor, line.commodity, line.start)
        if amount is None:
            continue
        per_month = Decimal(amount) / span
        for month in months:
            if line.start.replace(day=1) <= month <= line.end:
                months[month][line.need_category] += per_month
    return months


def budget_lines_of_year(*, year: int, fund: Fund | None = None) -> list[BudgetLine]:
    """The lines that cover some of the year, by fund and start, each with its period's name."""
    lines = BudgetLine.objects.filter(
        start__lte=datetime.date(year, 12, 31), end__gte=datetime.date(year, 1, 1)
    ).select_related("fund", "account")
    if fund is not None:
        lines = lines.filter(fund=fund)
    lines = list(lines.order_by("fund__slug", "start", "id"))
    for line in lines:
        line.period_name = maths.period_of(line.period_kind, line.start).name
    return lines
