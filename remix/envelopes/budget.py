"""The contributive budget's arithmetic, in minor units and ``Decimal`` days, without Django.

- A request asks an amount within its days times the agreed daily range, bounds included:
  ``days × minimum ≤ asked ≤ days × maximum`` (half a day at 150–250 € a day asks 75 to 125 €).
- Requests over-subscribe the envelope when they ask more than it holds; by how much is their
  total minus the envelope.
- Proportional reduction: when the requests fit, each is paid what it asked; when they do not,
  the envelope is split in proportion to what each asked, by ``allocate_minor`` (the parts add up
  to the envelope exactly, and no part exceeds what was asked).
- Amounts agreed in a meeting: none negative, and together no more than the envelope; they need
  not use all of it (what is left stays in the fund).
"""

from dataclasses import dataclass
from decimal import Decimal
from math import ceil, floor

from remix.core.money import allocate_minor


@dataclass(frozen=True)
class Range:
    """What ``days`` of work may ask, in whole minor units: a bound that falls between two units
    is taken inwards (up for the low one, down for the high one)."""

    low: int
    high: int

    def holds(self, asked: int) -> bool:
        return self.low <= asked <= self.high


def request_range(days: Decimal, day_min: int, day_max: int) -> Range:
    return Range(ceil(days * day_min), floor(days * day_max))


@dataclass(frozen=True)
class Subscription:
    envelope: int
    asked: int

    @property
    def excess(self) -> int:
        """How much the requests ask beyond the envelope (0 when they fit)."""
        return max(self.asked - self.envelope, 0)

    @property
    def left(self) -> int:
        """What the envelope holds beyond the requests (0 when it is over-subscribed)."""
        return max(self.envelope - self.asked, 0)

    @property
    def over(self) -> bool:
        return self.asked > self.envelope


def subscription(envelope: int, asked: list[int]) -> Subscription:
    return Subscription(envelope, sum(asked))


def proportional(envelope: int, asked: list[int]) -> list[int]:
    """Each request's payout under proportional reduction, in the order given."""
    if sum(asked) <= envelope:
        return list(asked)
    return allocate_minor(envelope, asked)


def agreed_problems(envelope: int, agreed: list[int]) -> list[str]:
    """What is wrong with amounts agreed in a meeting (codes: ``negative``, ``over``)."""
    problems = []
    if any(amount < 0 for amount in agreed):
        problems.append("negative")
    if sum(agreed) > envelope:
        problems.append("over")
    return problems
