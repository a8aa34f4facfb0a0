"""International bank account numbers (ISO 13616): written compact, checked by their two check
digits (ISO 7064 mod 97-10, the check of RF references too), shown in groups of four."""

import re

_IBAN = re.compile(r"^[A-Z]{2}\d\d[A-Z0-9]{11,30}$")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def iban_compact(text: str) -> str:
    """``fr76 3000 6000…`` → ``FR763000…``: no space, upper case."""
    return "".join((text or "").split()).upper()


def iban_valid(text: str) -> bool:
    """Two letters of country, two check digits, 11 to 30 letters and digits; the number read
    with its first four characters moved to the end, letters as 10 to 35, leaves 1 mod 97."""
    compact = iban_compact(text)
    if not _IBAN.match(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in moved)) % 97 == 1


def iban_grouped(text: str) -> str:
    """``FR76 3000 6000 0112 3456 7890 189``, as banks print it."""
    compact = iban_compact(text)
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def bic_valid(text: str) -> bool:
    """A BIC (ISO 9362): bank, country, place, and an optional branch; 8 or 11 characters."""
    return bool(_BIC.match(iban_compact(text)))
