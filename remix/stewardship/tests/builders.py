"""Small builders for the stewardship tests: organisations and terms in one line."""

import datetime

from remix.allies.services import actor_create
from remix.stewardship.services import term_open


def organisation(name, legal_form="association"):
    return actor_create(
        name=name, kind="organisation", legal_form=legal_form, movements=["commons"]
    )


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def term(charge, carrier, start, end=None, **fields):
    return term_open(
        charge=charge,
        carrier=carrier,
        start_date=day(start),
        end_date=day(end) if end else None,
        **fields,
    )
