"""Gapless numbers: the next number of a series (a year's tax receipts, a year's invoices).

The counter's row is created if missing, then taken under a row lock (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite has no row lock, but its write transaction is one at a time) and moved on by
one inside the caller's transaction: a number is spent only when what it numbers is written in
the same transaction, so a rollback gives it back and two issues at once never share one.
"""

from django.db import transaction as db


def counter_next(model, field: str = "last", **key) -> int:
    """The next number of the counter row of ``model`` found by ``key`` (created at 0 when
    missing); call it inside the transaction that writes what it numbers."""
    if not db.get_connection().in_atomic_block:
        raise RuntimeError("counter_next runs inside the transaction that uses the number")
    model.objects.get_or_create(**key)
    counter = model.objects.select_for_update().get(**key)
    number = getattr(counter, field) + 1
    setattr(counter, field, number)
    counter.save(update_fields=[field])
    return number
