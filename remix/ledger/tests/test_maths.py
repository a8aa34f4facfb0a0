"""The pure maths of the books, with literal expected values."""

import datetime
from decimal import Decimal

import pytest

from remix.core.money import (
    HOUR,
    Money,
    MoneyError,
    from_minor,
    minor_digits,
    minor_plain,
    to_minor,
)
from remix.ledger import maths

D = datetime.date


def test_minor_units_follow_each_currency():
    assert to_minor("1240.50", "EUR") == 124050
    assert to_minor("5000", "XOF") == 5000
    assert to_minor("6.25", HOUR) == 625
    assert from_minor(124050, "EUR") == Decimal("1240.50")
    assert from_minor(5000, "XOF") == Decimal("5000")


def test_minor_plain_writes_what_the_decimal_would():
    for commodity in ("EUR", "XOF", "BHD", HOUR):
        digits = minor_digits(commodity)
        for minor in (0, 1, -1, 5, -5, 99, 100, -100, 124050, -124050, 10**12 + 7, -(10**15)):
            assert minor_plain(minor, digits) == format(from_minor(minor, commodity), "f")


def test_more_decimals_than_the_currency_has_is_refused():
    with pytest.raises(MoneyError, match="XOF has 0 decimal places"):
        to_minor("10.5", "XOF")
    with pytest.raises(MoneyError, match="EUR has 2"):
        to_minor("0.001", "EUR")
    with pytest.raises(MoneyError, match="not a number"):
        to_minor("12,50", "EUR")


def test_money_never_adds_two_commodities():
    assert Money.of("10.10", "EUR") + Money.of("0.90", "EUR") == Money(1100, "EUR")
    with pytest.raises(MoneyError, match="cannot add EUR and XOF"):
        Money.of("1", "EUR") + Money.of("1", "XOF")
    with pytest.raises(MoneyError, match="unknown commodity"):
        Money.of("1", "EURO")


def test_imbalances_per_fund_and_commodity():
    legs = [
        ("platform", "EUR", 5000),
        ("platform", "EUR", -5000),
        ("fiesta", "EUR", 1000),
        ("platform", "EUR", -1000),  # balances overall, not per fund
        ("platform", HOUR, 600),
        ("platform", HOUR, -600),
    ]
    assert maths.imbalances(legs) == {("fiesta", "EUR"): 1000, ("platform", "EUR"): -1000}
    assert maths.imbalances(legs[:2] + legs[4:]) == {}


def test_periods_are_named_and_bounded():
    assert maths.period_parse("2026") == maths.Period("year", D(2026, 1, 1), D(2026, 12, 31))
    assert maths.period_parse("2026-Q3") == maths.Period("quarter", D(2026, 7, 1), D(2026, 9, 30))
    assert maths.period_parse("2024-02").end == D(2024, 2, 29)
    assert maths.period_parse("2026-Q1").name == "2026-Q1"
    assert maths.period_parse("2026-01").previous().name == "2025-12"
    assert maths.period_parse("2026-Q2").month_starts() == [
        D(2026, 4, 1),
        D(2026, 5, 1),
        D(2026, 6, 1),
    ]
    for wrong in ("2026-13", "2026-Q5", "26", "", "2026-1"):
        with pytest.raises(ValueError):
            maths.period_parse(wrong)


def test_months_overlap_and_between():
    year = maths.period_parse("2026")
    assert maths.months_overlap(D(2025, 11, 1), D(2026, 2, 28), year) == 2
    assert maths.months_between(D(2026, 1, 1), D(2026, 12, 31)) == 12


def test_rate_on_takes_the_latest_rate_on_or_before_the_day():
    rates = [(D(2026, 1, 1), Decimal("0.67")), (D(2026, 5, 1), Decimal("0.66"))]
    assert maths.rate_on(rates, D(2026, 4, 30)) == (D(2026, 1, 1), Decimal("0.67"))
    assert maths.rate_on(rates, D(2026, 5, 1)) == (D(2026, 5, 1), Decimal("0.66"))
    assert maths.rate_on(rates, D(2025, 12, 31)) is None


def test_headline_figures():
    assert maths.ratio(1752882, 3300000) == Decimal("0.5312")
    assert maths.ratio(5, 0) is None
    # One source: no diversification; four equal ones: 1 - 4 × (1/4)² = 0.75.
    assert maths.diversification([100]) == Decimal("0")
    assert maths.diversification([25, 25, 25, 25]) == Decimal("0.75")
    assert maths.diversification([60, 30, 10]) == Decimal("0.54")
    assert maths.diversification([]) is None
    assert maths.dependency([60, 30, 10]) == Decimal("0.6")
    assert maths.runway_months(427885, 166250) == Decimal("2.6")
    assert maths.runway_months(1000, 0) is None
