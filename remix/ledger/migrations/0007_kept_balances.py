"""The kept balances (remix/ledger/kept.py), written by the database as postings are posted.

A posting counts once it is posted: inserted posted, or turned from draft to posted. Posted
postings never change nor leave (migration 0002), so the triggers only add, to the rows of its
year, its month and its day: to the balance of its account, to its source's income when the
account is an income account (for its fund and for every fund together), and to the cash paid
out when it leaves a cash account (neither a transfer between funds nor a reversal). Posting a
reversal takes what it reverses back out of the cash paid out. On PostgreSQL the functions take
one lock for the books first, so that two transactions posting to the same accounts in a
different order wait for each other instead of deadlocking (every write to the books already
waits for the one before it on the books' version).
"""

import django.db.models.deletion
from django.db import migrations, models

from remix.core.vendor_sql import vendor_sql_run
from remix.ledger.services.kept import kept_balances_rebuild

UPSERT = "ON CONFLICT ({key}) DO UPDATE SET amount_minor = {table}.amount_minor + excluded.amount_minor"
BALANCE = UPSERT.format(key="span, start, account_id, fund_id, commodity", table="ledger_keptbalance")
SOURCE = UPSERT.format(
    key="fund_key, span, start, source, anonymous, commodity", table="ledger_keptsource"
)
CASH_OUT = UPSERT.format(key="span, start, fund_id, commodity", table="ledger_keptcashout")

POSTGRES = f"""
CREATE FUNCTION ledger_kept_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acc RECORD;
  tx RECORD;
  year_start date;
  month_start date;
BEGIN
  IF NOT NEW.posted OR (TG_OP = 'UPDATE' AND OLD.posted) THEN
    RETURN NULL;
  END IF;
  year_start := CAST(date_trunc('year', NEW.date) AS date);
  month_start := CAST(date_trunc('month', NEW.date) AS date);
  PERFORM pg_advisory_xact_lock(hashtext('remix.ledger.kept'));
  INSERT INTO ledger_keptbalance (span, start, account_id, fund_id, commodity, amount_minor)
  VALUES ('y', year_start, NEW.account_id, NEW.fund_id, NEW.commodity, NEW.amount_minor),
         ('m', month_start, NEW.account_id, NEW.fund_id, NEW.commodity, NEW.amount_minor),
         ('d', NEW.date, NEW.account_id, NEW.fund_id, NEW.commodity, NEW.amount_minor)
  {BALANCE};
  SELECT type, is_cash INTO acc FROM ledger_account WHERE id = NEW.account_id;
  SELECT counterparty_id, anonymous, is_transfer, reverses_id INTO tx
    FROM ledger_transaction WHERE id = NEW.transaction_id;
  IF acc.type = 'income' THEN
    INSERT INTO ledger_keptsource (fund_key, span, start, source, anonymous, commodity,
                                   amount_minor)
    SELECT f.fund_key, s.span, s.start, COALESCE(tx.counterparty_id, 0), tx.anonymous,
           NEW.commodity, NEW.amount_minor
    FROM (VALUES ('y', year_start), ('m', month_start), ('d', NEW.date)) AS s(span, start)
      CROSS JOIN (VALUES (NEW.fund_id), (0)) AS f(fund_key)
    {SOURCE};
  END IF;
  IF acc.is_cash AND NEW.amount_minor < 0 AND NOT tx.is_transfer AND tx.reverses_id IS NULL THEN
    INSERT INTO ledger_keptcashout (span, start, fund_id, commodity, amount_minor)
    VALUES ('y', year_start, NEW.fund_id, NEW.commodity, NEW.amount_minor),
           ('m', month_start, NEW.fund_id, NEW.commodity, NEW.amount_minor),
           ('d', NEW.date, NEW.fund_id, NEW.commodity, NEW.amount_minor)
    {CASH_OUT};
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ledger_kept_add AFTER INSERT OR UPDATE OF posted ON ledger_posting
  FOR EACH ROW EXECUTE FUNCTION ledger_kept_add();

CREATE FUNCTION ledger_kept_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'posted' OR NEW.reverses_id IS NULL
     OR (TG_OP = 'UPDATE' AND OLD.status = 'posted') THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('remix.ledger.kept'));
  INSERT INTO ledger_keptcashout (span, start, fund_id, commodity, amount_minor)
  SELECT s.span,
         CASE s.span WHEN 'y' THEN CAST(date_trunc('year', p.date) AS date)
                     WHEN 'm' THEN CAST(date_trunc('month', p.date) AS date) ELSE p.date END,
         p.fund_id, p.commodity, -SUM(p.amount_minor)
  FROM ledger_posting p
    JOIN ledger_account a ON a.id = p.account_id
    JOIN ledger_transaction o ON o.id = p.transaction_id
    CROSS JOIN (VALUES ('y'), ('m'), ('d')) AS s(span)
  WHERE p.transaction_id = NEW.reverses_id AND p.posted AND p.amount_minor < 0 AND a.is_cash
    AND NOT o.is_transfer AND o.reverses_id IS NULL
  GROUP BY 1, 2, 3, 4
  {CASH_OUT};
  RETURN NULL;
END $$;

CREATE TRIGGER ledger_kept_reversal AFTER INSERT OR UPDATE OF status ON ledger_transaction
  FOR EACH ROW EXECUTE FUNCTION ledger_kept_reversal();
"""

