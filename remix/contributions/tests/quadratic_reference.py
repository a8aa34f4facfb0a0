"""The oracle for quadratic matching: the rules computed the straightforward way, every operation
in 50-digit ``Decimal`` (sums too: at the default 28 digits, the roots of amounts near 2⁵³ lose
the ninth decimal of their ideal), ideals kept to a billionth of a minor unit. Slow, and exact to
the cent on every input the tests give it; ``remix.contributions.quadratic`` must give the same.
"""

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Context, Decimal, localcontext
from fractions import Fraction

_CONTEXT = Context(prec=50)
_QUANTUM = Decimal("1e-9")


@dataclass(frozen=True)
class ProjectMatch:
    project: Hashable
    total: int  # what the contributors gave, in minor units
    contributors: int  # how many gave more than 0
    sqrt_sum: Decimal  # Σ √c_i
    ideal: Decimal  # (Σ √c_i)² − Σ c_i
    match: int  # minor units from the pool
    capped: bool


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
    """(Σ √c_i, ideal) for one project's totals per contributor."""
    with localcontext(_CONTEXT):
        return _ideal_of(amounts)


def _ideal_of(amounts) -> tuple[Decimal, Decimal]:
    positive = [amount for amount in amounts if amount > 0]
    sqrt_sum = sum((_CONTEXT.sqrt(Decimal(amount)) for amount in positive), Decimal(0))
    if len(positive) < 2:
        return sqrt_sum, Decimal(0)  # exactly: one giver alone earns no match
    ideal = _CONTEXT.subtract(_CONTEXT.multiply(sqrt_sum, sqrt_sum), Decimal(sum(positive)))
    # Roots carry 50 digits: kept to a billionth of a cent, the square of whole roots is whole.
    return sqrt_sum.quantize(_QUANTUM, context=_CONTEXT), max(
        ideal.quantize(_QUANTUM, context=_CONTEXT), Decimal(0)
    )


def match(
    contributions: dict[Hashable, dict[Hashable, int]],
    *,
    pool: int,
    cap_share: Fraction | Decimal | None = None,
    spend_pool: bool = True,
) -> Matching:
    """Share ``pool`` between the projects of ``contributions`` ({project: {contributor: total
    in minor units}}; the projects' order is the tie-break order)."""
    with localcontext(_CONTEXT):
        return _match(contributions, pool=pool, cap_share=cap_share, spend_pool=spend_pool)


def _match(contributions, *, pool: int, cap_share, spend_pool: bool) -> Matching:
    if pool < 0:
        raise ValueError("the pool cannot be negative")
    if any(amount < 0 for given in contributions.values() for amount in given.values()):
        raise ValueError("a contribution cannot be negative")
    if cap_share is not None and not 0 < Fraction(cap_share) <= 1:
        raise ValueError("the cap is a share of the pool above 0 and at most 1")
    cap = None if cap_share is None else int(Fraction(pool) * Fraction(cap_share))

    facts = {project: _ideal_of(given.values()) for project, given in contributions.items()}
    order = list(contributions)
    shares = _capped_shares(
        {p: facts[p][1] for p in order}, pool=pool, cap=cap, spend_pool=spend_pool
    )
    matches = _rounded(shares, order, cap=cap)
    return Matching(
        pool=pool,
        cap=cap,
        projects=tuple(
            ProjectMatch(
                project=project,
                total=sum(amount for amount in contributions[project].values() if amount > 0),
                contributors=sum(1 for amount in contributions[project].values() if amount > 0),
                sqrt_sum=facts[project][0],
                ideal=facts[project][1],
                match=matches.get(project, 0),
                capped=cap is not None and project in shares and shares[project] == cap,
            )
            for project in order
        ),
    )


def _capped_shares(
    ideals: dict, *, pool: int, cap: int | None, spend_pool: bool
) -> dict[Hashable, Decimal]:
    """Exact shares before rounding: proportional, capped, the excess shared again; without
    ``spend_pool``, never above the ideals."""
    active = [project for project, ideal in ideals.items() if ideal > 0]
    shares: dict[Hashable, Decimal] = {}
    remaining = Decimal(pool)
    while active:
        weight = sum((ideals[project] for project in active), Decimal(0))
        if not spend_pool and weight <= remaining:
            tentative = {project: ideals[project] for project in active}
        else:
            tentative = {
                project: _CONTEXT.divide(_CONTEXT.multiply(remaining, ideals[project]), weight)
                for project in active
            }
        over = [p for p in active if cap is not None and tentative[p] > cap]
        if not over:
            shares.update(tentative)
            break
        for project in over:
            shares[project] = Decimal(cap)
            remaining -= cap
        active = [project for project in active if project not in over]
    return shares


def _rounded(shares: dict, order: list, *, cap: int | None) -> dict[Hashable, int]:
    """Whole minor units adding up to the shares' total (largest remainders, ties in order)."""
    if not shares:
        return {}
    total = sum(shares.values(), Decimal(0))
    target = int(total.to_integral_value(rounding=ROUND_FLOOR))
    # Decimal division may leave the total a hair under a whole number it stands for.
    if total - target > Decimal("0.999999999"):
        target += 1
    floors = {
        project: int(share.to_integral_value(rounding=ROUND_FLOOR))
        for project, share in shares.items()
    }
    left = target - sum(floors.values())
    ranked = sorted(
        (project for project in order if project in shares),
        key=lambda project: (-(shares[project] - floors[project]), order.index(project)),
    )
    result = dict(floors)
    for project in ranked:
        if left <= 0:
            break
        if cap is not None and result[project] >= cap:
            continue
        result[project] += 1
        left -= 1
    return result
