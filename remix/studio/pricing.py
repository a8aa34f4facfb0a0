"""The study office's arithmetic, without Django: a quote line's amount, a day of work in hours,
and declared hours valued at an agreed daily rate. Amounts are minor units (int); quantities and
hours are ``Decimal``; every computed amount is rounded once, half to even (``round_minor``)."""

from decimal import Decimal

from remix.core.money import round_minor

# A working day, as French labour law counts it (35 hours over 5 days): declared hours become
# days, and a daily rate becomes the value of an hour, at this many hours a day.
HOURS_PER_DAY = Decimal(7)


def line_amount(quantity: Decimal, unit_price_minor: int) -> int:
    """A quote line: ``quantity`` × ``unit_price_minor``, rounded once to the minor unit."""
    return round_minor(Decimal(quantity) * unit_price_minor)


def hours_in_days(hours: Decimal) -> Decimal:
    """Declared hours as working days, to the hundredth (for reading, never for money)."""
    return (Decimal(hours) / HOURS_PER_DAY).quantize(Decimal("0.01"))


def time_value(hours: Decimal, day_rate_minor: int) -> int:
    """``hours`` of work valued at ``day_rate_minor`` for a day of ``HOURS_PER_DAY`` hours."""
    return round_minor(Decimal(hours) * day_rate_minor / HOURS_PER_DAY)


def margin(invoiced_minor: int, costs_minor: int) -> int:
    """What an engagement leaves once its valued time is paid for: invoiced minus costs."""
    return invoiced_minor - costs_minor
