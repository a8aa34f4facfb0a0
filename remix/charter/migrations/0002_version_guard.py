"""A charter version never changes: the database refuses an edit of its words too (its author may
still be forgotten, SET_NULL, when the account is deleted: the public name stays). PostgreSQL also
refuses a delete; on SQLite deletes are left to the model, as Django empties SQLite tables with
DELETE (flush), which a trigger would block."""

from django.db import migrations

from remix.core.vendor_sql import vendor_sql_run

POSTGRES = r"""
CREATE FUNCTION charter_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'charter: version % is kept for ever; publish a new one', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (NEW.language, NEW.number, NEW.body, NEW.summary, NEW.author_name, NEW.created_at)
     IS DISTINCT FROM
     (OLD.language, OLD.number, OLD.body, OLD.summary, OLD.author_name, OLD.created_at) THEN
    RAISE EXCEPTION 'charter: version % never changes; publish a new one', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER charter_version_guard BEFORE UPDATE OR DELETE ON charter_charterversion
  FOR EACH ROW EXECUTE FUNCTION charter_version_guard();
"""

POSTGRES_DROP = """
DROP TRIGGER charter_version_guard ON charter_charterversion;
DROP FUNCTION charter_version_guard();
"""

SQLITE = [
    """CREATE TRIGGER charter_version_immutable BEFORE UPDATE ON charter_charterversion
    WHEN NEW.language IS NOT OLD.language OR NEW.number IS NOT OLD.number
      OR NEW.body IS NOT OLD.body OR NEW.summary IS NOT OLD.summary
      OR NEW.author_name IS NOT OLD.author_name OR NEW.created_at IS NOT OLD.created_at
    BEGIN SELECT RAISE(ABORT, 'charter: a version never changes; publish a new one');
    END""",
]

SQLITE_DROP = ["DROP TRIGGER charter_version_immutable"]


def install(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES, SQLITE)


def uninstall(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("charter", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
