"""Quadratic matching in floats with exact fallbacks gives the cents of the 50-digit reference."""

import random
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from remix.contributions import quadratic
from remix.contributions.tests import quadratic_reference as reference


def lines(matching) -> list[tuple]:
    return [
        (p.project, p.total, p.contributors, p.match, p.capped, p.ideal) for p in matching.projects
    ]


def benchmark_like(seed: int, *, gifts=10_000, projects=400, givers=2_000) -> dict:
    """A round like the benchmark's: gifts from 1 € to 500 €, spread log-uniformly."""
    rng = random.Random(seed)
    rounds: dict[int, dict[int, int]] = {project: {} for project in range(projects)}
    for _ in range(gifts):
        given = rounds[rng.randrange(projects)]
        giver = rng.randrange(givers)
        given[giver] = given.get(giver, 0) + int(100 * 10 ** rng.uniform(0, 2.7))
    return rounds


amounts = st.one_of(
    st.integers(0, 50),  # small gifts: equal ideals, exact shares, ties
    st.sampled_from([1, 2, 4, 8, 9, 18, 100, 200, 400, 900, 10_000]),  # whole and shared roots
    st.integers(1, 5_000_000),
    st.integers(2**52, 2**54),  # past what a double holds exactly
)
rounds_strategy = st.dictionaries(
    st.integers(0, 30), st.dictionaries(st.integers(0, 50), amounts, max_size=12), max_size=8
)
pools = st.one_of(st.integers(0, 1_000), st.integers(0, 10**10), st.integers(0, 2**60))
caps = st.one_of(
    st.none(),
    st.fractions(min_value=Fraction(1, 100), max_value=1),
    st.sampled_from([Decimal("0.05"), Decimal("0.25"), Decimal("0.4"), Decimal("0.5")]),
)


@settings(max_examples=600, deadline=None)
@given(rounds=rounds_strategy, pool=pools, cap=caps, spend=st.booleans())
def test_the_same_cents_as_the_reference_on_random_rounds(rounds, pool, cap, spend):
    ours = quadratic.match(rounds, pool=pool, cap_share=cap, spend_pool=spend)
    exact = reference.match(rounds, pool=pool, cap_share=cap, spend_pool=spend)
    assert lines(ours) == lines(exact)
    assert ours.matched + ours.unallocated == pool
    assert [p.sqrt_sum for p in ours.projects if p.contributors > 1] == [
        p.sqrt_sum for p in exact.projects if p.contributors > 1
    ]


@settings(max_examples=200, deadline=None)
@given(
    rounds=st.dictionaries(
        st.integers(0, 200),
        st.lists(st.integers(1, 100_000), min_size=2, max_size=30),
        min_size=2,
        max_size=60,
    ),
    pool=st.integers(0, 10**11),
    cap=caps,
    spend=st.booleans(),
)
def test_when_the_floats_call_every_cent_they_are_the_exact_cents(rounds, pool, cap, spend):
    read = []
    totals = {project: tuple(given) for project, given in rounds.items()}
    ours = quadratic.match_sums(
        {project: quadratic.sums_of(given) for project, given in totals.items()},
        pool=pool,
        cap_share=cap,
        spend_pool=spend,
        totals=lambda: read.append(1) or totals,
    )
    matches = [p.match for p in ours.projects]  # before the ideals read the totals
    exact = reference.match(
        {project: dict(enumerate(given)) for project, given in rounds.items()},
        pool=pool,
        cap_share=cap,
        spend_pool=spend,
    )
    assert matches == [p.match for p in exact.projects]
    assert [p.capped for p in ours.projects] == [p.capped for p in exact.projects]


def test_a_round_of_ten_thousand_gifts_is_settled_in_floats_to_the_reference_cent():
    for seed, cap in ((1, None), (2, Decimal("0.05")), (3, Fraction(1, 100))):
        rounds = benchmark_like(seed)
        givens = {project: tuple(given.values()) for project, given in rounds.items()}
        read = []
        ours = quadratic.match_sums(
            {project: quadratic.sums_of(given) for project, given in givens.items()},
            pool=100_000_000,
            cap_share=cap,
            totals=lambda givens=givens, read=read: read.append(1) or givens,
        )
        assert read == []  # no giver's total was needed to call a cent
        exact = reference.match(rounds, pool=100_000_000, cap_share=cap)
        assert [(p.match, p.capped) for p in ours.projects] == [
            (p.match, p.capped) for p in exact.projects
        ]
        assert ours.matched == 100_000_000


def test_tied_remainders_are_settled_exactly_and_go_to_the_first_listed():
    # Three projects with the same givers' totals: their shares tie to the last digit.
    rounds = {name: {"a": 2, "b": 3} for name in ("x", "y", "z")}
    read = []
    givens = {name: (2, 3) for name in rounds}
    result = quadratic.match_sums(
        {name: quadratic.sums_of(given) for name, given in givens.items()},
        pool=100,
        totals=lambda: read.append(1) or givens,
    )
    assert [p.match for p in result.projects] == [34, 33, 33]
    assert read == [1]


def test_irrational_roots_and_ideals_to_a_billionth():
    # √2 + √3 = 3.14626436994…; the ideal (√2 + √3)² − 5 = 2√6 = 4.89897948556…
    assert quadratic.ideal_of([2, 3]) == (Decimal("3.146264370"), Decimal("4.898979486"))
    assert quadratic.ideal_of([2, 8]) == (Decimal("4.242640687"), Decimal(8))  # √2 + 2√2
