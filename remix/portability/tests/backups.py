"""Builders for the backup tests: a site with books, users and files; the "new machine" it is
restored on; what each database holds."""

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.utils import load_backend

from remix.ledger.chart import chart_install
from remix.ledger.tests.builders import books_load


def connection_open(alias: str, settings: dict) -> None:
    """Give this thread a connection named ``alias``, outside ``DATABASES``: Django's test case
    allows such connections and leaves their databases alone."""
    connections[alias] = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias)


def counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    tables = sorted(connections["default"].introspection.table_names())
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found[table] = cursor.fetchone()[0]
    return found


def trial_balance(alias: str) -> list[tuple]:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT a.code, p.commodity, SUM(p.amount_minor) FROM ledger_posting p"
            " JOIN ledger_account a ON a.id = p.account_id WHERE p.posted"
            " GROUP BY a.code, p.commodity ORDER BY a.code, p.commodity"
        )
        return [tuple(row) for row in cursor.fetchall()]


def site_with_data(settings) -> None:
    chart_install()
    get_user_model().objects.create_user(username="awa", email="awa@example.org", password="x")
    books_load(
        """
        2026-10-03 * "Don de Awa" awa-diop
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR

        2026-10-05 * "Don de Julien" julien-moreau
          Assets:Bank:Current               12.34 EUR
          Income:Contributions:Donations   -12.34 EUR
        """
    )
    (settings.MEDIA_ROOT / "catalogue").mkdir()
    (settings.MEDIA_ROOT / "catalogue" / "plan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (settings.PRIVATE_MEDIA_ROOT / "receipt.pdf").write_bytes(b"private bytes")


def new_machine(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new" / "private"
