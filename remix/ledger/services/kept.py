"""The kept balances written again from the postings: after a restore, or when `remix check`
finds them apart. The database keeps them up to date by itself otherwise (``ledger/kept.py``)."""

from django.db import connection
from django.db import transaction as db

# The first day of a posting's month, per database.
MONTH_OF = {
    "sqlite": "date(p.date, 'start of month')",
    "postgresql": "CAST(date_trunc('month', p.date) AS date)",
}

# Each kept table from the posted postings, for one span ({start}: the day or its month).
FROM_POSTINGS = [
    """INSERT INTO ledger_keptbalance (span, start, account_id, fund_id, commodity, amount_minor)
    SELECT %s, {start}, p.account_id, p.fund_id, p.commodity, SUM(p.amount_minor)
    FROM ledger_posting p WHERE p.posted
    GROUP BY {start}, p.account_id, p.fund_id, p.commodity""",
    """INSERT INTO ledger_keptsource (span, start, fund_id, source, anonymous, commodity,
                                      amount_minor)
    SELECT %s, {start}, p.fund_id, COALESCE(t.counterparty_id, 0), t.anonymous, p.commodity,
           SUM(p.amount_minor)
    FROM ledger_posting p
      JOIN ledger_account a ON a.id = p.account_id
      JOIN ledger_transaction t ON t.id = p.transaction_id
    WHERE p.posted AND a.type = 'income'
    GROUP BY {start}, p.fund_id, COALESCE(t.counterparty_id, 0), t.anonymous, p.commodity""",
    """INSERT INTO ledger_keptcashout (span, start, fund_id, commodity, amount_minor)
    SELECT %s, {start}, p.fund_id, p.commodity, SUM(p.amount_minor)
    FROM ledger_posting p
      JOIN ledger_account a ON a.id = p.account_id
      JOIN ledger_transaction t ON t.id = p.transaction_id
    WHERE p.posted AND a.is_cash AND p.amount_minor < 0 AND NOT t.is_transfer
      AND t.reverses_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM ledger_transaction r
                      WHERE r.reverses_id = t.id AND r.status = 'posted')
    GROUP BY {start}, p.fund_id, p.commodity""",
]
TABLES = ["ledger_keptbalance", "ledger_keptsource", "ledger_keptcashout"]


def kept_balances_rebuild(using=None) -> int:
    """Every kept sum written again from the posted postings, in one database transaction (the
    books are locked against writes meanwhile); the number of rows written."""
    conn = connection if using is None else using
    written = 0
    with db.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("LOCK TABLE ledger_posting, ledger_transaction IN SHARE MODE")
        for table in TABLES:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (names from the list above)
        for statement in FROM_POSTINGS:
            for span, start in (("d", "p.date"), ("m", MONTH_OF[conn.vendor])):
                cursor.execute(statement.format(start=start), [span])
                written += cursor.rowcount
    return written
