"""Quadratic matching: how a pool is shared between projects by the breadth of their support.

Pure arithmetic, no Django. Amounts are integers in minor units (cents). For each project, with
c_i what contributor i gave it in total:

    ideal = (Σ √c_i)² − Σ c_i

so a project many people support earns far more than one a single rich giver supports (whose
ideal is 0). The ideal counts to a billionth of a minor unit: the exact value rounded to the
nearest 10⁻⁹ (never a tie: it is an integer or irrational), so the ideals of whole roots are
whole. The rules, in order:

1. **Proportion.** The pool is shared in proportion to the ideals: scaled down when the ideals
   exceed it. When they fall short, ``spend_pool`` decides: true, they are scaled up until the
   whole pool is spent (as clr.fund and Gitcoin-style rounds do); false, each project receives
   its ideal and the rest stays in the pool (``unallocated``), to the cent: the sum of the
   ideals rounded down. With no ideal above 0 (one contributor per project, or nobody), nothing
   is matched.
2. **Cap.** No project receives more than ``cap_share`` of the pool. A project over the cap gets
   the cap, and what it would have had beyond is shared again between the uncapped projects in
   proportion to their ideals, until no project is over. When every project that has an ideal
   is capped, what remains stays in the pool (``unallocated``). Without ``spend_pool``, a share
   shared again never passes the project's ideal either.
3. **Rounding.** Each share is rounded down to the cent; the cents left over go one each to the
   largest remainders, ties to the project listed first. The matches then add up exactly to
   the pool less ``unallocated``, and rounding never lifts a project over its cap.

Precision: the cents of exact arithmetic at the speed of floats
----------------------------------------------------------------

The shares are first computed in binary floating point (IEEE 754 doubles, unit roundoff
u = 2⁻⁵³), each with a bound on its distance to the exact share:

- ``sqrt(c)`` is correctly rounded, within u·√c; a float sum of n terms is within (n + 2)·u of
  the sum of their absolute values (recursive summation; compensated summation does better).
  So the float S of a project's n roots is within e_S = 2(n + 4)·u·S of the exact Σ √c_i.
- Its ideal I = S² − T (T = Σ c_i, exact below 2⁵³) is within e_I = 5(n + 4)·u·S² + 10⁻⁹ of the
  ideal to a billionth: squaring costs 2.01·e_S·S, the two roundings 3u·S², the billionth 10⁻⁹/2.
- A share s = R·I/W (R what is left of the pool, an exact integer; W the float sum of the m
  ideals being shared, within e_W = Σ e_I + (m + 2)·u·Σ I) is within
  e_s = 2·(R·e_I/(W − e_W) + R·I·e_W/((W − e_W)·W) + 3u·s) of the exact share; the factor 2
  covers the rounding of the bounds themselves.

Every decision of the rules is a comparison: a share against the cap, a share against the whole
cents on either side of it, the remainders that get a cent against those that do not. The float
result stands only when each comparison holds with its margin: every share farther than e_s
from the cap and from both whole cents around it, and the smallest remainder that gets a cent,
less its e_s, above the largest that does not, plus its e_s. The exact computation then takes
the same decisions, so it gives the same cents. With 10,000 gifts of up to 500 € and a pool of
10⁸ cents, e_s is about 10⁻⁷ cent: a round falls outside the margins when a share lies within
that of a whole cent or of the cap, or two remainders at the edge of the cents given are as
close or tied (two projects with the same totals from their givers).

Then everything is computed again in integers (``_nanos``): each root as ⌊√c·2ᵇ⌋ by
``math.isqrt``, whose sum r is within n of 2ᵇ·Σ √c_i, so the ideal in billionths lies in an
interval of width (2rn + n²)·10⁹/4ᵇ. b is chosen to make that about 2⁻¹⁶ and doubled until both
ends of the interval round to the same billionth; it ends, since the ideal is never a tie. The
shares are then fractions over the integer sum of the ideals, their floors and remainders taken
by ``divmod``, and ties between remainders are exact.
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache, cached_property
from math import floor, isqrt, sqrt
from typing import NamedTuple

_BILLION = 10**9
_U = 2.0**-53
_FLOAT_EXACT = 2**53  # integers below this are exact doubles

Totals = Mapping[Hashable, Sequence[int]]  # {project: what each contributor gave in total}


class Sums(NamedTuple):
    """One project's contributors summed: how many gave more than 0, what they gave, and Σ √c_i
    in floats (each root correctly rounded, the roots added in any order, as ``math.sqrt`` and
    ``sum`` do, and SQL's ``SQRT`` and ``SUM`` over double precision)."""

    contributors: int
    total: int
    roots: float


def sums_of(given: Sequence[int]) -> Sums:
    """The sums of one project's totals per contributor (all above 0)."""
    return Sums(len(given), sum(given), sum(map(sqrt, given)))


@dataclass(frozen=True)
class ProjectMatch:
    project: Hashable
    total: int  # what the contributors gave, in minor units
    contributors: int  # how many gave more than 0
    match: int  # minor units from the pool
    capped: bool
    # What each contributor gave in total, read when the exact roots or ideal are asked for.
    given: Callable[[], Sequence[int]] = field(default=tuple, repr=False, compare=False)

    @cached_property
    def sqrt_sum(self) -> Decimal:
        """Σ √c_i, to a billionth of a minor unit."""
        return Decimal(_nanos(_positive(self.given()))[0]).scaleb(-9)

    @cached_property
    def ideal(self) -> Decimal:
        """(Σ √c_i)² − Σ c_i, to a billionth of a minor unit."""
        nanos = _nanos(_positive(self.given()))[1]
        return Decimal(nanos).scaleb(-9) if nanos else Decimal(0)


@dataclass(frozen=True)
class Matching:
    pool: int
    cap: int | None  # the most one project may receive, in minor units
    projects: tuple[ProjectMatch, ...]

    @property
    def matched(self) -> int:
        return sum(project.match for project in self.projects)

    @property
    def unallocated(self) -> int:
        return self.pool - self.matched

    def of(self, project: Hashable) -> ProjectMatch:
        return next(each for each in self.projects if each.project == project)


def ideal_of(amounts) -> tuple[Decimal, Decimal]:
    """(Σ √c_i, ideal) for one project's totals per contributor, to a billionth."""
    given = tuple(amounts)
    project = ProjectMatch(
        project=None, total=0, contributors=0, match=0, capped=False, given=lambda: given
    )
    return project.sqrt_sum, project.ideal


def match(
    contributions: dict[Hashable, dict[Hashable, int]],
    *,
    pool: int,
    cap_share: Fraction | Decimal | None = None,
    spend_pool: bool = True,
) -> Matching:
    """Share ``pool`` between the projects of ``contributions`` ({project: {contributor: total
    in minor units}}; the projects' order is the tie-break order)."""
    return match_totals(
        {project: list(given.values()) for project, given in contributions.items()},
        pool=pool,
        cap_share=cap_share,
        spend_pool=spend_pool,
    )


def match_totals(
    totals: Totals,
    *,
    pool: int,
    cap_share: Fraction | Decimal | None = None,
    spend_pool: bool = True,
) -> Matching:
    """Share ``pool`` between the projects of ``totals`` ({project: what each of its contributors
    gave in total, in minor units}; the projects' order is the tie-break order)."""
    if any(min(given) < 0 for given in totals.values() if given):
        raise ValueError("a contribution cannot be negative")
    givens = {project: _positive(given) for project, given in totals.items()}
    return match_sums(
        {project: sums_of(given) for project, given in givens.items()},
        pool=pool,
        cap_share=cap_share,
        spend_pool=spend_pool,
        totals=lambda: givens,
    )


def match_sums(
    sums: Mapping[Hashable, Sums],
    *,
    pool: int,
    cap_share: Fraction | Decimal | None = None,
    spend_pool: bool = True,
    totals: Callable[[], Totals],
) -> Matching:
    """Share ``pool`` between the projects of ``sums`` (the projects' order is the tie-break
    order). ``totals`` gives what each contributor gave each project in total: it is called,
    once, only when the floats are too close to call a decision or the exact ideals are read."""
    if pool < 0:
        raise ValueError("the pool cannot be negative")
    if cap_share is not None and not 0 < Fraction(cap_share) <= 1:
        raise ValueError("the cap is a share of the pool above 0 and at most 1")
    cap = None if cap_share is None else int(Fraction(pool) * Fraction(cap_share))
    order, totals = list(sums), cache(totals)
    matches, capped = _float_matches(
        sums, order, pool=pool, cap=cap, spend_pool=spend_pool
    ) or _exact_matches(
        {project: _positive(totals().get(project, ())) for project in order},
        order,
        pool=pool,
        cap=cap,
        spend_pool=spend_pool,
    )
    return Matching(
        pool=pool,
        cap=cap,
        projects=tuple(
            ProjectMatch(
                project=project,
                total=each.total,
                contributors=each.contributors,
                match=matches.get(project, 0),
                capped=project in capped,
                given=lambda project=project: totals().get(project, ()),
            )
            for project, each in sums.items()
        ),
    )


def _positive(given: Sequence[int]) -> tuple[int, ...]:
    return tuple(given) if all(given) else tuple(amount for amount in given if amount > 0)


def _float_matches(
    sums: Mapping[Hashable, Sums], order: list, *, pool: int, cap: int | None, spend_pool: bool
):
    """The matches and the capped projects in floats, or None when a decision is too close to
    call within the bounds the module's docstring shows."""
    if pool >= _FLOAT_EXACT or any(each.total >= _FLOAT_EXACT for each in sums.values()):
        return None
    ideals, errors = {}, {}
    for project in order:
        count, total, roots = sums[project]
        if count > 1:
            ideals[project] = roots * roots - total
            errors[project] = 5 * (count + 4) * _U * roots * roots + 1e-9
    active, capped, remaining = list(ideals), [], pool
    while active:
        shares, margins, whole = _float_shares(active, ideals, errors, remaining, spend_pool)
        if shares is None:
            return None
        if cap is not None and any(abs(shares[p] - cap) <= margins[p] for p in active):
            return None  # a share at the cap, or too near it to say which side
        over = [project for project in active if cap is not None and shares[project] > cap]
        if not over:
            break
        capped += over
        remaining -= cap * len(over)
        active = [project for project in active if project not in over]
    matches = dict.fromkeys(capped, cap)
    cents = _float_cents(active, shares, margins, whole) if active else {}
    if cents is None:
        return None
    matches.update(cents)
    return matches, set(capped)


def _float_shares(active: list, ideals: dict, errors: dict, remaining: int, spend_pool: bool):
    """Each active project's share of ``remaining``, its margin of error, and the whole minor
    units the shares add up to (or None, None, None)."""
    weight = sum(ideals[project] for project in active)
    weight_error = sum(errors[project] for project in active) + (len(active) + 2) * _U * sum(
        abs(ideals[project]) for project in active
    )
    low, high = weight - weight_error, weight + weight_error
    if low <= 0:
        return None, None, None
    if not spend_pool and high < remaining:
        # The ideals fall short of the pool: each project receives its own ideal.
        if floor(low) != floor(high):
            return None, None, None
        return (
            {project: ideals[project] for project in active},
            {project: 2 * errors[project] for project in active},
            floor(weight),
        )
    if not spend_pool and low <= remaining:
        return None, None, None  # too close to say whether the ideals fall short
    shares, margins = {}, {}
    for project in active:
        share = remaining * ideals[project] / weight
        shares[project] = share
        margins[project] = 2 * (
            remaining * errors[project] / low
            + remaining * abs(ideals[project]) * weight_error / (low * weight)
            + 3 * _U * abs(share)
        )
    return shares, margins, remaining


def _float_cents(active: list, shares: dict, margins: dict, target: int) -> dict | None:
    """Whole minor units for the uncapped shares, which add up to ``target``: floors, then a cent
    each to the largest remainders, ties to the first."""
    floors, remainders = {}, {}
    for project in active:
        share, margin = shares[project], margins[project]
        whole = floor(share)
        remainder = share - whole
        if remainder <= margin or 1 - remainder <= margin:
            return None
        floors[project], remainders[project] = whole, remainder
    left = target - sum(floors.values())
    if not 0 <= left <= len(active):
        return None
    ranked = sorted(active, key=lambda project: -remainders[project])  # stable: ties in order
    given, kept = ranked[:left], ranked[left:]
    if given and kept:
        lowest_given = min(remainders[p] - margins[p] for p in given)
        if lowest_given <= max(remainders[p] + margins[p] for p in kept):
            return None
    for project in given:
        floors[project] += 1
    return floors


def _exact_matches(givens: dict, order: list, *, pool: int, cap: int | None, spend_pool: bool):
    """The matches and the capped projects in integers: ideals in billionths, exact shares."""
    ideals = {project: _nanos(givens[project])[1] for project in order if len(givens[project]) > 1}
    active = [project for project in order if ideals.get(project, 0) > 0]
    capped, remaining, shares, unit = [], pool, {}, 1
    while active:
        shares, unit = _exact_shares(active, ideals, remaining, spend_pool)
        over = [p for p in active if cap is not None and shares[p] > cap * unit]
        if not over:
            break
        capped += over
        remaining -= cap * len(over)
        active = [project for project in active if project not in over]
    # A share of exactly the cap is capped too, as one brought down to it.
    at_cap = [p for p in active if cap is not None and shares[p] == cap * unit]
    floors = dict.fromkeys(capped, cap)
    remainders = dict.fromkeys(capped, 0)
    for project in active:
        floors[project], remainders[project] = divmod(shares[project], unit)
    target = pool - remaining + sum(shares[project] for project in active) // unit
    left = target - sum(floors.values())
    index = {project: n for n, project in enumerate(order)}
    for project in sorted(floors, key=lambda project: (-remainders[project], index[project])):
        if left <= 0:
            break
        if cap is not None and floors[project] >= cap:
            continue
        floors[project] += 1
        left -= 1
    return floors, {*capped, *at_cap}


def _exact_shares(active: list, ideals: dict, remaining: int, spend_pool: bool):
    """Each active project's share of ``remaining`` as a numerator over one unit: its ideal in
    billionths when the ideals fall short and the pool is not spent, else remaining × ideal
    over the sum of the ideals."""
    weight = sum(ideals[project] for project in active)
    if not spend_pool and weight <= remaining * _BILLION:
        return {project: ideals[project] for project in active}, _BILLION
    return {project: remaining * ideals[project] for project in active}, weight


def _nanos(given: Sequence[int]) -> tuple[int, int]:
    """(Σ √c_i, (Σ √c_i)² − Σ c_i) in billionths, each the nearest integer to the exact value
    (0 for the ideal of fewer than two amounts)."""
    count, total = len(given), sum(given)
    if not count:
        return 0, 0
    bits = (count**3 * total).bit_length() // 2 + 48  # 2ᵇ ≥ 2¹⁶·2·10⁹·n·√(nT) ≥ …·n·Σ √c_i
    while True:
        roots = sum(isqrt(amount << 2 * bits) for amount in given)
        unit = 1 << bits
        root_low, root_high = (_nearest(r * _BILLION, unit) for r in (roots, roots + count))
        if count < 2:
            ideal_low = ideal_high = 0
        else:
            ideal_low, ideal_high = (
                _nearest((r * r - (total << 2 * bits)) * _BILLION, unit * unit)
                for r in (roots, roots + count)
            )
        if root_low == root_high and ideal_low == ideal_high:
            return root_low, max(ideal_low, 0)
        bits *= 2


def _nearest(numerator: int, denominator: int) -> int:
    """The integer nearest to numerator / denominator (a half rounded up)."""
    return (2 * numerator + denominator) // (2 * denominator)
