"""The financing-plan check with literal plans: balance, the cap, the withheld share, and
volunteer time counted or not by the funder's rule."""

from decimal import Decimal

from remix.grants.plan import Line, Rules, Source, check

EUR = 100  # minor units per euro


def euros(n) -> int:
    return int(Decimal(str(n)) * EUR)


def test_a_balanced_plan_within_the_cap_passes():
    costs = [Line(euros(6000)), Line(euros(4000))]
    funding = [
        Line(euros(6000), Source.THIS_GRANT),
        Line(euros(2500), Source.OTHER_GRANT),
        Line(euros(1500), Source.OWN),
    ]
    result = check(costs, funding, Rules(max_share=Decimal("0.6")))
    assert result.ok and result.cap == euros(6000) and result.grant_share == Decimal("0.6")


def test_a_grant_over_60_percent_is_a_breach_by_the_exact_excess():
    costs = [Line(euros(10000))]
    funding = [Line(euros(7000), Source.THIS_GRANT), Line(euros(3000), Source.OWN)]
    result = check(costs, funding, Rules(max_share=Decimal("0.6")))
    (breach,) = result.breaches
    assert (breach.code, breach.amount, breach.limit, breach.actual) == (
        "over_cap",
        euros(1000),
        euros(6000),
        euros(7000),
    )


def test_an_unbalanced_plan_says_by_how_much():
    result = check(
        [Line(euros(10000))],
        [Line(euros(5000), Source.THIS_GRANT), Line(euros(4000), Source.OWN)],
        Rules(),
    )
    assert [(b.code, b.amount) for b in result.breaches] == [("unbalanced", euros(1000))]


def test_the_withheld_share_is_rounded_down_to_the_cent():
    result = check(
        [Line(euros("3333.33"))],
        [Line(euros("3333.33"), Source.THIS_GRANT)],
        Rules(withheld_share=Decimal("0.2")),
    )
    assert result.ok and result.withheld == 66666  # 20 % of 3 333,33 € is 666,666 €


def test_volunteer_time_counts_when_the_funder_says_so():
    costs = [Line(euros(8000)), Line(euros(2000), volunteer=True)]
    funding = [
        Line(euros(6000), Source.THIS_GRANT),
        Line(euros(2000), Source.OWN),
        Line(euros(2000), Source.VOLUNTEER_TIME),
    ]
    counted = check(costs, funding, Rules(max_share=Decimal("0.6"), volunteer_time_counts=True))
    assert counted.ok and counted.total_cost == euros(10000) and counted.cap == euros(6000)


def test_volunteer_time_left_out_makes_the_same_grant_break_the_cap():
    costs = [Line(euros(8000)), Line(euros(2000), volunteer=True)]
    funding = [
        Line(euros(6000), Source.THIS_GRANT),
        Line(euros(2000), Source.OWN),
        Line(euros(2000), Source.VOLUNTEER_TIME),
    ]
    result = check(costs, funding, Rules(max_share=Decimal("0.6"), volunteer_time_counts=False))
    assert result.total_cost == euros(8000) and result.volunteer_excluded == euros(2000)
    assert [(b.code, b.amount, b.limit) for b in result.breaches] == [
        ("over_cap", euros(1200), euros(4800))
    ]


def test_a_plan_without_this_grant_and_a_request_that_disagrees_are_breaches():
    no_line = check([Line(euros(100))], [Line(euros(100), Source.OWN)], Rules())
    assert [b.code for b in no_line.breaches] == ["no_grant_line"]
    mismatch = check(
        [Line(euros(100))], [Line(euros(100), Source.THIS_GRANT)], Rules(), requested=euros(90)
    )
    assert [(b.code, b.amount) for b in mismatch.breaches] == [("grant_mismatch", euros(10))]
