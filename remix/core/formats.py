"""Numbers in the reader's locale, through Babel (never formatted by hand)."""

from decimal import Decimal
from functools import cache

from babel import Locale, numbers
from django.utils.translation import get_language

LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}


def current_locale() -> Locale:
    """The reader's Babel locale, parsed once per language: a page formats hundreds of amounts
    and dates, and Babel parses a locale given by its name on every call."""
    return _parsed(LOCALES.get((get_language() or "fr").split("-")[0], "fr_FR"))


@cache
def _parsed(name: str) -> Locale:
    return Locale.parse(name)


def format_percent(value, *, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    locale = current_locale()
    pattern = locale.percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return numbers.format_percent(Decimal(str(float(value))), format=pattern, locale=locale)


def format_decimal(value, *, decimals: int = 3) -> str:
    if value is None or value == "":
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(
        Decimal(str(float(value))), format=pattern, locale=current_locale()
    )


def format_money(minor: int | None, commodity: str, *, sign: bool = False) -> str:
    """An amount of minor units in the reader's locale: « 1 240,50 € », "€1,240.50", « 6 h »."""
    from remix.core.money import HOUR, from_minor

    if minor is None:
        return ""
    amount = from_minor(minor, commodity)
    if commodity == HOUR:
        text = numbers.format_decimal(amount, format="#,##0.##", locale=current_locale())
        text = f"{text}\N{NO-BREAK SPACE}h"
    else:
        text = numbers.format_currency(amount, commodity, locale=current_locale())
    if sign and minor > 0:
        text = "+" + text
    return text
