"""remix backup and remix restore on the vendor the suite runs on, against a second database."""

import shutil
import tarfile
import threading

import pytest
from django.db import connections, transaction

from remix.portability.backup import backup_write
from remix.portability.databases import DUMP_NAMES, DatabaseError, database_restore, vendor_of
from remix.portability.tests.backups import (
    connection_open,
    counts,
    new_machine,
    site_with_data,
    trial_balance,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("in_english")]


def test_restore_into_a_fresh_database_gives_the_same_rows_books_and_files(
    settings, tmp_path, fresh_database
):
    from remix.portability.restore import backup_restore

    site_with_data(settings)
    archive = tmp_path / "site.tar.gz"
    manifest = backup_write(target=archive)
    assert manifest["database_vendor"] == vendor_of(connections["default"].settings_dict)
    assert manifest["migrations"]["ledger"].startswith("0")
    assert {entry["path"] for entry in manifest["files"]} == {
        DUMP_NAMES[manifest["database_vendor"]],
        "media/catalogue/plan.pdf",
        "private/receipt.pdf",
    }
    new_machine(settings, tmp_path)
    done = backup_restore(source=archive, alias=fresh_database("restored"))

    assert done.migrated is False
    assert counts("restored") == counts("default")
    assert trial_balance("restored") == trial_balance("default")
    assert trial_balance("default") == [
        ("Assets:Bank:Current", "EUR", 6234),
        ("Income:Contributions:Donations", "EUR", -6234),
    ]
    assert (settings.MEDIA_ROOT / "catalogue" / "plan.pdf").read_bytes() == b"%PDF-1.7\n" + bytes(
        range(256)
    )
    assert (settings.PRIVATE_MEDIA_ROOT / "receipt.pdf").read_bytes() == b"private bytes"


def _write_pairs(alias: str, main, stop: threading.Event, written: list[int]) -> None:
    """Insert pairs (+n, -n), each pair in one transaction, until told to stop."""
    connection_open(alias, main.settings_dict)
    try:
        n = 0
        while not stop.is_set():
            n += 1
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("INSERT INTO pairs (amount) VALUES (%s)", [n])
                cursor.execute("INSERT INTO pairs (amount) VALUES (%s)", [-n])
            written.append(n)
    finally:
        connections[alias].close()


def test_a_backup_taken_while_another_connection_writes_is_consistent(
    settings, tmp_path, fresh_database
):
    live, copy = fresh_database("live"), fresh_database("copy")
    key = "SERIAL" if connections[live].vendor == "postgresql" else "INTEGER"
    with connections[live].cursor() as cursor:
        cursor.execute(f"CREATE TABLE pairs (id {key} PRIMARY KEY, amount INTEGER NOT NULL)")
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_write_pairs, args=(live, connections[live], stop, written))
    writer.start()
    try:
        while len(written) < 50:
            stop.wait(0.01)
        manifest = backup_write(target=tmp_path / "live.tar.gz", alias=live)
        at_backup = len(written)
        while len(written) < at_backup + 20:
            stop.wait(0.01)
    finally:
        stop.set()
        writer.join()

    with tarfile.open(tmp_path / "live.tar.gz") as archive:
        name = DUMP_NAMES[manifest["database_vendor"]]
        with archive.extractfile(name) as source, open(tmp_path / "dump", "wb") as sink:
            shutil.copyfileobj(source, sink)
    database_restore(connection=connections[copy], dump=tmp_path / "dump")
    with connections[copy].cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM pairs")
        rows, total = cursor.fetchone()
    assert 100 <= rows < 2 * len(written)  # the writer went on after the backup
    assert rows % 2 == 0 and total == 0  # never half a transaction


def test_pg_dump_is_looked_for_where_the_setting_says(settings, tmp_path):
    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite is copied by Python's own sqlite3 module")
    settings.REMIX_PG_BIN = str(tmp_path / "bin")
    with pytest.raises(DatabaseError, match=f"{tmp_path}/bin/pg_dump"):
        backup_write(target=tmp_path / "site.tar.gz")
    assert list(tmp_path.iterdir()) == []
