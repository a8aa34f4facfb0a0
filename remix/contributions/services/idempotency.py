"""A write that moves money, sent twice: one rule for every way in.

A key names one request: the hidden token of a web form, an API caller's ``Idempotency-Key``, a
payment provider's event, a bank row. Sent again asking the same, the key answers the first
result unchanged and writes nothing more, even where that write could no longer be made (a
campaign closed since, a tier sold out). Sent asking something else (another amount, another
campaign), it is refused: a retry repeats its request, it does not change it. Two sends of one
key at the same instant meet on the key's unique index: the second waits for the first, then
answers its result.

A service says what it is asked as ``{field: value}`` of the row it would write; what the
caller left to a default of the day (today's date) is left out, so that a retry sent the next
day still asks the same.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.utils.translation import gettext as _

REUSED = "idempotency_key_reused"


class KeyReused(ValidationError):
    """A key sent again with another request."""


def key_reused() -> KeyReused:
    return KeyReused(
        {
            "idempotency_key": ValidationError(
                _(
                    "This request was already made once with other details: make it again as "
                    "it was, or start a new one."
                ),
                code=REUSED,
            )
        }
    )


def first_result(model, *, field: str, key: str | None, asked: dict):
    """The row ``key`` already wrote (in ``field``), or None; refused when it was written for
    another request than ``asked``."""
    if not key:
        return None
    found = model.objects.filter(**{field: key}).first()
    if found is not None and any(getattr(found, name) != value for name, value in asked.items()):
        raise key_reused()
    return found


def write_once(model, *, field: str, key: str | None, asked: dict, write: Callable):
    """``write()`` under ``key``: ``(the row it wrote, True)``, or ``(the first one, False)``."""
    found = first_result(model, field=field, key=key, asked=asked)
    if found is not None:
        return found, False
    try:
        with db.atomic():
            return write(), True
    except IntegrityError:
        # The same key written at the same instant by another process: its unique index refused
        # this write whole, and the first one stands.
        found = first_result(model, field=field, key=key, asked=asked)
        if found is None:
            raise
        return found, False
