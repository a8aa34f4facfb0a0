"""A bundle crosses databases: the demo world exported on SQLite, imported into PostgreSQL and
exported there gives the same bytes; that bundle imported into a new SQLite instance and exported
again gives them too.

The suite runs on one database at a time, so the other side is a Remix of its own: `remix`
commands in a child process on a new SQLite file (migrate, demo, export-bundle, import-bundle).
The PostgreSQL run holds both sides; the SQLite run has no PostgreSQL to cross to and skips.
"""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from django.db import connection

from remix.portability.export import bundle_export
from remix.portability.importing import bundle_import
from remix.portability.tests.bundles import instance_wipe

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQLite run has no PostgreSQL to cross to"
)


def _remix(data_dir, *arguments: str) -> None:
    """``remix ARGUMENTS`` on the SQLite instance of ``data_dir``."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"REMIX_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "remix.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "remix", *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _differing(one, two) -> list[str]:
    """The entries whose content differs, for a readable failure."""
    with zipfile.ZipFile(one) as first, zipfile.ZipFile(two) as second:
        names = sorted(set(first.namelist()) | set(second.namelist()))
        return [
            name
            for name in names
            if name not in first.namelist()
            or name not in second.namelist()
            or first.read(name) != second.read(name)
        ]


def test_sqlite_to_postgresql_and_back_gives_the_same_bytes(db, tmp_path, settings):
    sqlite_one, sqlite_two = tmp_path / "sqlite-one", tmp_path / "sqlite-two"
    _remix(sqlite_one, "migrate", "--verbosity", "0")
    sqlite_two.mkdir()
    shutil.copy(sqlite_one / "remix.sqlite3", sqlite_two / "remix.sqlite3")
    _remix(sqlite_one, "demo", "--verbosity", "0")
    _remix(sqlite_one, "export-bundle", str(tmp_path / "sqlite.zip"), "--no-progress")

    instance_wipe()
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    counts = bundle_import(tmp_path / "sqlite.zip")
    bundle_export(tmp_path / "postgresql.zip")

    assert counts["ledger.posting"] > 0 and counts["stewardship.term"] > 0
    assert _differing(tmp_path / "sqlite.zip", tmp_path / "postgresql.zip") == []
    assert (tmp_path / "sqlite.zip").read_bytes() == (tmp_path / "postgresql.zip").read_bytes()

    _remix(sqlite_two, "import-bundle", str(tmp_path / "postgresql.zip"), "--no-progress")
    _remix(sqlite_two, "export-bundle", str(tmp_path / "again.zip"), "--no-progress")
    assert _differing(tmp_path / "postgresql.zip", tmp_path / "again.zip") == []
    assert (tmp_path / "postgresql.zip").read_bytes() == (tmp_path / "again.zip").read_bytes()
