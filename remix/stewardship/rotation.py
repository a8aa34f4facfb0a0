"""The rotation suggestion: who, among the organisations that volunteered for a charge's next
term, should carry it first.

The rule, in order:

1. an organisation that never carried any charge comes first;
2. then the longest since its last term of any charge ended (a term still open ended today);
3. then the largest reciprocity balance, received minus given: who received most from the
   platform and gave least back is asked first;
4. then the name, in alphabetical order (accents and case aside), and finally the key, so that
   the order is total and the same every time.

Plain functions over plain values, no Django: tested with literal dates and amounts.
"""

import datetime
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    key: int
    name: str
    # The day its last term of any charge ended, today for a term still open; None: never carried.
    last_term_end: datetime.date | None
    # Received minus given, in minor units of the platform's reporting currency.
    balance_minor: int


def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _order(candidate: Candidate) -> tuple:
    carried = candidate.last_term_end is not None
    return (
        carried,
        candidate.last_term_end or datetime.date.min,
        -candidate.balance_minor,
        _name_key(candidate.name),
        candidate.key,
    )


def rotation_rank(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates in the order the rule suggests them, first the one to ask first."""
    return sorted(candidates, key=_order)


def days_since(last_term_end: datetime.date | None, today: datetime.date) -> int | None:
    """Days from the end of the last term to ``today`` (0 while a term is open); None if never
    carried."""
    if last_term_end is None:
        return None
    return max(0, (today - last_term_end).days)
