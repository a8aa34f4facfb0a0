"""The database's part of a backup: a consistent copy taken while the site runs, put back whole.

SQLite is copied through its online backup API (one step, under a read lock that writers in WAL
mode do not wait for) and put back by an atomic rename. PostgreSQL is dumped by ``pg_dump`` in its
custom format (one snapshot) and restored by ``pg_restore`` in a single transaction. The binaries
are found in the folder the setting ``REMIX_PG_BIN`` names, else on ``PATH``, else in Debian's
``/usr/lib/postgresql/<version>/bin`` (the newest).
"""

import glob
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_NAMES = {SQLITE: "database/remix.sqlite3", POSTGRESQL: "database/remix.pgdump"}


class DatabaseError(Exception):
    """A dump or a restore the database tools refused, with their message."""


def vendor_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return SQLITE
    if "postgresql" in engine:
        return POSTGRESQL
    raise DatabaseError(f"unsupported database engine: {engine}")


def pg_binary(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``: REMIX_PG_BIN, PATH, then Debian's newest."""
    folder = settings.REMIX_PG_BIN
    if folder:
        return str(Path(folder) / name)
    found = shutil.which(name)
    if found and "postgresql-common" not in os.path.realpath(found):
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[4]) if Path(path).parts[4].isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    if found:
        return found
    raise DatabaseError(f"{name} not found: install PostgreSQL's client or set REMIX_PG_BIN")


def _pg_arguments(database: dict) -> tuple[list[str], dict]:
    arguments = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return arguments, env


def _run(command: list[str], env: dict) -> None:
    # The command is ours: a PostgreSQL binary and the configured database's settings.
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as error:
        raise DatabaseError(f"{command[0]}: {error.strerror}") from None
    if done.returncode:
        raise DatabaseError(f"{Path(command[0]).name}: {done.stderr.strip()}")


def sqlite_copy(*, source: sqlite3.Connection, target: Path) -> None:
    """Copy a live SQLite database into ``target`` in one consistent step."""
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
    finally:
        destination.close()


def database_dump(*, connection, target: Path) -> None:
    """Write the database of a Django ``connection`` into ``target`` as its vendor does."""
    vendor = vendor_of(connection.settings_dict)
    if vendor == SQLITE:
        connection.ensure_connection()
        sqlite_copy(source=connection.connection, target=target)
        return
    arguments, env = _pg_arguments(connection.settings_dict)
    command = [pg_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    _run([*command, "--file", str(target), *arguments], env)


def _regexp(pattern: str, value) -> bool:
    return value is not None and re.search(pattern, str(value)) is not None


def sqlite_put_back(*, dump: Path, target: Path) -> None:
    """Put the copied file in place of the database by an atomic rename, its old journal gone."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(dump, staged)
    with sqlite3.connect(staged) as check:
        # The integrity check runs the CHECK constraints, some of which Django writes with REGEXP.
        check.create_function("REGEXP", 2, _regexp, deterministic=True)
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        staged.unlink()
        raise DatabaseError(f"the copied database fails SQLite's integrity check: {result}")
    # A journal left beside the old file would be replayed onto the new one.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(staged, target)


def database_restore(*, connection, dump: Path) -> None:
    """Load ``dump`` into the database of a Django ``connection``, replacing what it holds."""
    database = connection.settings_dict
    connection.close()
    if vendor_of(database) == SQLITE:
        sqlite_put_back(dump=dump, target=Path(database["NAME"]))
        return
    arguments, env = _pg_arguments(database)
    command = [pg_binary("pg_restore"), "--clean", "--if-exists", "--single-transaction"]
    command += ["--exit-on-error", "--no-owner", "--no-privileges"]
    _run([*command, *arguments, str(dump)], env)
