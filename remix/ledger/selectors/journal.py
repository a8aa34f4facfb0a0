"""The journal as its readers see it: transactions with their postings, newest first.

Everyone reads posted transactions; those who keep the books read the drafts too. Who gave is
masked where it is shown (``selectors.counterparty_public_name``), not here.
"""

from django.db.models import Prefetch

from remix.core.permissions import can_keep_books
from remix.ledger import maths
from remix.ledger.models import Fund, Posting, Transaction


def transactions_with_postings():
    """Transactions with what showing them needs: the counterparty, the reversal, the postings
    with their accounts and funds, in a fixed number of queries."""
    # The reversal is fetched apart, by its key: joined, SQLite's planner scans the table for it
    # once per row of the page.
    return Transaction.objects.select_related("counterparty").prefetch_related(
        Prefetch("reversed_by", queryset=Transaction.objects.only("pk", "reverses")),
        Prefetch("postings", queryset=Posting.objects.select_related("account", "fund")),
    )


def transaction_with_postings(*, pk: int) -> Transaction:
    return transactions_with_postings().get(pk=pk)


def transactions_visible(*, user):
    """Treasurers see drafts; everyone else posted transactions only."""
    queryset = transactions_with_postings()
    return queryset if can_keep_books(user) else queryset.posted()


def transaction_list(
    *,
    user,
    fund: Fund | None = None,
    period: maths.Period | None = None,
    status: str | None = None,
):
    """What ``user`` sees, newest first: in ``fund`` (any posting of it), in ``period``, with
    ``status``; each left out means all."""
    queryset = transactions_visible(user=user).order_by("-date", "-id")
    if fund is not None:
        queryset = queryset.filter(pk__in=Posting.objects.filter(fund=fund).values("transaction"))
    if period is not None:
        queryset = queryset.filter(date__range=(period.start, period.end))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def transaction_by_key(key: str | None) -> Transaction | None:
    """The transaction a client's retry key wrote, if any."""
    if not key:
        return None
    return transactions_with_postings().filter(external_key=key).first()


def transaction_is_reversed(transaction: Transaction) -> bool:
    return Transaction.objects.filter(reverses=transaction).exists()
