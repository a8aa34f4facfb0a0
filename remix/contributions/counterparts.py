"""What a tax receipt may state for a gift that brought its giver a counterpart (a tier's reward).

French tax doctrine (BOFiP, BOI-IR-RICI-250-10-20-10, « contreparties ») holds that a gift gives
a right to the tax reduction only when it is made without a counterpart; it tolerates one that
keeps a « disproportion marquée » with the gift: the counterpart's value is at most a quarter of
the gift AND at most a flat ceiling, revised every five years by arrêté (65 € from 2011, 69 €
from the arrêté du 10 juin 2016, 73 € in force in 2026). Within both limits the whole gift is
stated; past either of them, the counterpart is paid for, not given: the receipt states the gift
minus the counterpart's value, never less than nothing. The doctrine counts the flat ceiling over
all that one giver receives in a calendar year; here each gift is held to it alone, as a pledge
takes one tier.

- 100 € with a 20 € counterpart: 20 ≤ 25 and 20 ≤ 73, the receipt states 100 €;
- 100 € with a 30 € counterpart: 30 > 25, the receipt states 70 €;
- 400 € with an 80 € counterpart: 80 ≤ 100 but 80 > 73, the receipt states 320 € (the gift
  minus the whole counterpart, not minus the part over the ceiling).

Amounts are integers in minor units (cents) of one currency; no Django here.
"""

import datetime
from dataclasses import dataclass

# The flat ceiling on a counterpart's value, in cents, from the date each one applies; a revision
# is one more row. Gifts dated before the first row are held to it too.
CEILINGS = ((datetime.date(2026, 1, 1), 73_00),)
# The counterpart's value may be at most this share of the gift: one quarter.
SHARE_NUMERATOR, SHARE_DENOMINATOR = 1, 4


def ceiling_on(day: datetime.date) -> int:
    """The flat ceiling in force on ``day``, in cents."""
    found = CEILINGS[0][1]
    for since, cents in CEILINGS:
        if since <= day:
            found = cents
    return found


@dataclass(frozen=True)
class Counterpart:
    """What the receipt of a gift may state, and why: ``over_share`` (more than a quarter of the
    gift), ``over_ceiling`` (more than the flat ceiling)."""

    gift: int
    value: int
    ceiling: int
    stated: int
    over_share: bool
    over_ceiling: bool

    @property
    def reduces(self) -> bool:
        return self.stated < self.gift


def receipt_amount(*, gift: int, value: int, ceiling: int) -> Counterpart:
    """The amount a receipt states for a gift of ``gift`` cents whose counterpart is worth
    ``value`` cents, under a flat ceiling of ``ceiling`` cents."""
    if gift <= 0 or value < 0 or ceiling < 0:
        raise ValueError("a gift is positive; a counterpart and a ceiling are not negative")
    over_share = value * SHARE_DENOMINATOR > gift * SHARE_NUMERATOR
    over_ceiling = value > ceiling
    stated = max(gift - value, 0) if (over_share or over_ceiling) else gift
    return Counterpart(
        gift=gift,
        value=value,
        ceiling=ceiling,
        stated=stated,
        over_share=over_share,
        over_ceiling=over_ceiling,
    )
