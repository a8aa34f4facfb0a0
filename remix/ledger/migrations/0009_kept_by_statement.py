"""The kept balances on PostgreSQL added once per statement instead of once per posting.

Migration 0007 added each posting to its rows as it was posted, a trigger per row. On
PostgreSQL every update writes a new version of the row: a statement that posts thousands of
postings at once (a generated year of books, a restored bundle) updated the same year's and
month's rows thousands of times in one transaction, and each update had to step over the
versions the ones before it left — a cost that grows with the square of the statement's rows.
Here the trigger runs once per statement, reads the postings the statement posted (its
transition tables), adds them up per kept row and writes each row once. SQLite updates rows in
place: its row triggers (0007) stay.
"""

from django.db import migrations

from remix.ledger.services.kept import kept_balances_rebuild

# {added}: the postings this statement posted, a CTE over the statement's transition tables.
KEPT_ADD = """
  PERFORM pg_advisory_xact_lock(hashtext('remix.ledger.kept'));
  INSERT INTO ledger_keptbalance (span, start, account_id, fund_id, commodity, amount_minor)
  SELECT s.span, s.start, a.account_id, a.fund_id, a.commodity, SUM(a.amount_minor)
  FROM ({added}) a
    CROSS JOIN LATERAL (VALUES ('y', CAST(date_trunc('year', a.date) AS date)),
                               ('m', CAST(date_trunc('month', a.date) AS date)),
                               ('d', a.date)) AS s(span, start)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (span, start, account_id, fund_id, commodity)
  DO UPDATE SET amount_minor = ledger_keptbalance.amount_minor + excluded.amount_minor;

  INSERT INTO ledger_keptsource (fund_key, span, start, source, anonymous, commodity,
                                 amount_minor)
  SELECT f.fund_key, s.span, s.start, COALESCE(t.counterparty_id, 0), t.anonymous, a.commodity,
         SUM(a.amount_minor)
  FROM ({added}) a
    JOIN ledger_account acc ON acc.id = a.account_id AND acc.type = 'income'
    JOIN ledger_transaction t ON t.id = a.transaction_id
    CROSS JOIN LATERAL (VALUES ('y', CAST(date_trunc('year', a.date) AS date)),
                               ('m', CAST(date_trunc('month', a.date) AS date)),
                               ('d', a.date)) AS s(span, start)
    CROSS JOIN LATERAL (VALUES (a.fund_id), (0)) AS f(fund_key)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (fund_key, span, start, source, anonymous, commodity)
  DO UPDATE SET amount_minor = ledger_keptsource.amount_minor + excluded.amount_minor;

  INSERT INTO ledger_keptcashout (span, start, fund_id, commodity, amount_minor)
  SELECT s.span, s.start, a.fund_id, a.commodity, SUM(a.amount_minor)
  FROM ({added}) a
    JOIN ledger_account acc ON acc.id = a.account_id AND acc.is_cash
    JOIN ledger_transaction t ON t.id = a.transaction_id
      AND NOT t.is_transfer AND t.reverses_id IS NULL
    CROSS JOIN LATERAL (VALUES ('y', CAST(date_trunc('year', a.date) AS date)),
                               ('m', CAST(date_trunc('month', a.date) AS date)),
                               ('d', a.date)) AS s(span, start)
  WHERE a.amount_minor < 0
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (span, start, fund_id, commodity)
  DO UPDATE SET amount_minor = ledger_keptcashout.amount_minor + excluded.amount_minor;
  RETURN NULL;
"""

INSERTED = "SELECT * FROM new_rows WHERE posted"
POSTED = """SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.posted AND NOT o.posted"""

POSTGRES = f"""
DROP TRIGGER ledger_kept_add ON ledger_posting;
DROP FUNCTION ledger_kept_add();

CREATE FUNCTION ledger_kept_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE posted) THEN
    RETURN NULL;
  END IF;
{KEPT_ADD.format(added=INSERTED)}
END $$;

CREATE FUNCTION ledger_kept_posted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE n.posted AND NOT o.posted) THEN
    RETURN NULL;
  END IF;
{KEPT_ADD.format(added=POSTED)}
END $$;

CREATE TRIGGER ledger_kept_inserted AFTER INSERT ON ledger_posting
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_kept_inserted();
CREATE TRIGGER ledger_kept_posted AFTER UPDATE ON ledger_posting
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_kept_posted();
"""  # noqa: S608 (the constants of this file)

# Back to 0007's row triggers: the functions of 0007, as that migration wrote them.
POSTGRES_BACK = """
DROP TRIGGER ledger_kept_posted ON ledger_posting;
DROP TRIGGER ledger_kept_inserted ON ledger_posting;
DROP FUNCTION ledger_kept_posted();
DROP FUNCTION ledger_kept_inserted();
"""


def _row_triggers_sql() -> str:
    """0007's row trigger on the postings, without its reversal trigger (which stays)."""
    from importlib import import_module

    row = import_module("remix.ledger.migrations.0007_kept_balances").POSTGRES
    return row[: row.index("CREATE FUNCTION ledger_kept_reversal()")]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRES)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRES_BACK)
            cursor.execute(_row_triggers_sql())
        kept_balances_rebuild(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0008_kept_source_cover")]

    operations = [migrations.RunPython(forward, backward)]
