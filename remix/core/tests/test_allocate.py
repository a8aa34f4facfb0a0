"""Shares in whole minor units: the residual rule every distribution of Remix follows."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remix.core.money import MoneyError, allocate_minor


def test_three_equal_parts_of_a_hundred_cents_give_the_odd_cent_to_the_first():
    assert allocate_minor(100, [1, 1, 1]) == [34, 33, 33]


def test_the_largest_remainder_takes_the_unit_left_over():
    # 1000 × 1/6 = 166.67, × 2/6 = 333.33, × 3/6 = 500: the 0.67 remainder wins the cent.
    assert allocate_minor(1000, [1, 2, 3]) == [167, 333, 500]


def test_weights_may_be_decimals_or_fractions_and_a_zero_weight_gets_nothing():
    assert allocate_minor(1001, [Decimal("1.5"), Fraction(1, 2), 0]) == [751, 250, 0]


def test_a_refund_is_split_as_its_opposite():
    assert allocate_minor(-100, [1, 1, 1]) == [-34, -33, -33]


def test_nothing_to_split_in_proportion_to_is_refused():
    with pytest.raises(MoneyError):
        allocate_minor(100, [0, 0])
    with pytest.raises(MoneyError):
        allocate_minor(100, [1, -1])
    assert allocate_minor(0, [0, 0]) == [0, 0]


@given(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=40).filter(any),
)
def test_the_parts_always_add_up_and_each_is_within_a_unit_of_its_share(total, weights):
    parts = allocate_minor(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - Fraction(total * weight, whole)) < 1
