"""The contributive budget's arithmetic (``budget.py``): literal cases, then properties."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from remix.envelopes.budget import agreed_problems, proportional, request_range, subscription


def test_a_request_asks_within_its_days_times_the_daily_range_bounds_included():
    bounds = request_range(Decimal("3"), 15_000, 25_000)

    assert (bounds.low, bounds.high) == (45_000, 75_000)
    assert bounds.holds(45_000) and bounds.holds(75_000)
    assert not bounds.holds(44_999) and not bounds.holds(75_001)


def test_a_bound_between_two_cents_is_taken_inwards():
    bounds = request_range(Decimal("0.25"), 15_001, 25_001)  # 37.5025 € to 62.5025 €

    assert (bounds.low, bounds.high) == (3_751, 6_250)


def test_requests_over_the_envelope_say_by_how_much():
    over = subscription(150_000, [65_000, 50_000, 45_000])
    fits = subscription(150_000, [65_000, 50_000])

    assert over.over and (over.asked, over.excess, over.left) == (160_000, 10_000, 0)
    assert not fits.over and (fits.excess, fits.left) == (0, 35_000)
    assert not subscription(150_000, [150_000]).over


def test_proportional_reduction_of_the_demo_sums_to_the_envelope():
    # 1 500 € for 650 + 500 + 450 = 1 600 € asked: each keeps 15/16 of their request
    assert proportional(150_000, [65_000, 50_000, 45_000]) == [60_938, 46_875, 42_187]
    assert sum(proportional(150_000, [65_000, 50_000, 45_000])) == 150_000


def test_the_cent_left_by_rounding_goes_to_the_largest_remainder_ties_to_the_first():
    assert proportional(100, [100, 100, 100]) == [34, 33, 33]
    assert proportional(1_000, [700, 700, 100]) == [467, 467, 66]


def test_requests_that_fit_are_paid_what_they_asked():
    assert proportional(150_000, [65_000, 50_000]) == [65_000, 50_000]
    assert proportional(150_000, []) == []


def test_agreed_amounts_never_exceed_the_envelope_nor_go_below_zero():
    assert agreed_problems(150_000, [60_000, 50_000, 40_000]) == []
    assert agreed_problems(150_000, [60_000, 0]) == []  # the rest stays in the fund
    assert agreed_problems(150_000, [100_000, 50_001]) == ["over"]
    assert agreed_problems(150_000, [-1, 10]) == ["negative"]


asked_lists = st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=40)


@given(envelope=st.integers(min_value=1, max_value=10**10), asked=asked_lists)
def test_an_over_subscribed_envelope_is_shared_exactly_and_nobody_gets_more_than_asked(
    envelope, asked
):
    parts = proportional(envelope, asked)

    assert len(parts) == len(asked)
    assert all(0 <= part <= wanted for part, wanted in zip(parts, asked, strict=True))
    if sum(asked) > envelope:
        assert sum(parts) == envelope
    else:
        assert parts == asked


@given(
    days=st.decimals(min_value="0.01", max_value="999.99", places=2),
    low=st.integers(min_value=1, max_value=10**6),
    spread=st.integers(min_value=0, max_value=10**6),
)
def test_the_range_holds_exactly_the_whole_amounts_between_its_exact_bounds(days, low, spread):
    bounds = request_range(days, low, low + spread)

    assert bounds.low >= days * low and bounds.low - 1 < days * low
    assert bounds.high <= days * (low + spread) and bounds.high + 1 > days * (low + spread)