POSTGRES_DROP = """
DROP TRIGGER ledger_kept_reversal ON ledger_transaction;
DROP FUNCTION ledger_kept_reversal();
DROP TRIGGER ledger_kept_add ON ledger_posting;
DROP FUNCTION ledger_kept_add();
"""

# SQLite: one statement per kept table, the year, month and day rows as rows of a SELECT.
SPANS = """(SELECT 'y' AS span, date(NEW.date, 'start of year') AS start
            UNION ALL SELECT 'm', date(NEW.date, 'start of month') UNION ALL SELECT 'd', NEW.date)"""
FUNDS = "(SELECT NEW.fund_id AS fund_key UNION ALL SELECT 0)"
SQLITE_ADD = f"""
  INSERT INTO ledger_keptbalance (span, start, account_id, fund_id, commodity, amount_minor)
  SELECT s.span, s.start, NEW.account_id, NEW.fund_id, NEW.commodity, NEW.amount_minor
  FROM {SPANS} s WHERE true
  {BALANCE};
  INSERT INTO ledger_keptsource (fund_key, span, start, source, anonymous, commodity,
                                 amount_minor)
  SELECT f.fund_key, s.span, s.start, COALESCE(t.counterparty_id, 0), t.anonymous, NEW.commodity,
         NEW.amount_minor
  FROM {SPANS} s, {FUNDS} f, ledger_transaction t, ledger_account a
  WHERE t.id = NEW.transaction_id AND a.id = NEW.account_id AND a.type = 'income'
  {SOURCE};
  INSERT INTO ledger_keptcashout (span, start, fund_id, commodity, amount_minor)
  SELECT s.span, s.start, NEW.fund_id, NEW.commodity, NEW.amount_minor
  FROM {SPANS} s, ledger_transaction t, ledger_account a
  WHERE NEW.amount_minor < 0 AND t.id = NEW.transaction_id AND a.id = NEW.account_id
    AND a.is_cash AND NOT t.is_transfer AND t.reverses_id IS NULL
  {CASH_OUT};
"""

SQLITE_REVERSAL = f"""
  INSERT INTO ledger_keptcashout (span, start, fund_id, commodity, amount_minor)
  SELECT s.span,
         CASE s.span WHEN 'y' THEN date(p.date, 'start of year')
                     WHEN 'm' THEN date(p.date, 'start of month') ELSE p.date END,
         p.fund_id, p.commodity, -SUM(p.amount_minor)
  FROM ledger_posting p
    JOIN ledger_account a ON a.id = p.account_id
    JOIN ledger_transaction o ON o.id = p.transaction_id
    CROSS JOIN (SELECT 'y' AS span UNION ALL SELECT 'm' UNION ALL SELECT 'd') s
  WHERE p.transaction_id = NEW.reverses_id AND p.posted AND p.amount_minor < 0 AND a.is_cash
    AND NOT o.is_transfer AND o.reverses_id IS NULL
  GROUP BY 1, 2, 3, 4
  {CASH_OUT};
"""

