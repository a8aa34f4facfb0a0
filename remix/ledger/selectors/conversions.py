"""Exchange rates: amounts converted at the rate of their day, and the rates recorded."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from remix.core.money import HOUR, minor_digits, round_minor
from remix.ledger import maths
from remix.ledger.models import ExchangeRate


def _rates_with(quote: str):
    """The rates that convert to or from ``quote``: a rate is read both ways round."""
    return ExchangeRate.objects.filter(Q(quote=quote) | Q(commodity=quote))


def commodities_convertible(*, quote: str) -> list[str]:
    """The currencies the books hold a rate for with ``quote``, either way round, in order (the
    hour, valued in money, is not a currency)."""
    pairs = _rates_with(quote).values_list("commodity", "quote").distinct().order_by()
    found = {commodity if other == quote else other for commodity, other in pairs}
    return sorted(found - {quote, HOUR})


class Converter:
    """Converts amounts to one currency at the rate of the day, and remembers what it used."""

    def __init__(self, quote: str):
        self.quote = quote
        self.rates: dict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
        for rate in _rates_with(quote).order_by("date"):
            if rate.quote == quote:
                self.rates[rate.commodity].append((rate.date, rate.rate))
            else:  # the inverse: 1 quote = r commodity, so 1 commodity = 1/r quote
                self.rates[rate.quote].append((rate.date, 1 / rate.rate))
        for values in self.rates.values():
            values.sort()
        # Per (commodity, day): the rate times the ratio of the currencies' minor units, found
        # once; an amount is then one multiplication and one rounding.
        self._factors: dict[tuple, Decimal | None] = {}
        self.used: set[tuple[datetime.date, str, Decimal]] = set()
        self.missing: set[tuple[str, datetime.date]] = set()

    def minor(self, minor: int, commodity: str, day: datetime.date) -> int | None:
        """``minor`` units of ``commodity`` in minor units of the quote; None without a rate."""
        if commodity == self.quote:
            return minor
        key = (commodity, day)
        factor = self._factors.get(key, False)
        if factor is False:
            factor = self._factors[key] = self._factor(commodity, day)
        if factor is None:
            self.missing.add(key)
            return None
        return round_minor(Decimal(minor) * factor)

    def _factor(self, commodity: str, day: datetime.date) -> Decimal | None:
        found = maths.rate_on(self.rates.get(commodity, []), day)
        if found is None:
            return None
        rate_date, rate = found
        self.used.add((rate_date, commodity, rate))
        return rate * Decimal(10) ** (minor_digits(self.quote) - minor_digits(commodity))

    def report(self) -> dict:
        return {
            "used": [
                {"date": day, "commodity": commodity, "quote": self.quote, "rate": rate}
                for day, commodity, rate in sorted(self.used)
            ],
            "missing": [
                {"commodity": commodity, "date": day} for commodity, day in sorted(self.missing)
            ],
        }


def rates_recent(*, limit: int = 200):
    """The rates recorded, newest first, with who recorded them."""
    return ExchangeRate.objects.select_related("recorded_by")[:limit]
