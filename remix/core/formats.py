"""Numbers in the reader's locale, through Babel (never formatted by hand), and quotations."""

import re
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


def quoted(text: str) -> str:
    """A title or a name quoted as the reader's language does: « Communs en commun » (with
    no-break spaces) in French, “Commons in common” otherwise."""
    if (get_language() or "fr").split("-")[0] == "fr":
        return f"«\u00a0{text}\u00a0»"
    return f"“{text}”"


# "1 janvier", "1 janv.", "samedi 1 mars 2027": the 1st of a month, and neither the 11th nor 21st.
_MONTHS = (
    "janvier|janv\\.|février|févr\\.|mars|avril|avr\\.|mai|juin|juillet|juil\\.|août|"
    "septembre|sept\\.|octobre|oct\\.|novembre|nov\\.|décembre|déc\\."
)
_FRENCH_FIRST = re.compile(rf"(?<![\d.,])1(?=[ \u00a0\u202f](?:{_MONTHS})(?!\w))", re.IGNORECASE)


def first_of_month(text: str, language: str | None = None) -> str:
    """A French date says the 1st of a month « 1er janvier », as French typography writes it
    (Babel and Django's formats write « 1 janvier »); other languages are left as they are."""
    if (language or get_language() or "fr").split("-")[0] != "fr":
        return text
    return _FRENCH_FIRST.sub("1er", text)