SQLITE = [
    f"""CREATE TRIGGER ledger_kept_insert AFTER INSERT ON ledger_posting WHEN NEW.posted
    BEGIN {SQLITE_ADD} END""",
    f"""CREATE TRIGGER ledger_kept_post AFTER UPDATE OF posted ON ledger_posting
    WHEN NEW.posted AND NOT OLD.posted
    BEGIN {SQLITE_ADD} END""",
    f"""CREATE TRIGGER ledger_kept_reversal_insert AFTER INSERT ON ledger_transaction
    WHEN NEW.status = 'posted' AND NEW.reverses_id IS NOT NULL
    BEGIN {SQLITE_REVERSAL} END""",
    f"""CREATE TRIGGER ledger_kept_reversal_post AFTER UPDATE OF status ON ledger_transaction
    WHEN NEW.status = 'posted' AND OLD.status <> 'posted' AND NEW.reverses_id IS NOT NULL
    BEGIN {SQLITE_REVERSAL} END""",
]

SQLITE_DROP = [
    "DROP TRIGGER ledger_kept_insert",
    "DROP TRIGGER ledger_kept_post",
    "DROP TRIGGER ledger_kept_reversal_insert",
    "DROP TRIGGER ledger_kept_reversal_post",
]


def install(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES, SQLITE)
    kept_balances_rebuild(schema_editor.connection)


def uninstall(apps, schema_editor):
    vendor_sql_run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0006_protected_files'),
    ]

    operations = [
        migrations.CreateModel(
            name='KeptSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('span', models.CharField(choices=[('y', 'year'), ('m', 'month'), ('d', 'day')], max_length=1)),
                ('start', models.DateField()),
                ('fund_key', models.BigIntegerField()),
                ('source', models.BigIntegerField()),
                ('anonymous', models.BooleanField()),
                ('commodity', models.CharField(max_length=4)),
                ('amount_minor', models.BigIntegerField()),
            ],
            options={
                'verbose_name': 'kept income by source',
                'verbose_name_plural': 'kept income by source',
                'constraints': [models.UniqueConstraint(fields=('fund_key', 'span', 'start', 'source', 'anonymous', 'commodity'), name='kept_source_key')],
            },
        ),
        migrations.CreateModel(
            name='KeptBalance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('span', models.CharField(choices=[('y', 'year'), ('m', 'month'), ('d', 'day')], max_length=1)),
                ('start', models.DateField()),
                ('commodity', models.CharField(max_length=4)),
                ('amount_minor', models.BigIntegerField()),
                ('account', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='kept_balances', to='ledger.account')),
                ('fund', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.fund')),
            ],
            options={
                'verbose_name': 'kept balance',
                'verbose_name_plural': 'kept balances',
                'indexes': [models.Index(fields=['account', 'span', 'start'], name='kept_balance_account_idx'), models.Index(fields=['fund', 'span', 'start'], name='kept_balance_fund_idx')],
                'constraints': [models.UniqueConstraint(fields=('span', 'start', 'account', 'fund', 'commodity'), name='kept_balance_key')],
            },
        ),
        migrations.CreateModel(
            name='KeptCashOut',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('span', models.CharField(choices=[('y', 'year'), ('m', 'month'), ('d', 'day')], max_length=1)),
                ('start', models.DateField()),
                ('commodity', models.CharField(max_length=4)),
                ('amount_minor', models.BigIntegerField()),
                ('fund', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.fund')),
            ],
            options={
                'verbose_name': 'kept cash paid out',
                'verbose_name_plural': 'kept cash paid out',
                'indexes': [models.Index(fields=['fund', 'span', 'start'], name='kept_cash_out_fund_idx')],
                'constraints': [models.UniqueConstraint(fields=('span', 'start', 'fund', 'commodity'), name='kept_cash_out_key')],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
