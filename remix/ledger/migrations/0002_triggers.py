"""The books' rules in the database too: a posted transaction and its postings never change, and
a transaction is posted only when it balances per fund and commodity, outside a closed period.

PostgreSQL and SQLite both get triggers. On SQLite, deletes are guarded by the model and the
queryset only: Django empties SQLite tables with DELETE (flush), which a trigger would block.
"""

from django.db import migrations

from remix.core.vendor_sql import vendor_sql_run

POSTGRES = r"""
CREATE FUNCTION ledger_transaction_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'posted' THEN
    RAISE EXCEPTION 'ledger: posted transaction % is immutable; reverse it instead', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.status = 'posted' THEN
    IF EXISTS (SELECT 1 FROM ledger_posting WHERE transaction_id = NEW.id
               GROUP BY fund_id, commodity HAVING SUM(amount_minor) <> 0) THEN
      RAISE EXCEPTION 'ledger: transaction % does not balance per fund and commodity', NEW.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ledger_posting WHERE transaction_id = NEW.id) THEN
      RAISE EXCEPTION 'ledger: transaction % has no postings', NEW.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM ledger_closedperiod WHERE NEW.date BETWEEN start AND "end") THEN
      RAISE EXCEPTION 'ledger: % is in a closed period', NEW.date
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER ledger_transaction_guard BEFORE UPDATE OR DELETE ON ledger_transaction
  FOR EACH ROW EXECUTE FUNCTION ledger_transaction_guard();

CREATE FUNCTION ledger_posting_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.posted THEN
    RAISE EXCEPTION 'ledger: posting % of a posted transaction is immutable', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF (SELECT status FROM ledger_transaction WHERE id = NEW.transaction_id) = 'posted' THEN
    RAISE EXCEPTION 'ledger: transaction % is posted; its postings are immutable',
      NEW.transaction_id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER ledger_posting_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_posting
  FOR EACH ROW EXECUTE FUNCTION ledger_posting_guard();
"""

POSTGRES_DROP = """
DROP TRIGGER ledger_posting_guard ON ledger_posting;
DROP FUNCTION ledger_posting_guard();
DROP TRIGGER ledger_transaction_guard ON ledger_transaction;
DROP FUNCTION ledger_transaction_guard();
"""

SQLITE = [
    """CREATE TRIGGER ledger_transaction_immutable BEFORE UPDATE ON ledger_transaction
    WHEN OLD.status = 'posted'
    BEGIN SELECT RAISE(ABORT, 'ledger: a posted transaction is immutable; reverse it instead');
    END""",
    """CREATE TRIGGER ledger_transaction_post BEFORE UPDATE ON ledger_transaction
    WHEN OLD.status = 'draft' AND NEW.status = 'posted'
    BEGIN
      SELECT RAISE(ABORT, 'ledger: the transaction does not balance per fund and commodity')
      WHERE EXISTS (SELECT 1 FROM ledger_posting WHERE transaction_id = NEW.id
                    GROUP BY fund_id, commodity HAVING SUM(amount_minor) <> 0);
      SELECT RAISE(ABORT, 'ledger: the transaction has no postings')
      WHERE NOT EXISTS (SELECT 1 FROM ledger_posting WHERE transaction_id = NEW.id);
      SELECT RAISE(ABORT, 'ledger: the date is in a closed period')
      WHERE EXISTS (SELECT 1 FROM ledger_closedperiod WHERE NEW.date BETWEEN start AND "end");
    END""",
    """CREATE TRIGGER ledger_posting_immutable BEFORE UPDATE ON ledger_posting
    WHEN OLD.posted
    BEGIN SELECT RAISE(ABORT, 'ledger: a posting of a posted transaction is immutable'); END""",
    """CREATE TRIGGER ledger_posting_insert BEFORE INSERT ON ledger_posting
    WHEN (SELECT status FROM ledger_transaction WHERE id = NEW.transaction_id) = 'posted'
    BEGIN SELECT RAISE(ABORT, 'ledger: the transaction is posted; its postings are immutable');
    END""",
    """CREATE TRIGGER ledger_posting_update_posted BEFORE UPDATE ON ledger_posting
    WHEN (SELECT status FROM ledger_transaction WHERE id = NEW.transaction_id) = 'posted'
    BEGIN SELECT RAISE(ABORT, 'ledger: the transaction is posted; its postings are immutable');
    END""",
]

SQLITE_DROP = [
    "DROP TRIGGER ledger_transaction_immutable",
    "DROP TRIGGER ledger_transaction_post",
    "DROP TRIGGER ledger_posting_immutable",
    "DROP TRIGGER ledger_posting_insert",
    "DROP TRIGGER ledger_posting_update_posted",
]


def install(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES, SQLITE)


def uninstall(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
