"""A pledge's schedule: when each gift falls due, and what the payments received cover.

Pure dates and integers (minor units), no Django. A recurring pledge falls due on its start's day
of the month, every month, quarter or year; in a shorter month, on its last day (a pledge begun
on 31 January falls due on 28 or 29 February, then on 31 March again). A date inside a pause
falls due nowhere; nothing falls due after the end or the cancellation.

Payments cover the oldest gifts due first (first in, first out), as a treasurer reconciles
them; what is more than every gift due so far is an advance on the next ones. A gift is late
when it is not fully covered ``grace_days`` after its date.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class Frequency(StrEnum):
    ONCE = "once"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


@dataclass(frozen=True)
class Schedule:
    start: datetime.date
    frequency: Frequency
    amount: int  # minor units per gift
    end: datetime.date | None = None
    cancelled_on: datetime.date | None = None
    # Each pause from a date to a date (both included), or open when its end is None.
    pauses: tuple[tuple[datetime.date, datetime.date | None], ...] = ()

    def __post_init__(self):
        if self.amount <= 0:
            raise ValueError("a pledge gives more than nothing")
        if self.end is not None and self.end < self.start:
            raise ValueError("a pledge ends after it starts")
        for since, until in self.pauses:
            if until is not None and until < since:
                raise ValueError("a pause ends after it starts")


def add_months(anchor: datetime.date, months: int) -> datetime.date:
    """The anchor's day, ``months`` later; the month's last day when it is shorter."""
    index = anchor.month - 1 + months
    year, month = anchor.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def due_dates(schedule: Schedule, *, until: datetime.date) -> list[datetime.date]:
    """Every date a gift falls due, from the start up to ``until`` included."""
    # Cancelled on a day: what fell due before it stands, nothing from that day on.
    stop = schedule.cancelled_on - datetime.timedelta(days=1) if schedule.cancelled_on else None
    last = min(day for day in (until, schedule.end, stop) if day is not None)
    dates = []
    step = 0
    while True:
        if schedule.frequency == Frequency.ONCE:
            day = schedule.start if step == 0 else None
        else:
            day = add_months(schedule.start, step * MONTHS[schedule.frequency])
        if day is None or day > last:
            return dates
        if not _paused(schedule, day):
            dates.append(day)
        step += 1


def _paused(schedule: Schedule, day: datetime.date) -> bool:
    return any(since <= day and (until is None or day <= until) for since, until in schedule.pauses)


@dataclass(frozen=True)
class Instalment:
    due_on: datetime.date
    amount: int
    covered: int  # by payments, oldest first

    @property
    def missing(self) -> int:
        return self.amount - self.covered


@dataclass(frozen=True)
class Reconciliation:
    instalments: tuple[Instalment, ...]
    received: int
    advance: int  # received beyond every gift due so far
    late: tuple[Instalment, ...] = field(default=())

    @property
    def scheduled(self) -> int:
        return sum(instalment.amount for instalment in self.instalments)

    @property
    def late_amount(self) -> int:
        return sum(instalment.missing for instalment in self.late)


def reconcile(
    schedule: Schedule,
    payments: list[int],
    *,
    today: datetime.date,
    grace_days: int = 10,
) -> Reconciliation:
    """What fell due up to today, what the payments (minor units, any order) cover, what is
    late."""
    if any(payment < 0 for payment in payments):
        raise ValueError("a payment is not negative: a refund is a reversal in the books")
    left = sum(payments)
    instalments = []
    for day in due_dates(schedule, until=today):
        covered = min(left, schedule.amount)
        left -= covered
        instalments.append(Instalment(due_on=day, amount=schedule.amount, covered=covered))
    late = tuple(
        instalment
        for instalment in instalments
        if instalment.missing and instalment.due_on + datetime.timedelta(days=grace_days) < today
    )
    return Reconciliation(
        instalments=tuple(instalments), received=sum(payments), advance=left, late=late
    )
