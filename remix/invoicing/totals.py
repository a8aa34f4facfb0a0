"""An invoice's totals, exact to the cent, the way EN 16931 computes them.

Each line's net amount is its quantity × unit price rounded to the cent (BT-131); the net total
is the sum of the lines' (BT-106); VAT is computed once per rate, on the sum of that rate's line
amounts, and rounded to the cent (BT-116 × rate = BT-117, summed in BT-110); the gross total is
the net plus the VAT (BT-112). Rounding is half up (away from zero), the commercial rule the
standard's validation rules reckon with. Plain functions over integers and ``Decimal``.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def _cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def line_net(quantity: Decimal, unit_price_minor: int) -> int:
    """A line's net amount in minor units: quantity × unit price, rounded half up."""
    return _cents(Decimal(quantity) * unit_price_minor)


@dataclass(frozen=True)
class RateTotal:
    rate: Decimal  # percent
    basis_minor: int
    vat_minor: int


@dataclass(frozen=True)
class Totals:
    net_minor: int
    vat_minor: int
    gross_minor: int
    rates: tuple[RateTotal, ...]


def totals(lines) -> Totals:
    """The totals of ``lines``, pairs (net amount in minor units, VAT rate in percent)."""
    bases: dict[Decimal, int] = {}
    for net, rate in lines:
        rate = Decimal(rate).quantize(Decimal("0.01"))
        bases[rate] = bases.get(rate, 0) + net
    rates = tuple(
        RateTotal(rate, basis, _cents(basis * rate / 100)) for rate, basis in sorted(bases.items())
    )
    net = sum(rate.basis_minor for rate in rates)
    vat = sum(rate.vat_minor for rate in rates)
    return Totals(net, vat, net + vat, rates)
