"""Quadratic matching with literal values, then properties over random rounds."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remix.contributions.quadratic import ideal_of, match


def people(count: int, amount: int, prefix: str = "p") -> dict[str, int]:
    return {f"{prefix}{n}": amount for n in range(count)}


def matches(result) -> dict:
    return {project.project: project.match for project in result.projects}


def test_one_contributor_earns_no_match():
    result = match({"jardin": {"awa": 50_000}}, pool=100_000)
    assert result.of("jardin").ideal == 0
    assert matches(result) == {"jardin": 0}
    assert result.unallocated == 100_000


def test_the_ideal_is_the_square_of_the_sum_of_roots_less_the_sum():
    # Four people giving 1 €, 4 €, 9 €, 16 €: (10 + 20 + 30 + 40)² − 3,000 = 7,000 cents.
    sqrt_sum, ideal = ideal_of([100, 400, 900, 1_600])
    assert (sqrt_sum, ideal) == (Decimal(100), Decimal(7_000))


def test_many_small_gifts_outweigh_one_large():
    # A hundred people giving 1 € each against one person giving 100 €: the same total.
    result = match(
        {"many": people(100, 100), "one": {"mecene": 10_000}},
        pool=1_000_000,
    )
    assert result.of("many").total == result.of("one").total == 10_000
    assert result.of("many").ideal == Decimal(990_000)  # (100 × 10)² − 10,000
    assert matches(result) == {"many": 1_000_000, "one": 0}


def test_the_pool_is_shared_in_proportion_to_the_ideals_down_and_up():
    # Two people giving 3 €, 1.50 €, 0.50 € each: ideals 600, 300, 100 cents.
    rounds = {"a": people(2, 300), "b": people(2, 150), "c": people(2, 50)}
    assert [p.ideal for p in match(rounds, pool=0).projects] == [600, 300, 100]
    assert matches(match(rounds, pool=500)) == {"a": 300, "b": 150, "c": 50}
    assert matches(match(rounds, pool=2_000)) == {"a": 1_200, "b": 600, "c": 200}


def test_a_binding_cap_gives_the_excess_to_the_others_in_proportion():
    rounds = {"a": people(2, 300), "b": people(2, 150), "c": people(2, 50)}
    result = match(rounds, pool=1_000, cap_share=Fraction(1, 2))
    assert result.cap == 500
    assert matches(result) == {"a": 500, "b": 375, "c": 125}
    assert [p.capped for p in result.projects] == [True, False, False]
    assert result.unallocated == 0


def test_the_cap_is_applied_again_until_no_project_is_over():
    # 40 % cap: a (60 %) is capped, then b's share of what is left (75 % of 600) is over too.
    rounds = {"a": people(2, 300), "b": people(2, 150), "c": people(2, 50)}
    result = match(rounds, pool=1_000, cap_share=Decimal("0.4"))
    assert matches(result) == {"a": 400, "b": 400, "c": 200}
    assert [p.capped for p in result.projects] == [True, True, False]


def test_when_every_project_is_capped_the_rest_stays_in_the_pool():
    result = match(
        {"many": people(100, 100), "one": {"x": 10_000}}, pool=1_000_000, cap_share=Fraction(1, 4)
    )
    assert matches(result) == {"many": 250_000, "one": 0}
    assert result.unallocated == 750_000


def test_rounding_ties_go_to_the_project_listed_first_and_the_total_is_exact():
    rounds = {"x": people(2, 100), "y": people(2, 100), "z": people(2, 100)}
    assert matches(match(rounds, pool=100)) == {"x": 34, "y": 33, "z": 33}
    assert matches(match(dict(reversed(rounds.items())), pool=100)) == {"z": 34, "y": 33, "x": 33}
    assert matches(match(rounds, pool=101)) == {"x": 34, "y": 34, "z": 33}


def test_a_zero_pool_matches_nothing():
    result = match({"a": people(3, 500)}, pool=0)
    assert matches(result) == {"a": 0}


def test_a_contributor_giving_to_every_project_counts_in_each():
    rounds = {
        "a": {"awa": 400, "ben": 400},
        "b": {"awa": 400, "chloe": 100},
    }
    result = match(rounds, pool=1_000)
    # a: (20 + 20)² − 800 = 800; b: (20 + 10)² − 500 = 400.
    assert [p.ideal for p in result.projects] == [800, 400]
    assert matches(result) == {"a": 667, "b": 333}
    assert [p.contributors for p in result.projects] == [2, 2]


def test_irrational_roots_still_split_the_pool_to_the_cent():
    rounds = {"a": {"x": 2, "y": 3}, "b": {"x": 5, "y": 7, "z": 11}, "c": {"w": 13, "v": 17}}
    result = match(rounds, pool=1_000_003)
    assert result.matched == 1_000_003


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="pool"):
        match({}, pool=-1)
    with pytest.raises(ValueError, match="negative"):
        match({"a": {"x": -5}}, pool=10)
    with pytest.raises(ValueError, match="cap"):
        match({"a": {"x": 5}}, pool=10, cap_share=Fraction(0))


rounds_strategy = st.dictionaries(
    st.integers(0, 30),
    st.dictionaries(st.integers(0, 50), st.integers(0, 5_000_000), max_size=12),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(
    rounds=rounds_strategy,
    pool=st.integers(0, 10**10),
    cap=st.one_of(st.none(), st.fractions(min_value=Fraction(1, 100), max_value=1)),
)
def test_matches_never_exceed_the_pool_or_the_cap_and_use_it_whole_when_they_can(rounds, pool, cap):
    result = match(rounds, pool=pool, cap_share=cap)
    assert all(project.match >= 0 for project in result.projects)
    assert result.matched <= pool
    if cap is not None:
        assert all(project.match <= result.cap for project in result.projects)
    with_ideal = [project for project in result.projects if project.ideal > 0]
    assert all(project.match == 0 for project in result.projects if project.ideal == 0)
    room = len(with_ideal) * (result.cap if cap is not None else pool)
    if with_ideal and room >= pool:
        assert result.matched == pool


# --- what is left when the ideals fall short of the pool ----------------------------------------


def short_round() -> dict:
    # A: 1 € and 2 €: (10 + √200)² − 300 = 282.842712… cents.
    # B: 1 € and 3 €: (10 + √300)² − 400 = 346.410161… cents. Together 629.25…, far below 100 €.
    return {"a": {"awa": 100, "ben": 200}, "b": {"awa": 100, "cyd": 300}}


def test_left_in_the_pool_each_project_receives_its_ideal_to_the_cent():
    result = match(short_round(), pool=10_000, spend_pool=False)
    # Floors 282 + 346 = 628 of ⌊629.25⌋ = 629: the cent left goes to a's remainder (.84 > .41).
    assert matches(result) == {"a": 283, "b": 346}
    assert result.unallocated == 10_000 - 629


def test_shared_in_proportion_the_whole_pool_is_spent():
    result = match(short_round(), pool=10_000, spend_pool=True)
    # 10,000 × 282.842712 / 629.252873 = 4,494.90…; 10,000 × 346.410161 / 629.252873 = 5,505.09…
    assert matches(result) == {"a": 4_495, "b": 5_505}
    assert result.unallocated == 0


def test_whole_ideals_left_in_the_pool_are_matched_exactly():
    # Ideals of 200 (1 € and 1 €) and 400 (1 € and 4 €): exactly, so worked out in integers.
    rounds = {"a": {"awa": 100, "ben": 100}, "b": {"awa": 100, "cyd": 400}}
    assert matches(match(rounds, pool=10_000, spend_pool=False)) == {"a": 200, "b": 400}
    assert matches(match(rounds, pool=10_000, spend_pool=True)) == {"a": 3_333, "b": 6_667}


def test_ideals_above_the_pool_are_scaled_down_either_way():
    rounds = {"a": {"awa": 100, "ben": 100}, "b": {"awa": 100, "cyd": 400}}
    for spend in (False, True):
        assert matches(match(rounds, pool=300, spend_pool=spend)) == {"a": 100, "b": 200}


def test_left_in_the_pool_a_share_freed_by_the_cap_never_passes_an_ideal():
    # Cap 25 % of 10 €: 250. B's ideal 400 is capped; A keeps its ideal of 200.
    rounds = {"a": {"awa": 100, "ben": 100}, "b": {"awa": 100, "cyd": 400}}
    kept = match(rounds, pool=1_000, cap_share=Decimal("0.25"), spend_pool=False)
    assert [(p.match, p.capped) for p in kept.projects] == [(200, False), (250, True)]
    assert kept.unallocated == 550
    # Spent: A's share of the 750 left after B's cap is 750, itself capped at 250.
    spent = match(rounds, pool=1_000, cap_share=Decimal("0.25"), spend_pool=True)
    assert [(p.match, p.capped) for p in spent.projects] == [(250, True), (250, True)]
    assert spent.unallocated == 500
