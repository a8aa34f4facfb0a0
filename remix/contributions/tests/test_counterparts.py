"""The counterpart rule of French tax receipts, with literal amounts in cents."""

import datetime

import pytest

from remix.contributions.counterparts import ceiling_on, receipt_amount

CEILING = 73_00


def stated(gift, value, ceiling=CEILING):
    return receipt_amount(gift=gift, value=value, ceiling=ceiling).stated


def test_a_counterpart_within_a_quarter_and_the_ceiling_keeps_the_whole_gift():
    assert stated(100_00, 20_00) == 100_00
    assert not receipt_amount(gift=100_00, value=20_00, ceiling=CEILING).reduces


def test_a_quarter_exactly_is_still_within():
    assert stated(100_00, 25_00) == 100_00
    assert stated(100_00, 25_01) == 74_99


def test_more_than_a_quarter_leaves_the_gift_minus_the_counterpart():
    found = receipt_amount(gift=100_00, value=30_00, ceiling=CEILING)
    assert found.stated == 70_00
    assert found.over_share and not found.over_ceiling and found.reduces


def test_more_than_the_ceiling_takes_off_the_whole_counterpart():
    found = receipt_amount(gift=400_00, value=80_00, ceiling=CEILING)
    assert found.stated == 320_00
    assert found.over_ceiling and not found.over_share


def test_the_ceiling_exactly_is_still_within():
    assert stated(400_00, 73_00) == 400_00
    assert stated(400_00, 73_01) == 326_99


def test_no_counterpart_keeps_the_gift_and_a_counterpart_worth_the_gift_leaves_nothing():
    assert stated(15_00, 0) == 15_00
    assert stated(60_00, 60_00) == 0
    assert stated(60_00, 90_00) == 0


def test_the_ceiling_in_force_in_2026_is_73_euros():
    assert ceiling_on(datetime.date(2026, 12, 7)) == 73_00
    assert ceiling_on(datetime.date(2024, 6, 1)) == 73_00


@pytest.mark.parametrize(("gift", "value", "ceiling"), [(0, 0, 73_00), (100, -1, 73_00)])
def test_nonsense_is_refused(gift, value, ceiling):
    with pytest.raises(ValueError):
        receipt_amount(gift=gift, value=value, ceiling=ceiling)
