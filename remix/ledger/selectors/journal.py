"""The journal as its readers see it: transactions with their postings, newest first.

Everyone reads posted transactions; those who keep the books read the drafts too. Who gave is
masked where it is shown (``selectors.counterparty_public_name``), not here.
"""

from collections import defaultdict

from django.db.models import OuterRef, Prefetch, Subquery

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


TRANSACTION_FIELDS = (
    "id",
    "date",
    "description",
    "counterparty_id",
    "counterparty__name",
    "counterparty__slug",
    "anonymous",
    "reference",
    "status",
    "is_transfer",
    "reverses_id",
    "reason",
    "posted_at",
    "external_key",  # which template wrote the description (``labels``); never shown
)
POSTING_FIELDS = ("account__code", "fund__slug", "amount_minor", "commodity", "memo")


def transaction_rows(transactions) -> list[dict]:
    """The transactions of ``transactions`` (a page already cut, or one) as plain dicts of
    ``TRANSACTION_FIELDS`` with ``reversed_by`` (the reversal's id or None) and ``postings``
    (dicts of ``POSTING_FIELDS``, in the order they were written): two queries whatever the
    page's length, no model instance built. Nothing is masked here."""
    reversal = Transaction.objects.filter(reverses_id=OuterRef("pk")).order_by().values("id")[:1]
    rows = [
        dict(zip((*TRANSACTION_FIELDS, "reversed_by"), row, strict=True))
        for row in transactions.prefetch_related(None)
        .annotate(reversal_id=Subquery(reversal))
        .values_list(*TRANSACTION_FIELDS, "reversal_id")
    ]
    ids = [row["id"] for row in rows]
    postings = defaultdict(list)
    for transaction_id, *posting in (
        Posting.objects.filter(transaction_id__in=ids)
        .order_by("transaction_id", "id")
        .values_list("transaction_id", *POSTING_FIELDS)
    ):
        postings[transaction_id].append(dict(zip(POSTING_FIELDS, posting, strict=True)))
    for row in rows:
        row["postings"] = postings[row["id"]]
    return rows
