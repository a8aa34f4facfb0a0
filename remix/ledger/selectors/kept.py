"""Reads of the kept balances (``remix/ledger/kept.py``): the sum of the posted postings over any
run of days, as whole months and the days of the months cut short."""

import datetime

from django.db.models import Q, QuerySet

from remix.ledger import maths
from remix.ledger.kept import KeptBalance, Span
from remix.ledger.models import Fund


def _month_end(month: datetime.date) -> datetime.date:
    return maths.add_months(month, 1) - datetime.timedelta(days=1)


def _days(first: datetime.date, last: datetime.date) -> Q:
    return Q(span=Span.DAY, start__range=(first, last))


def cover(first: datetime.date | None, last: datetime.date) -> Q:
    """The kept rows whose sum is the postings' from ``first`` (None: the beginning) to ``last``,
    both included: each whole month as its month row, the days of a month cut short as days."""
    last_month = last.replace(day=1)
    whole_to = last_month if _month_end(last_month) == last else maths.add_months(last_month, -1)
    if first is None:
        parts = Q(span=Span.MONTH, start__lte=whole_to)
    else:
        whole_from = first if first.day == 1 else maths.add_months(first.replace(day=1), 1)
        if whole_from > whole_to:
            return _days(first, last)
        parts = Q(span=Span.MONTH, start__range=(whole_from, whole_to))
        if first < whole_from:
            parts |= _days(first, whole_from - datetime.timedelta(days=1))
    if whole_to < last_month:
        parts |= _days(last_month, last)
    return parts


def kept(
    first: datetime.date | None, last: datetime.date, *, fund: Fund | None = None
) -> QuerySet[KeptBalance]:
    """Kept rows covering the days from ``first`` to ``last``, of one fund or of all of them."""
    rows = KeptBalance.objects.filter(cover(first, last))
    return rows.filter(fund=fund) if fund is not None else rows
