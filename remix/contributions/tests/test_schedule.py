"""A pledge's schedule and what its payments cover, with literal dates."""

import datetime

import pytest

from remix.contributions.schedule import Frequency, Schedule, add_months, due_dates, reconcile

D = datetime.date


def test_a_month_shorter_than_the_start_day_falls_due_on_its_last_day():
    start = D(2026, 1, 31)
    assert [add_months(start, n) for n in range(4)] == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
    ]
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_monthly_quarterly_yearly_and_once():
    def dates(frequency):
        pledge = Schedule(start=D(2026, 1, 15), frequency=frequency, amount=500)
        return due_dates(pledge, until=D(2027, 1, 15))

    assert len(dates(Frequency.MONTHLY)) == 13
    assert dates(Frequency.QUARTERLY) == [
        D(2026, 1, 15),
        D(2026, 4, 15),
        D(2026, 7, 15),
        D(2026, 10, 15),
        D(2027, 1, 15),
    ]
    assert dates(Frequency.YEARLY) == [D(2026, 1, 15), D(2027, 1, 15)]
    assert dates(Frequency.ONCE) == [D(2026, 1, 15)]


def test_pauses_end_and_cancellation():
    pledge = Schedule(
        start=D(2026, 1, 5),
        frequency=Frequency.MONTHLY,
        amount=5_000,
        end=D(2026, 12, 31),
        pauses=((D(2026, 3, 1), D(2026, 4, 30)),),
    )
    dates = due_dates(pledge, until=D(2027, 6, 1))
    assert D(2026, 3, 5) not in dates and D(2026, 4, 5) not in dates
    assert dates[-1] == D(2026, 12, 5) and len(dates) == 10
    cancelled = Schedule(
        start=D(2026, 1, 5), frequency=Frequency.MONTHLY, amount=5_000, cancelled_on=D(2026, 6, 5)
    )
    assert due_dates(cancelled, until=D(2027, 1, 1))[-1] == D(2026, 5, 5)
    open_pause = Schedule(
        start=D(2026, 1, 5),
        frequency=Frequency.MONTHLY,
        amount=5_000,
        pauses=((D(2026, 2, 1), None),),
    )
    assert due_dates(open_pause, until=D(2027, 1, 1)) == [D(2026, 1, 5)]


def test_payments_cover_the_oldest_gifts_first_and_late_ones_show():
    # 5,000 XOF a month from 1 September; 12,000 received; today 20 November.
    pledge = Schedule(start=D(2026, 9, 1), frequency=Frequency.MONTHLY, amount=5_000)
    result = reconcile(pledge, [5_000, 7_000], today=D(2026, 11, 20))
    assert [(i.due_on, i.covered) for i in result.instalments] == [
        (D(2026, 9, 1), 5_000),
        (D(2026, 10, 1), 5_000),
        (D(2026, 11, 1), 2_000),
    ]
    assert (result.scheduled, result.received, result.advance) == (15_000, 12_000, 0)
    assert [i.due_on for i in result.late] == [D(2026, 11, 1)]
    assert result.late_amount == 3_000
    # Within the grace days, a gift not yet paid is not late.
    assert reconcile(pledge, [10_000], today=D(2026, 11, 10)).late == ()


def test_what_is_paid_beyond_the_gifts_due_is_an_advance():
    pledge = Schedule(start=D(2026, 9, 1), frequency=Frequency.QUARTERLY, amount=3_000)
    result = reconcile(pledge, [10_000], today=D(2026, 11, 20))
    assert (result.scheduled, result.advance, result.late) == (3_000, 7_000, ())


def test_bad_schedules_and_payments_are_refused():
    with pytest.raises(ValueError):
        Schedule(start=D(2026, 1, 1), frequency=Frequency.MONTHLY, amount=0)
    with pytest.raises(ValueError):
        Schedule(start=D(2026, 1, 1), frequency=Frequency.MONTHLY, amount=1, end=D(2025, 1, 1))
    with pytest.raises(ValueError):
        Schedule(
            start=D(2026, 1, 1),
            frequency=Frequency.MONTHLY,
            amount=1,
            pauses=((D(2026, 5, 1), D(2026, 4, 1)),),
        )
    pledge = Schedule(start=D(2026, 1, 1), frequency=Frequency.MONTHLY, amount=1)
    with pytest.raises(ValueError):
        reconcile(pledge, [-1], today=D(2026, 2, 1))
