"""Money, periods and the books' labels in the reader's language and locale (Babel)."""

import datetime
from functools import lru_cache

from babel import Locale, dates
from django import template
from django.utils.translation import gettext as _

from remix.core.formats import current_locale, first_of_month, format_money
from remix.core.money import from_minor, minor_digits
from remix.ledger import maths
from remix.ledger.openbudget import category_label, nature_label

register = template.Library()


@register.filter
def money(minor, commodity="EUR"):
    """{{ 5000|money:"EUR" }} → « 50,00 € » in French, "€50.00" in English."""
    return format_money(minor, commodity)


@register.filter
def signed_money(minor, commodity="EUR"):
    """With a plus for what comes in: "+€50.00", "−€12.00"."""
    return format_money(minor, commodity, sign=True)


@register.filter
def money_round(minor, commodity="EUR"):
    """A whole amount without its zero cents, for headlines and axes: « 1 240 € »."""
    if minor is None or minor == "":
        return ""
    from babel import numbers

    digits = minor_digits(commodity)
    if commodity == "HOUR" or int(minor) % 10**digits:
        return format_money(minor, commodity)
    pattern = current_locale().currency_formats["standard"].pattern
    whole = pattern.split(";")[0].replace(".00", "")
    return numbers.format_currency(
        int(minor) // 10**digits,
        commodity,
        format=whole,
        locale=current_locale(),
        currency_digits=False,
    )


def period_label(period: maths.Period) -> str:
    """2026, « T3 2026 », « octobre 2026 »: a period as the reader names it."""
    if period.kind == "year":
        return str(period.start.year)
    skeleton = "yQQQ" if period.kind == "quarter" else "yMMMM"
    return _skeleton(skeleton, period.start, current_locale())


@register.filter(name="period_label")
def period_label_filter(period):
    return period_label(period)


@register.filter
def month_short(day: datetime.date) -> str:
    return _skeleton("MMM", day, current_locale())


@register.filter
def month_long(day: datetime.date) -> str:
    return _skeleton("yMMMM", day, current_locale())


@register.filter
def day(value: datetime.date) -> str:
    return first_of_month(dates.format_date(value, "medium", locale=current_locale()))


@register.filter(name="nature_label")
def nature_label_filter(nature: str) -> str:
    return nature_label(nature)


@register.filter(name="category_label")
def category_label_filter(category: str) -> str:
    return category_label(category)


@register.filter
def runway(months):
    """Runway in months, or a dash when nothing is spent."""
    if months is None:
        return "—"
    from remix.core.formats import format_decimal

    return _("%(months)s months") % {"months": format_decimal(months, decimals=1)}


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def at(sequence, index):
    """{{ classes|at:rect.series }}: an item of a list by its position."""
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError):
        return ""


@register.filter
def rate_money(rate, quote="EUR"):
    """A rate in its quote currency: « 15,00 € », « 0,00152449 € » (six significant digits)."""
    from decimal import Decimal

    from babel import numbers

    if rate is None or rate == "":
        return ""
    value = Decimal(rate).normalize()
    # An inverse rate (1 XOF = 1/655.957 EUR) has endless decimals: six significant ones do.
    significant = 6 - value.adjusted() - 1
    digits = max(minor_digits(quote), min(-value.as_tuple().exponent, significant))
    return numbers.format_currency(
        value.quantize(Decimal(1).scaleb(-digits)),
        quote,
        locale=current_locale(),
        currency_digits=False,
        decimal_quantization=False,
    )


@register.filter
def money_compact(minor, commodity="EUR"):
    """An axis label: « 2,5 k € », "€2.5K", « 250 € »."""
    from babel import numbers

    if minor is None or minor == "":
        return ""
    amount = from_minor(int(minor), commodity)
    return numbers.format_compact_currency(
        amount, commodity, locale=current_locale(), fraction_digits=1
    )


@register.filter
def month_narrow(day: datetime.date) -> str:
    """The month's initial, for an axis on a phone: « J », « F », « M »."""
    names = dates.get_month_names("narrow", context="stand-alone", locale=current_locale())
    return names[day.month]


@lru_cache(maxsize=4096)
def _skeleton(skeleton: str, day: datetime.date, locale: Locale) -> str:
    """A month or quarter named in a locale: the period choices of every page name the same few
    dozen, each once."""
    return dates.format_skeleton(skeleton, day, locale=locale)
