"""A second, empty database beside the test database, on the same vendor: the "new machine"."""

import uuid

import pytest
from django.db import connections
from django.utils import translation

from remix.portability.tests.backups import connection_open


@pytest.fixture
def in_english():
    """The backup's refusals read in English (its modules use it; one test reads French)."""
    with translation.override("en"):
        yield


@pytest.fixture
def fresh_database(transactional_db, tmp_path):
    """Make empty databases (a file for SQLite, a database on the same cluster for PostgreSQL)
    and give each a connection alias; all are dropped at the end."""
    made = []
    default = connections["default"]

    def make(alias: str) -> str:
        settings = {**default.settings_dict}
        if default.vendor == "sqlite":
            settings["NAME"] = str(tmp_path / f"{alias}.sqlite3")
        else:
            settings["NAME"] = f"remix_{alias}_{uuid.uuid4().hex[:8]}"
            with default.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
        connection_open(alias, settings)
        made.append((alias, settings["NAME"]))
        return alias

    yield make
    for alias, name in made:
        connections[alias].close()
        del connections[alias]
        if default.vendor == "postgresql":
            with default.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
