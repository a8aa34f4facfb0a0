"""The kept balances written again from the postings: after a restore, or when `remix check`
finds them apart. The database keeps them up to date by itself otherwise (``ledger/kept.py``)."""

from django.db import connection
from django.db import transaction as db

# The first day of a posting's month, per database.
MONTH_OF = {
    "sqlite": "date(date, 'start of month')",
    "postgresql": "CAST(date_trunc('month', date) AS date)",
}

INSERT = """
INSERT INTO ledger_keptbalance (span, start, account_id, fund_id, commodity, amount_minor)
SELECT %s, {start}, account_id, fund_id, commodity, SUM(amount_minor)
FROM ledger_posting WHERE posted
GROUP BY {start}, account_id, fund_id, commodity
"""


def kept_balances_rebuild(using=None) -> int:
    """Every kept balance summed again from the posted postings, in one database transaction
    (the books are locked against writes meanwhile); the number of rows written."""
    conn = connection if using is None else using
    with db.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("LOCK TABLE ledger_posting IN SHARE MODE")
        cursor.execute("DELETE FROM ledger_keptbalance")
        written = 0
        for span, start in (("d", "date"), ("m", MONTH_OF[conn.vendor])):
            cursor.execute(INSERT.format(start=start), [span])
            written += cursor.rowcount
    return written
