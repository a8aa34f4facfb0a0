"""Reads of the kept balances (``remix/ledger/kept.py``): the sum of the posted postings over any
run of days, as whole years, then whole months, then days, at the edges of the run."""

import datetime
import functools
import operator

from django.db.models import Q, QuerySet

from remix.ledger import maths
from remix.ledger.kept import KeptBalance, Span
from remix.ledger.models import Fund

ONE_DAY = datetime.timedelta(days=1)
# The first day of the unit that holds a day, and the first day of the unit ``n`` units later.
UNITS = {
    Span.YEAR: (
        lambda day: day.replace(month=1, day=1),
        lambda start, n: start.replace(year=start.year + n),
    ),
    Span.MONTH: (lambda day: day.replace(day=1), maths.add_months),
}


def cover_runs(
    first: datetime.date, last: datetime.date, spans=(Span.YEAR, Span.MONTH, Span.DAY)
) -> list[tuple[str, datetime.date, datetime.date]]:
    """(span, first start, last start): runs of kept rows that tile the days from ``first`` to
    ``last`` exactly, each day once: whole years, the whole months around them, the days left."""
    if first > last:
        return []
    span, *finer = spans
    if span == Span.DAY:
        return [(Span.DAY, first, last)]
    start_of, later = UNITS[span]
    whole_from = first if start_of(first) == first else later(start_of(first), 1)
    last_unit = start_of(last)
    whole_to = last_unit if later(last_unit, 1) - ONE_DAY == last else later(last_unit, -1)
    if whole_from > whole_to:
        return cover_runs(first, last, finer)
    head = cover_runs(first, whole_from - ONE_DAY, finer) if first < whole_from else []
    tail = cover_runs(last_unit, last, finer) if whole_to < last_unit else []
    return [*head, (span, whole_from, whole_to), *tail]


MONTHS = (Span.MONTH, Span.DAY)  # for figures shown month by month: no year rows


def cover(first: datetime.date | None, last: datetime.date, spans=tuple(Span), **within) -> Q:
    """The kept rows whose sum is the postings' from ``first`` (None: the beginning) to ``last``,
    both included; ``spans`` the units allowed, from the coarsest. ``within`` (a fund, an
    account) is repeated in each run, so that the database reads each run from an index."""
    runs = cover_runs(first or datetime.date(1, 1, 1), last, spans)
    return runs_q(((span, a, b), within) for span, a, b in runs)


def runs_q(runs) -> Q:
    """Rows of each (span, first start, last start) run, each with its own conditions."""
    return functools.reduce(
        operator.or_,
        (Q(span=span, start__range=(a, b), **within) for (span, a, b), within in runs),
    )


def kept(
    first: datetime.date | None, last: datetime.date, *, fund: Fund | None = None
) -> QuerySet[KeptBalance]:
    """Kept rows covering the days from ``first`` to ``last``, of one fund or of all of them."""
    within = {"fund": fund} if fund is not None else {}
    return KeptBalance.objects.filter(cover(first, last, **within))
