"""A sharing rule as data, and the small evaluator that shares an amount by it.

A rule is an ordered list of buckets. Each bucket takes

- ``total``: a percentage of the whole amount,
- ``remaining``: a percentage of what the buckets before it left, or
- ``rest``: everything the buckets before it left (only as the last bucket),

and gives it to one recipient: a fund of the books, an actor, or the contributors, shared among
them pro rata to their valued contributions.

Rounding, stated once: amounts are whole minor units throughout. A percentage bucket takes its
exact share rounded **down** to the minor unit; what rounding leaves goes on to the buckets after
it, and so to the ``rest`` bucket. A contributors' bucket is split by
``remix.core.money.allocate_minor`` (largest remainders, ties to the contributor listed first).
When no bucket takes the rest, what is left after the last bucket **stays in the fund** the
amount came from, as a part of its own. So the parts always add up to the amount.

No ``eval`` and no expression language: only these kinds, percentages as ``Decimal`` with at
most two decimal places, checked by ``buckets_check`` before a rule is saved.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from math import floor

from remix.core.money import allocate_minor

TOTAL, REMAINING, REST = "total", "remaining", "rest"
BASES = (TOTAL, REMAINING, REST)
FUND, ACTOR, CONTRIBUTORS, KEPT = "fund", "actor", "contributors", "kept"
RECIPIENTS = (FUND, ACTOR, CONTRIBUTORS)
MAX_BUCKETS = 20  # said in words in buckets_check


def gettext_noop(text: str) -> str:
    """Marks a reason for the catalogues; the page or the API says it in the reader's language
    (``words.reason_words``). This module imports no Django."""
    return text


class SharingError(ValueError):
    """An amount that cannot be shared by the rule (the message says why, in English)."""


@dataclass(frozen=True)
class Bucket:
    base: str
    recipient: str
    percent: Decimal | None = None
    target: int | None = None  # the fund's or the actor's id; None for the contributors

    @classmethod
    def read(cls, data: dict) -> "Bucket":
        """A bucket from its stored form (``{"base": "total", "percent": "10", "to": "fund",
        "target": 3}``); nothing is checked here: ``buckets_check`` says what is wrong."""
        percent = data.get("percent")
        try:
            percent = None if percent in (None, "") else Decimal(str(percent))
        except InvalidOperation:
            percent = Decimal("NaN")
        return cls(
            base=data.get("base", ""),
            recipient=data.get("to", ""),
            percent=percent,
            target=data.get("target"),
        )

    def stored(self) -> dict:
        data = {"base": self.base, "to": self.recipient}
        if self.percent is not None:
            data["percent"] = str(self.percent)
        if self.target is not None:
            data["target"] = self.target
        return data


@dataclass(frozen=True)
class Contributor:
    """One person or organisation and the value of what they contributed, in minor units."""

    key: tuple
    name: str
    value: int
    public: bool = True
    detail: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Part:
    """What one recipient gets: ``bucket`` is the bucket's index (None for what stays)."""

    bucket: int | None
    recipient: str
    amount: int
    target: int | None = None
    contributor: Contributor | None = None


def buckets_check(buckets: list[Bucket]) -> list[tuple[int | None, str]]:
    """What is wrong with a rule, as (bucket index or None, reason in English); empty if right."""
    if not buckets:
        return [(None, gettext_noop("A rule has at least one bucket."))]
    if len(buckets) > MAX_BUCKETS:
        return [(None, gettext_noop("A rule has at most 20 buckets."))]
    problems = []
    for index, bucket in enumerate(buckets):
        problems += [(index, reason) for reason in _bucket_problems(bucket)]
        if bucket.base == REST and index != len(buckets) - 1:
            problems.append((index, gettext_noop("Only the last bucket takes the rest.")))
    if not problems and _exact_taken(buckets) > 1:
        problems.append((None, gettext_noop("The buckets take more than the whole amount.")))
    return problems


def _bucket_problems(bucket: Bucket) -> list[str]:
    problems = []
    if bucket.base not in BASES:
        problems.append(
            gettext_noop("A bucket takes a percentage of the total, of what remains, or the rest.")
        )
    if bucket.recipient not in RECIPIENTS:
        problems.append(gettext_noop("A bucket goes to a fund, an actor or the contributors."))
    elif (bucket.recipient == CONTRIBUTORS) != (bucket.target is None):
        problems.append(gettext_noop("A fund or an actor is named; the contributors are not."))
    if bucket.base == REST:
        if bucket.percent is not None:
            problems.append(gettext_noop("The rest takes no percentage."))
    elif bucket.percent is None or not bucket.percent.is_finite():
        problems.append(gettext_noop("A percentage is a number."))
    elif not Decimal(0) < bucket.percent <= Decimal(100):
        problems.append(gettext_noop("A percentage is above 0 and at most 100."))
    elif bucket.percent.as_tuple().exponent < -2:
        problems.append(gettext_noop("A percentage has at most two decimal places."))
    return problems


def _exact_taken(buckets: list[Bucket]) -> Fraction:
    """The share of the amount the buckets take, exactly (the rest takes what is left)."""
    taken = Fraction(0)
    for bucket in buckets:
        if bucket.base == REST:
            return max(taken, Fraction(1))
        rate = Fraction(bucket.percent) / 100
        taken += rate if bucket.base == TOTAL else (1 - taken) * rate
    return taken


def share(total: int, buckets: list[Bucket], contributors: list[Contributor]) -> list[Part]:
    """``total`` minor units shared by the buckets: one part per fixed recipient, one per
    contributor (each listed, a zero value getting zero) and one for what stays, in the rule's
    order. The parts add up to ``total``."""
    if total < 0:
        raise SharingError(gettext_noop("The amount to share is not negative."))
    problems = buckets_check(buckets)
    if problems:
        raise SharingError(problems[0][1])
    parts: list[Part] = []
    remaining = total
    for index, bucket in enumerate(buckets):
        amount = bucket_amount(bucket, total=total, remaining=remaining)
        remaining -= amount
        if bucket.recipient == CONTRIBUTORS:
            parts += _contributors_parts(index, amount, contributors)
        else:
            parts.append(Part(index, bucket.recipient, amount, target=bucket.target))
    if remaining:
        parts.append(Part(None, KEPT, remaining))
    return parts


def bucket_amount(bucket: Bucket, *, total: int, remaining: int) -> int:
    """What one bucket takes: its percentage of the total or of what remains, rounded down to the
    minor unit (never more than remains), or all that remains."""
    if bucket.base == REST:
        return remaining
    base = total if bucket.base == TOTAL else remaining
    return min(remaining, floor(Fraction(base) * Fraction(bucket.percent) / 100))


def _contributors_parts(index: int, amount: int, contributors: list[Contributor]) -> list[Part]:
    weights = [contributor.value for contributor in contributors]
    if amount and not any(weights):
        raise SharingError(
            gettext_noop("No contributor has a valued contribution to share in proportion to.")
        )
    amounts = allocate_minor(amount, weights) if contributors else []
    return [
        Part(index, CONTRIBUTORS, part, contributor=contributor)
        for contributor, part in zip(contributors, amounts, strict=True)
    ]
