"""The maths of the books, with no Django: balancing, periods, conversions and headline figures.

Plain functions over tuples, ints (minor units) and ``Decimal``; tests give literal expected values.
"""

import calendar
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# --- balancing -----------------------------------------------------------------------------------


def imbalances(legs: Iterable[tuple[object, str, int]]) -> dict[tuple[object, str], int]:
    """What does not sum to zero, per (fund, commodity); empty when the transaction balances."""
    sums: dict[tuple[object, str], int] = defaultdict(int)
    for fund, commodity, minor in legs:
        sums[(fund, commodity)] += minor
    return {key: total for key, total in sums.items() if total != 0}


# --- periods -------------------------------------------------------------------------------------

PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


@dataclass(frozen=True)
class Period:
    """A year, a quarter or a month, named as in ``2026``, ``2026-Q3``, ``2026-10``."""

    kind: str
    start: datetime.date
    end: datetime.date  # the last day, included

    @property
    def name(self) -> str:
        if self.kind == "year":
            return f"{self.start:%Y}"
        if self.kind == "quarter":
            return f"{self.start:%Y}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%Y-%m}"

    @property
    def months(self) -> int:
        return {"year": 12, "quarter": 3, "month": 1}[self.kind]

    def month_starts(self) -> list[datetime.date]:
        return [add_months(self.start, n) for n in range(self.months)]

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> "Period":
        return period_of(self.kind, add_months(self.start, -self.months))

    def __str__(self):
        return self.name


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(kind: str, day: datetime.date) -> Period:
    """The year, quarter or month that holds ``day``."""
    if kind == "year":
        return Period("year", datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    if kind == "quarter":
        start = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period("quarter", start, _month_end(add_months(start, 2)))
    if kind == "month":
        start = day.replace(day=1)
        return Period("month", start, _month_end(start))
    raise ValueError(f"unknown period kind {kind!r}")


def period_parse(text: str) -> Period:
    match = PERIOD.match((text or "").strip())
    if not match:
        raise ValueError(f"not a period: {text!r} (2026, 2026-Q3 or 2026-10)")
    year = int(match["year"])
    if match["quarter"]:
        return period_of("quarter", datetime.date(year, (int(match["quarter"]) - 1) * 3 + 1, 1))
    if match["month"]:
        return period_of("month", datetime.date(year, int(match["month"]), 1))
    return period_of("year", datetime.date(year, 1, 1))


def months_overlap(start: datetime.date, end: datetime.date, period: Period) -> int:
    """Whole months of [start, end] (month-aligned budget lines) that fall inside ``period``."""
    first = max(start.replace(day=1), period.start)
    last = min(end, period.end)
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


# --- conversions ---------------------------------------------------------------------------------


def rate_runs(
    rates: list[tuple[datetime.date, Decimal]], first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, datetime.date, bool]]:
    """The runs of days from ``first`` to ``last`` over which the rate stays the same (cut at each
    rate's date), each with whether a rate applies at all: (first day, last day, rated)."""
    cuts = sorted({day for day, _rate in rates if first < day <= last})
    starts = [first, *cuts]
    ends = [cut - datetime.timedelta(days=1) for cut in cuts] + [last]
    return [
        (start, end, rate_on(rates, start) is not None)
        for start, end in zip(starts, ends, strict=True)
    ]


def rate_on(rates: list[tuple[datetime.date, Decimal]], day: datetime.date) -> tuple | None:
    """The latest (date, rate) on or before ``day`` from rates sorted by date; None if none."""
    found = None
    for rate_date, rate in rates:
        if rate_date > day:
            break
        found = (rate_date, rate)
    return found


# --- headline figures ----------------------------------------------------------------------------


def ratio(part, whole) -> Decimal | None:
    """``part ÷ whole`` to four decimal places, None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def diversification(amounts: Iterable[int]) -> Decimal | None:
    """1 − Herfindahl index of the shares: 0 for a single source, near 1 for many equal ones."""
    positive = [amount for amount in amounts if amount > 0]
    total = sum(positive)
    if not total:
        return None
    # Σ (amount / total)² as one division of integers: exact whatever the number of sources.
    herfindahl = Decimal(sum(amount * amount for amount in positive)) / Decimal(total * total)
    return (1 - herfindahl).quantize(Decimal("0.0001"))


def dependency(amounts: Iterable[int]) -> Decimal | None:
    """The share of the largest source."""
    positive = [amount for amount in amounts if amount > 0]
    if not positive:
        return None
    return ratio(max(positive), sum(positive))


def runway_months(cash: int, monthly_burn: int | Decimal) -> Decimal | None:
    """How many months the cash lasts at the average monthly burn (None when nothing burns)."""
    if monthly_burn <= 0:
        return None
    return (Decimal(cash) / monthly_burn).quantize(Decimal("0.1"))
