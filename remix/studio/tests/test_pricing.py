"""The study office's arithmetic, with literal amounts (minor units)."""

from decimal import Decimal

from remix.studio.pricing import hours_in_days, line_amount, margin, time_value


def test_a_line_is_quantity_times_unit_price_rounded_once_half_to_even():
    assert line_amount(Decimal("12"), 65000) == 780000
    assert line_amount(Decimal("2.5"), 333) == 832  # 832.5 → 832 (half to even)
    assert line_amount(Decimal("1.5"), 333) == 500  # 499.5 → 500
    assert line_amount(Decimal("0.01"), 1) == 0


def test_hours_are_valued_at_the_daily_rate_over_seven_hours():
    assert time_value(Decimal("7"), 65000) == 65000
    assert time_value(Decimal("3.5"), 65000) == 32500
    assert time_value(Decimal("1"), 65000) == 9286  # 9285.71…
    assert time_value(Decimal("5"), 100) == 71  # 71.43


def test_days_and_margin():
    assert hours_in_days(Decimal("17.5")) == Decimal("2.50")
    assert hours_in_days(Decimal("1")) == Decimal("0.14")
    assert margin(900000, 195000) == 705000
    assert margin(100, 250) == -150
