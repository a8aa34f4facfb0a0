"""An issued invoice or credit note never changes, nor do its lines: the database refuses it too.

PostgreSQL and SQLite both get triggers. On SQLite, deletes are guarded by the model and the
queryset only: Django empties SQLite tables with DELETE (flush), which a trigger would block."""

from django.db import migrations

from remix.core.vendor_sql import vendor_sql_run

POSTGRES = r"""
CREATE FUNCTION invoicing_invoice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'issued' THEN
    RAISE EXCEPTION 'invoicing: issued invoice % is immutable; issue a credit note', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER invoicing_invoice_guard BEFORE UPDATE OR DELETE ON invoicing_invoice
  FOR EACH ROW EXECUTE FUNCTION invoicing_invoice_guard();

CREATE FUNCTION invoicing_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND
     (SELECT status FROM invoicing_invoice WHERE id = OLD.invoice_id) = 'issued' THEN
    RAISE EXCEPTION 'invoicing: a line of issued invoice % is immutable', OLD.invoice_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF (SELECT status FROM invoicing_invoice WHERE id = NEW.invoice_id) = 'issued' THEN
    RAISE EXCEPTION 'invoicing: invoice % is issued; its lines are immutable', NEW.invoice_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER invoicing_line_guard BEFORE INSERT OR UPDATE OR DELETE ON invoicing_invoiceline
  FOR EACH ROW EXECUTE FUNCTION invoicing_line_guard();
"""

POSTGRES_DROP = """
DROP TRIGGER invoicing_line_guard ON invoicing_invoiceline;
DROP FUNCTION invoicing_line_guard();
DROP TRIGGER invoicing_invoice_guard ON invoicing_invoice;
DROP FUNCTION invoicing_invoice_guard();
"""

SQLITE = [
    """CREATE TRIGGER invoicing_invoice_immutable BEFORE UPDATE ON invoicing_invoice
    WHEN OLD.status = 'issued'
    BEGIN SELECT RAISE(ABORT, 'invoicing: an issued invoice is immutable; issue a credit note');
    END""",
    """CREATE TRIGGER invoicing_line_insert BEFORE INSERT ON invoicing_invoiceline
    WHEN (SELECT status FROM invoicing_invoice WHERE id = NEW.invoice_id) = 'issued'
    BEGIN SELECT RAISE(ABORT, 'invoicing: the invoice is issued; its lines are immutable');
    END""",
    """CREATE TRIGGER invoicing_line_update BEFORE UPDATE ON invoicing_invoiceline
    WHEN (SELECT status FROM invoicing_invoice WHERE id = OLD.invoice_id) = 'issued'
      OR (SELECT status FROM invoicing_invoice WHERE id = NEW.invoice_id) = 'issued'
    BEGIN SELECT RAISE(ABORT, 'invoicing: the invoice is issued; its lines are immutable');
    END""",
]

SQLITE_DROP = [
    "DROP TRIGGER invoicing_invoice_immutable",
    "DROP TRIGGER invoicing_line_insert",
    "DROP TRIGGER invoicing_line_update",
]


def install(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES, SQLITE)


def uninstall(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
