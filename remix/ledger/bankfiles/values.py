"""Dates and amounts as banks write them, read exactly (``Decimal``, never a float)."""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

from remix.core.money import MoneyError, minor_digits, to_minor

_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"  # "03/10/2026 14:05" is still the 3rd
_DATE_FORMS = [
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME), "dmy"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+Z-]*)?"), "ymd"),
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})" + _TIME), "dmy"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
]


def date_parse(text: str) -> datetime.date:
    """``dd/mm/yyyy`` (or ``-`` and ``.``, or two-digit years), ``yyyy-mm-dd``, ``yyyymmdd``."""
    value = (text or "").strip()
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(value)
        if not match:
            continue
        first, second, third = (int(part) for part in match.groups())
        day, month, year = (first, second, third) if order == "dmy" else (third, second, first)
        if year < 100:
            year += 2000
        try:
            return datetime.date(year, month, day)
        except ValueError:
            break
    raise ValueError(_("“%(value)s” is not a date (dd/mm/yyyy or yyyy-mm-dd).") % {"value": value})


AMOUNT_NOISE = re.compile(
    r"[\s\u00a0\u202f\u2009'’€$£]|\b(?:EUR|EUROS?|XOF|F?CFA|USD|CAD|CHF|GBP)\b", re.IGNORECASE
)
_AMOUNT_SHAPE = re.compile(r"\d[\d.,]*|[.,]\d+")


def amount_parse(text: str, *, decimal_mark: str | None = None) -> Decimal:
    """A signed decimal from a bank's way of writing it; ``decimal_mark`` settles "1,234"."""
    raw = (text or "").strip()
    value = raw.replace("\u2212", "-")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    value = AMOUNT_NOISE.sub("", value)
    if value.startswith("-"):
        negative, value = True, value[1:]
    elif value.startswith("+"):
        value = value[1:]
    elif value.endswith("-"):
        negative, value = True, value[:-1]
    if not _AMOUNT_SHAPE.fullmatch(value):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    commas, points = value.count(","), value.count(".")
    if commas and points:
        mark = "," if value.rfind(",") > value.rfind(".") else "."
    elif commas + points == 0:
        mark = None
    else:
        sep = "," if commas else "."
        if commas + points > 1:
            mark = None  # "1.234.567": thousands only
        elif len(value) - value.rfind(sep) - 1 != 3:
            mark = sep  # "12,5", "12,50"
        elif decimal_mark is not None:
            mark = sep if sep == decimal_mark else None  # "1.234" in a decimal-comma file
        else:
            mark = "." if sep == "." else None  # alone, "1,234" reads as English thousands
    integer, fraction = value.rsplit(mark, 1) if mark else (value, "")
    groups = re.split(r"[.,]", integer)
    if len(groups) > 1 and not (
        1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])
    ):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    if (mark and ("," if mark == "." else ".") in fraction) or not (integer or fraction):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    amount = Decimal(("".join(groups) or "0") + ("." + fraction if fraction else ""))
    return -amount if negative else amount


def amount_check(amount: Decimal, commodity: str) -> int:
    """The amount in minor units, or why it cannot be (too many decimals)."""
    try:
        return to_minor(amount, commodity)
    except MoneyError:
        raise ValueError(
            _("%(commodity)s has %(digits)s decimal places: %(amount)s has more.")
            % {"commodity": commodity, "digits": minor_digits(commodity), "amount": amount}
        ) from None


def label_normalise(label: str) -> str:
    """The label as rows are compared: same letters, any case, any run of spaces."""
    return " ".join(unicodedata.normalize("NFC", label or "").casefold().split())
