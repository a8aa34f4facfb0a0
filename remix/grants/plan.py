"""The financing-plan check: does a project's plan balance, and does it keep each funder's rules?

Pure: integers in minor units and ``Decimal`` shares, no Django. A plan is its costs and its
funding lines (this grant, other grants, own resources, valued volunteer time, other). The rules
are the funder's, from the opportunity: the grant may cover at most a share of the total cost;
valued volunteer time may or may not count in the total cost (when it does not, the costs and the
funding lines are compared without it, and the cap applies to the cost without it); a share of
the grant may be withheld until the final report. Each breach is a ``Breach`` with the figures a
page needs to say it in plain words and by how much.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum


class Source(StrEnum):
    THIS_GRANT = "this_grant"
    OTHER_GRANT = "other_grant"
    OWN = "own"
    VOLUNTEER_TIME = "volunteer_time"
    OTHER = "other"


@dataclass(frozen=True)
class Rules:
    max_share: Decimal | None = None  # of the total cost, e.g. Decimal("0.6")
    withheld_share: Decimal | None = None  # of the grant, paid after the final report
    volunteer_time_counts: bool = False  # valued volunteer time counts in cost and co-financing


@dataclass(frozen=True)
class Line:
    amount: int  # minor units, positive
    source: Source | None = None  # None for a cost
    volunteer: bool = False  # a cost line that is valued volunteer time


@dataclass(frozen=True)
class Breach:
    code: str  # "unbalanced", "over_cap", "no_grant_line", "grant_mismatch"
    amount: int = 0  # by how much, in minor units
    limit: int = 0  # what the rule allows
    actual: int = 0  # what the plan says


@dataclass(frozen=True)
class Check:
    total_cost: int  # counted cost (without volunteer time unless the funder counts it)
    total_funding: int  # counted funding lines
    grant: int  # this grant's line(s)
    cap: int | None  # the most this grant may be, by the funder's share
    withheld: int  # the part of the grant paid after the final report
    volunteer_excluded: int  # valued volunteer time costs left out by the funder's rule
    breaches: tuple[Breach, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.breaches

    @property
    def grant_share(self) -> Decimal | None:
        return Decimal(self.grant) / self.total_cost if self.total_cost else None


def _share_of(amount: int, share: Decimal) -> int:
    """A share of an amount, in whole minor units, never more than the share (rounded down)."""
    return int((Decimal(amount) * share).to_integral_value(rounding=ROUND_FLOOR))


def check(
    costs: list[Line], funding: list[Line], rules: Rules, *, requested: int | None = None
) -> Check:
    """The plan against the rules. ``requested`` is the amount asked in the application: the
    plan's grant line must say the same."""
    counts = rules.volunteer_time_counts
    excluded = sum(c.amount for c in costs if c.volunteer and not counts)
    total_cost = sum(c.amount for c in costs if counts or not c.volunteer)
    counted = [f for f in funding if counts or f.source != Source.VOLUNTEER_TIME]
    total_funding = sum(f.amount for f in counted)
    grant = sum(f.amount for f in funding if f.source == Source.THIS_GRANT)
    breaches = []
    if not any(f.source == Source.THIS_GRANT for f in funding):
        breaches.append(Breach("no_grant_line"))
    if total_funding != total_cost:
        breaches.append(
            Breach(
                "unbalanced",
                amount=abs(total_funding - total_cost),
                limit=total_cost,
                actual=total_funding,
            )
        )
    cap = None
    if rules.max_share is not None:
        cap = _share_of(total_cost, rules.max_share)
        if grant > cap:
            breaches.append(Breach("over_cap", amount=grant - cap, limit=cap, actual=grant))
    if requested is not None and grant and requested != grant:
        breaches.append(
            Breach("grant_mismatch", amount=abs(requested - grant), limit=requested, actual=grant)
        )
    withheld = _share_of(grant, rules.withheld_share) if rules.withheld_share else 0
    return Check(
        total_cost=total_cost,
        total_funding=total_funding,
        grant=grant,
        cap=cap,
        withheld=withheld,
        volunteer_excluded=excluded,
        breaches=tuple(breaches),
    )
