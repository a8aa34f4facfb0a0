"""What every write to the books leaves behind: its audit event, and a new version of the books."""

from django.db import transaction as db
from django.db.models import F

from remix.core.audit import audit_record
from remix.ledger import signals
from remix.ledger.models import BooksState


def books_record(**kwargs):
    """The audit event of a write to the books, and a new version of the books for the caches."""
    books_touched()
    return audit_record(**kwargs)


def books_touched() -> None:
    """A new version of the books for the caches; a batch job that writes thousands of rows
    calls it once and records their audit events itself."""
    BooksState.objects.filter(pk=1).update(version=F("version") + 1)
    _books_written_on_commit()


def _books_written_on_commit() -> None:
    """Once per database transaction, however many writes it holds (an import writes thousands):
    ``signals.books_written`` after the commit, on which the reports are computed again in the
    background."""
    connection = db.get_connection()
    # Django keeps a transaction's pending callbacks as (savepoints, function, robust).
    if any(entry[1] is _books_written_send for entry in connection.run_on_commit):
        return
    db.on_commit(_books_written_send)


def _books_written_send() -> None:
    signals.books_written.send(sender=BooksState)
