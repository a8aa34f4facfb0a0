"""Money is one type: an exact amount in a commodity's minor units.

Commodities are ISO 4217 currencies, each with its own minor units (EUR 2, XOF 0, CAD 2…) as
CLDR knows them through Babel, and ``HOUR`` for volunteer time (to the hundredth of an hour).
Amounts are stored as integers of minor units; ``Decimal`` is for the edges (forms, API, files).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from math import floor

from babel import numbers
from babel.core import get_global

HOUR = "HOUR"
HOUR_DIGITS = 2


class MoneyError(ValueError):
    """A commodity or an amount that cannot be money (the message says why, in English)."""


def commodity_check(code: str) -> str:
    """The commodity itself, written as ISO 4217 writes it (``EUR``, never ``eur``): a currency
    some country uses today, or the books' own unit ``HOUR``. Codes that are no money to keep
    books in (``XXX`` "no currency", ``XTS`` for tests, gold, funds, francs of 1999) are refused."""
    if code == HOUR or (isinstance(code, str) and code in _currencies()):
        return code
    raise MoneyError(f"unknown commodity {code!r}: an ISO 4217 currency or HOUR")


def commodity_read(text: str) -> str:
    """A code a person typed or a file wrote (`` eur ``): tidied, then checked as above."""
    return commodity_check((text or "").strip().upper())


def _currencies() -> set[str]:
    """The ISO 4217 currencies legal tender somewhere today, as CLDR lists them (through Babel)."""
    global _CURRENCIES
    if _CURRENCIES is None:
        _CURRENCIES = {
            code
            for used in get_global("territory_currencies").values()
            for code, _start, end, tender in used
            if end is None and tender
        }
    return _CURRENCIES


_CURRENCIES: set[str] | None = None


def minor_digits(commodity: str) -> int:
    if commodity == HOUR:
        return HOUR_DIGITS
    return numbers.get_currency_precision(commodity)


def to_minor(amount: Decimal | str | int, commodity: str) -> int:
    """An exact decimal amount as minor units; more decimals than the commodity has is an error."""
    try:
        value = Decimal(str(amount).strip()) if not isinstance(amount, Decimal) else amount
    except InvalidOperation:
        raise MoneyError(f"not a number: {amount!r}") from None
    if not value.is_finite():
        raise MoneyError(f"not a number: {amount!r}")
    digits = minor_digits(commodity)
    scaled = value.scaleb(digits)
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{commodity} has {digits} decimal places: {amount} has more")
    return int(scaled)


def from_minor(minor: int, commodity: str) -> Decimal:
    return Decimal(minor).scaleb(-minor_digits(commodity))


def minor_plain(minor: int, digits: int) -> str:
    """``format(from_minor(minor, commodity), "f")`` for a commodity of ``digits`` minor digits
    (``minor_digits``), from the integer alone: ``-0.05``, ``1240.50``, ``5000``. For files
    that write millions of amounts (the Beancount ledger), without a ``Decimal`` for each."""
    if not digits:
        return str(minor)
    units, cents = divmod(-minor if minor < 0 else minor, 10**digits)
    return f"{'-' if minor < 0 else ''}{units}.{cents:0{digits}d}"


def round_minor(value: Decimal) -> int:
    """A computed amount in minor units (a conversion, a share), rounded half to even."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def allocate_minor(total: int, weights: list) -> list[int]:
    """``total`` minor units split in proportion to ``weights`` (integers, ``Decimal`` or
    ``Fraction``, none negative), in whole minor units that add up to ``total`` exactly.

    The residual rule, stated once for every share Remix computes: each part is first its exact
    share rounded down; the units left over go one each to the largest remainders, ties to the
    part listed first. A negative total (a refund) is split as its opposite, then negated. All
    weights zero: nothing can be shared, a ``MoneyError``."""
    exact = [Fraction(weight) for weight in weights]
    if any(weight < 0 for weight in exact):
        raise MoneyError("A weight cannot be negative.")
    whole = sum(exact)
    if total and not whole:
        raise MoneyError("Nothing to share in proportion to: every weight is zero.")
    if not total:
        return [0] * len(exact)
    if total < 0:
        return [-part for part in allocate_minor(-total, exact)]
    shares = [total * weight / whole for weight in exact]
    parts = [floor(share) for share in shares]
    left = total - sum(parts)
    ranked = sorted(range(len(parts)), key=lambda i: -(shares[i] - parts[i]))  # stable
    for i in ranked[:left]:
        parts[i] += 1
    return parts


@dataclass(frozen=True, order=True)
class Money:
    minor: int
    commodity: str

    @classmethod
    def of(cls, amount: Decimal | str | int, commodity: str) -> "Money":
        commodity = commodity_check(commodity)
        return cls(to_minor(amount, commodity), commodity)

    @property
    def amount(self) -> Decimal:
        return from_minor(self.minor, self.commodity)

    def _same(self, other: "Money") -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine money with {type(other).__name__}")
        if other.commodity != self.commodity:
            raise MoneyError(f"cannot add {self.commodity} and {other.commodity}")

    def __add__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.minor + other.minor, self.commodity)

    def __sub__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.minor - other.minor, self.commodity)

    def __neg__(self) -> "Money":
        return Money(-self.minor, self.commodity)

    def __str__(self) -> str:
        return f"{self.amount} {self.commodity}"
