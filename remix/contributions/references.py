"""Structured creditor references (ISO 11649, "RF" references) for gifts by bank transfer.

A giver puts the reference in the transfer's label; the bank statement brings it back, and the
import finds it there even with spaces, lower case or other words around it. The two check
digits (ISO 7064 mod 97-10, as in an IBAN) catch a mistyped character.
"""

import re

MAX_BODY = 21
_BODY = re.compile(r"^[0-9A-Z]{1,21}$")
# "RF" and two check digits where a word starts; what follows is the body, grouped by four or not.
_START = re.compile(r"(?<![0-9A-Z])RF(\d\d)")
_STUCK = re.compile(r"RF(\d\d)([0-9A-Z]{1,21})")


def _as_number(text: str) -> int:
    return int("".join(str(int(char, 36)) for char in text))


def reference_make(body: str) -> str:
    """The RF reference for a body of 1 to 21 letters and digits, grouped by four."""
    body = body.upper()
    if not _BODY.match(body):
        raise ValueError("a reference body is 1 to 21 letters A-Z and digits")
    check = 98 - _as_number(body + "RF00") % 97
    return _grouped(f"RF{check:02d}{body}")


def reference_valid(reference: str) -> bool:
    compact = re.sub(r"\s", "", reference or "").upper()
    if not re.fullmatch(r"RF\d\d[0-9A-Z]{1,21}", compact):
        return False
    return _as_number(compact[4:] + compact[:4]) % 97 == 1


def reference_body(reference: str) -> str | None:
    """The body of a valid reference, or None."""
    compact = re.sub(r"\s", "", reference or "").upper()
    return compact[4:] if reference_valid(compact) else None


def reference_find(text: str) -> str | None:
    """The first valid RF reference in a statement's label, as its body, or None.

    Tried in turn: the body grouped by four as it was given (the most groups that check), or
    written without spaces as one word; then, stuck to the words around it, the longest body
    that checks."""
    text = (text or "").upper()
    for start in _START.finditer(text):
        digits = start.group(1)
        for body in _bodies_after(text[start.end() :]):
            if reference_valid(f"RF{digits}{body}"):
                return body
    for found in _STUCK.finditer(text):
        digits, body = found.groups()
        for end in range(len(body), 0, -1):
            if reference_valid(f"RF{digits}{body[:end]}"):
                return body[:end]
    return None


def _bodies_after(rest: str) -> list[str]:
    """The bodies the words after "RFdd" may spell, the longest first."""
    if rest[:1] not in ("", " "):
        # Glued to the check digits ("RF18539007547034"): the rest of the word.
        word = re.match(r"[0-9A-Z]*", rest).group(0)
        return [word] if 1 <= len(word) <= MAX_BODY else []
    words = rest.split()
    groups: list[str] = []
    for word in words:
        if len(groups) == 6 or not re.fullmatch(r"[0-9A-Z]{1,4}", word):
            break
        groups.append(word)
        if len(word) < 4:
            break  # a short group is the last one
    bodies = ["".join(groups[:count]) for count in range(len(groups), 0, -1)]
    if words and re.fullmatch(r"[0-9A-Z]{5,21}", words[0]):
        bodies.append(words[0])  # one word after a space: "RF18 539007547034"
    return bodies


def _grouped(compact: str) -> str:
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
