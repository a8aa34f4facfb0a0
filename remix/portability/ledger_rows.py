"""The books restored through their own guards: a posted transaction arrives as a draft with its
postings unposted, then its postings are posted and the transaction after them, as
`transaction_post` does, so the database checks every balance again."""

from django.db import connection

from remix.ledger.models import Posting, Transaction

BATCH = 1000


def before_insert(model):
    """How a row of ``model`` is shaped before it is inserted (None: as it is)."""
    if model is Transaction:
        return _as_draft
    if model is Posting:
        return _unposted
    return None


def _as_draft(row: dict) -> dict:
    if row["status"] == "posted":
        return row | {"status": "draft", "posted_at": None, "posted_by_id": None}
    return row


def _unposted(row: dict) -> dict:
    return row | {"posted": False}


def after_load(model, rows) -> None:
    """Once the postings are in: post them, then their transactions. ``rows(model)`` reads a
    model's rows from the bundle again (streamed: nothing is held in memory)."""
    if model is not Posting:
        return
    ids = []
    for row in rows(Posting):
        if row["posted"]:
            ids.append(row["id"])
        if len(ids) >= BATCH:
            Posting.objects.filter(pk__in=ids).update(posted=True)
            ids = []
    Posting.objects.filter(pk__in=ids).update(posted=True)
    _transactions_post(rows(Transaction))


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
        for row in rows:
            if row["status"] != "posted":
                continue
            at = posted_at.get_db_prep_save(row["posted_at"], connection)
            batch.append(("posted", at, row["posted_by_id"], row["id"]))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
