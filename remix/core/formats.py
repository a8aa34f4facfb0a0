"""Numbers in the reader's locale, through Babel (never formatted by hand)."""

from decimal import Decimal

from babel import Locale, numbers
from django.utils.translation import get_language

LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}


def current_locale() -> str:
    return LOCALES.get((get_language() or "fr").split("-")[0], "fr_FR")


def format_percent(value, *, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    locale = Locale.parse(current_locale())
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
