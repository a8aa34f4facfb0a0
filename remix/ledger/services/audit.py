"""What every write to the books leaves behind: its audit event, and a new version of the books."""

from django.db import transaction as db
from django.db.models import F

from remix.core.audit import audit_record
from remix.ledger.models import BooksState


def books_record(**kwargs):
    """The audit event of a write to the books, and a new version of the books for the caches."""
    BooksState.objects.filter(pk=1).update(version=F("version") + 1)
    _reports_warm_on_commit()
    return audit_record(**kwargs)


def _reports_warm_on_commit() -> None:
    """Once per database transaction, however many writes it holds (an import writes thousands):
    the reports are computed again after the commit, in the background."""
    connection = db.get_connection()
    # Django keeps a transaction's pending callbacks as (savepoints, function, robust).
    if any(entry[1] is _reports_warm_enqueue for entry in connection.run_on_commit):
        return
    db.on_commit(_reports_warm_enqueue)


def _reports_warm_enqueue() -> None:
    from remix.ledger.tasks import reports_warm

    reports_warm.enqueue()
