"""The books restored through their own guards: a posted transaction arrives as a draft, its
postings arrive as they were (the database lets a posting in only while its transaction is a
draft, and adds each posted one to the kept balances), then the transaction is posted, which the
database allows only if it balances per fund and commodity outside a closed period.

Issued invoices likewise: an issued invoice arrives as a draft, its lines arrive (the database
lets a line in only while its invoice is a draft), then it is issued again as it was."""

from django.db import connection

from remix.ledger.models import Posting, Transaction

BATCH = 1000
_POSTED = ("id", "status", "posted_at", "posted_by_id")


def before_insert(model, names: list[str]):
    """How a row of ``model`` (the values of ``names``) is shaped before it is inserted (None:
    as it is)."""
    from remix.invoicing.models import Invoice

    if model is Invoice:
        return _invoice_as_draft(names.index("status"))
    if model is not Transaction:
        return None
    status, at, by = (names.index(name) for name in ("status", "posted_at", "posted_by_id"))

    def as_draft(row: list) -> list:
        if row[status] == "posted":
            row[status], row[at], row[by] = "draft", None, None
        return row

    return as_draft


def after_load(model, rows) -> None:
    """Once the postings are in, post their transactions. ``rows(model, names)`` reads some
    fields of a model's rows from the bundle again, streamed: nothing is held in memory."""
    from remix.invoicing.models import Invoice, InvoiceLine

    if model is Posting:
        _transactions_post(rows(Transaction, _POSTED))
    if model is InvoiceLine:
        _invoices_issue(rows(Invoice, ("id", "status")))


def _transactions_post(rows) -> None:
    meta = Transaction._meta
    quote = connection.ops.quote_name
    posted_at = meta.get_field("posted_at")
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {quote('status')} = %s, {quote('posted_at')} = %s, "  # noqa: S608
        f"{quote('posted_by_id')} = %s WHERE {quote('id')} = %s"
    )
    batch = []
    with connection.cursor() as cursor:
        for pk, status, at, by in rows:
            if status != "posted":
                continue
            batch.append(("posted", posted_at.get_db_prep_save(at, connection), by, pk))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _invoice_as_draft(status: int):
    def as_draft(row: list) -> list:
        if row[status] == "issued":
            row[status] = "draft"
        return row

    return as_draft


def _invoices_issue(rows) -> None:
    from remix.invoicing.models import Invoice

    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Invoice._meta.db_table)} SET {quote('status')} = %s "  # noqa: S608
        f"WHERE {quote('id')} = %s"
    )
    issued = [("issued", pk) for pk, status in rows if status == "issued"]
    with connection.cursor() as cursor:
        for start in range(0, len(issued), BATCH):
            cursor.executemany(sql, issued[start : start + BATCH])
