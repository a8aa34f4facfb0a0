"""The posted transactions of a period as the public reads them, a page at a time."""

from collections import defaultdict

from django.db.models import Exists, OuterRef

from remix.ledger import maths
from remix.ledger.models import AccountType, Fund, Posting, Transaction
from remix.ledger.openbudget.common import decimal_text
from remix.ledger.selectors import transactions as transaction_reads


def transactions_listed(*, fund: Fund | None, period: maths.Period):
    """The posted transactions of the period that touch the fund, newest first.

    The selector's, with the fund tested by ``EXISTS`` rather than a join and ``DISTINCT``: a
    page of 25 then reads 25 rows off the date index instead of sorting the whole year."""
    transactions = transaction_reads.public_transactions(fund=None, period=period)
    if fund is not None:
        transactions = transactions.filter(
            Exists(Posting.objects.filter(transaction=OuterRef("pk"), fund=fund))
        )
    return transactions


def transactions_count(*, fund: Fund | None, period: maths.Period) -> int:
    """How many: counted on the postings' (posted, fund, date) index when a fund is chosen."""
    if fund is None:
        return Transaction.objects.posted().filter(date__range=(period.start, period.end)).count()
    return (
        Posting.objects.filter(posted=True, fund=fund, date__range=(period.start, period.end))
        .values("transaction")
        .distinct()
        .count()
    )


def transactions_page(*, fund: Fund | None, period: maths.Period, number: int, size: int):
    """One page without counting them all: (rows, whether a next page exists)."""
    offset = (number - 1) * size
    found = list(transactions_listed(fund=fund, period=period)[offset : offset + size + 1])
    return found[:size], len(found) > size


FLOW_TYPES = {AccountType.INCOME, AccountType.EXPENSE, AccountType.EQUITY}
LINE_ORDER = {AccountType.INCOME: 0, AccountType.EQUITY: 1, AccountType.EXPENSE: 2}


def transaction_rows(transactions, fund: Fund | None) -> list[dict]:
    """Each transaction with the lines a reader follows: what came in (+) or went out (−).

    The lines are its income, expense and inter-fund postings in the fund shown; a transaction
    with none of those (a supplier paid, a receivable collected) shows its cash postings.
    A giver who asked for anonymity is not named, and neither is the description written about
    their gift (it may hold their name)."""
    transactions = list(transactions)
    postings = (
        Posting.objects.filter(transaction__in=transactions)
        .select_related("account", "fund")
        .order_by("id")
    )
    by_transaction = defaultdict(list)
    for posting in postings:
        if fund is None or posting.fund_id == fund.pk:
            by_transaction[posting.transaction_id].append(posting)
    rows = []
    for transaction in transactions:
        legs = by_transaction[transaction.pk]
        shown = [leg for leg in legs if leg.account.type in FLOW_TYPES]
        shown = shown or [leg for leg in legs if leg.account.is_cash] or legs
        shown.sort(key=lambda leg: LINE_ORDER.get(leg.account.type, 9))  # stable: money in first
        lines = [
            {
                "account": leg.account.code,
                "account_label": leg.account.label,
                "fund": leg.fund.slug,
                "fund_label": leg.fund.label,
                "commodity": leg.commodity,
                # Cash comes in positive; income (negative in the books) is money in as well.
                "amount": leg.amount_minor
                if leg.account.type == AccountType.ASSET
                else -leg.amount_minor,
            }
            for leg in shown
        ]
        rows.append(
            {
                "id": transaction.pk,
                "date": transaction.date,
                "description": transaction_reads.public_description(transaction),
                "counterparty": transaction_reads.counterparty_public_name(transaction),
                "is_transfer": transaction.is_transfer,
                "reverses": transaction.reverses_id,
                "lines": lines,
            }
        )
    return rows


def transaction_records(rows: list[dict]) -> list[dict]:
    return [
        {
            "id": row["id"],
            "date": row["date"].isoformat(),
            "description": row["description"],
            "counterparty": row["counterparty"],
            "is_transfer": row["is_transfer"],
            "reverses": row["reverses"],
            "lines": [
                {
                    "account": line["account"],
                    "account_name": line["account_label"],
                    "fund": line["fund"],
                    "amount": decimal_text(line["amount"], line["commodity"]),
                    "commodity": line["commodity"],
                }
                for line in row["lines"]
            ],
        }
        for row in rows
    ]


TRANSACTION_COLUMNS = [
    "id",
    "date",
    "description",
    "counterparty",
    "account",
    "account_name",
    "fund",
    "amount",
    "commodity",
]


def transaction_csv_rows(rows: list[dict]):
    for record in transaction_records(rows):
        for line in record["lines"]:
            yield [
                record["id"],
                record["date"],
                record["description"],
                record["counterparty"],
                line["account"],
                line["account_name"],
                line["fund"],
                line["amount"],
                line["commodity"],
            ]
