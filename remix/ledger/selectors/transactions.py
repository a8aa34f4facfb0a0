"""Transactions: the treasurer's list and detail, and what public pages may say of them."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from remix.ledger import maths
from remix.ledger.labels import transaction_label
from remix.ledger.models import Fund, Posting, Transaction
from remix.ledger.selectors.balances import commodity_totals

# --- the treasurer's ------------------------------------------------------------------------------


def transactions_waiting():
    """Drafts with a leg still on the account where imported rows wait to be categorised."""
    return Transaction.objects.drafts().filter(
        Exists(Posting.objects.filter(transaction=OuterRef("pk"), account__is_suspense=True))
    )


def transactions_linked():
    """Transactions with what their detail page names: who, what they reverse, which import."""
    return Transaction.objects.select_related("counterparty", "reverses", "bank_import")


def transactions_filtered(*, filters: dict):
    """The treasurer's list: every transaction, drafts included, filtered as the form says."""
    found = Transaction.objects.select_related("counterparty").prefetch_related(
        Prefetch("postings", queryset=Posting.objects.select_related("account", "fund"))
    )
    if filters.get("q"):
        found = found.filter(description__icontains=filters["q"])
    status = filters.get("status")
    if status == "waiting":
        found = found.filter(pk__in=transactions_waiting().values("pk"))
    elif status:
        found = found.filter(status=status)
    if filters.get("period"):
        period = filters["period"]
        found = found.filter(date__range=(period.start, period.end))
    for key in ("fund", "account"):
        if filters.get(key):
            found = found.filter(
                Exists(Posting.objects.filter(transaction=OuterRef("pk"), **{key: filters[key]}))
            )
    return found.order_by("-date", "-id")


def transactions_sized(transactions):
    """Each transaction's size: the sum of its debits, per commodity; its funds; and whether it
    waits to be categorised (postings prefetched)."""
    for tx in transactions:
        sums: dict[str, int] = defaultdict(int)
        for posting in tx.postings.all():
            if posting.amount_minor > 0:
                sums[posting.commodity] += posting.amount_minor
        tx.sizes = sorted(sums.items())
        tx.funds = sorted({posting.fund.label for posting in tx.postings.all()})
        tx.waiting = not tx.is_posted and any(p.account.is_suspense for p in tx.postings.all())
    return transactions


def transaction_detail(tx: Transaction) -> dict:
    """What the detail page shows of a transaction: its postings and their debits per
    commodity, its receipts, the reversal that cancels it, and whether it waits."""
    postings = list(tx.postings.select_related("account", "fund"))
    return {
        "tx": tx,
        "postings": postings,
        "debits": commodity_totals([p for p in postings if p.amount_minor > 0], "amount_minor"),
        "attachments": tx.attachments.all(),
        "reversal": Transaction.objects.filter(reverses=tx).first(),
        "waiting": not tx.is_posted and any(posting.account.is_suspense for posting in postings),
    }


# --- public ---------------------------------------------------------------------------------------


def public_transactions(*, fund: Fund | None, period: maths.Period):
    """Posted transactions of the period, newest first, with their postings in the fund."""
    transactions = Transaction.objects.posted().filter(date__range=(period.start, period.end))
    if fund is not None:
        transactions = transactions.filter(
            Exists(Posting.objects.filter(transaction=OuterRef("pk"), fund=fund))
        )
    return transactions.select_related("counterparty").order_by("-date", "-id")


def public_description(transaction: Transaction) -> str:
    """What a public page says a transaction is, in the reader's language where the platform
    wrote it; an anonymous gift's own words (a bank label, a reference) could name the giver."""
    if transaction.anonymous:
        return _("Anonymous gift")
    return description_read(transaction)


def description_read(transaction: Transaction) -> str:
    """A transaction's description as its reader reads it: a label the platform wrote (a
    reversal, a grant, a match) in the reader's language, anything else as it was typed."""
    return transaction_label(
        description=transaction.description,
        reverses=transaction.reverses_id is not None,
        external_key=transaction.external_key,
    )


def counterparty_public_name(transaction: Transaction) -> str:
    """What a public page, feed or export may say about who gave or was paid."""
    if transaction.anonymous:
        return _("Anonymous")
    return transaction.counterparty.name if transaction.counterparty_id else ""
