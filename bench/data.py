"""The data a benchmark runs on, made once per database and scale and copied for each benchmark.

Loading the demo and generating the large scale takes minutes, so when ``REMIX_BENCH_CACHE`` names
a directory (``make bench`` and ``bench/run.py all`` use ``bench/.data``), the first benchmark
that needs a database vendor and a scale keeps a snapshot of what it loaded, and every later one
starts from a copy:

- SQLite: the data directory (database file, media, private files) is copied to and from
  ``<cache>/sqlite-<scale>-<key>/``; it lasts between runs;
- PostgreSQL: the snapshot is a database of the cluster in ``DATABASE_URL``
  (``remix_snapshot_<scale>_<key>``), each benchmark runs on its own ``CREATE DATABASE …
  TEMPLATE`` copy, dropped when it ends (the role needs CREATEDB); the data directory's files are
  kept beside it in ``<cache>/postgresql-<scale>-<key>/``. A throwaway cluster
  (``scripts/with_postgres.py``) takes its snapshots with it.

The key is a digest of every file of Remix's code but its tests, templates and static files —
migrations, the demo and scale generators and the services they call — of the seed and of the
day (the demo's dates follow today's), so that any change to the code makes new data; an older
snapshot of the same database and scale is removed when a new one is made. Without
``REMIX_BENCH_CACHE`` every benchmark loads its own data, in a fresh SQLite file or in the
database of ``DATABASE_URL``.
"""

import atexit
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEED = 1
NOT_DATA = {"tests", "templates", "static", "__pycache__"}
# What the benchmark's data directory holds that is not data: made again in each run.
NOT_COPIED = ("static",)


def code_key() -> str:
    """A digest of the code and the day that decide what the data is (the demo's dates follow
    today's)."""
    digest = hashlib.sha256(f"seed={SEED} day={datetime.now(UTC):%Y-%m-%d}".encode())
    for path in sorted((ROOT / "remix").rglob("*")):
        relative = path.relative_to(ROOT)
        if path.is_file() and not NOT_DATA.intersection(relative.parts):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def vendor_of_environment() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


class Store:
    """One snapshot: where it is kept, whether it is there, how to restore and save it."""

    def __init__(self, cache: Path, *, scale: str | None, demo: bool):
        self.vendor = vendor_of_environment()
        self.label = f"{scale or 'none'}{'' if demo else '-nodemo'}"
        self.key = code_key()
        self.cache = cache
        self.directory = cache / f"{self.vendor}-{self.label}-{self.key}"
        self.database = f"remix_snapshot_{self.label.replace('-', '_')}_{self.key}"

    def restore(self, work: Path) -> dict | None:
        """Copy the snapshot into ``work`` (and a new database); its record, or None if absent."""
        meta = self.directory / "meta.json"
        if not meta.exists():
            return None
        if self.vendor == "postgresql":
            if not _database_exists(self.database):
                return None
            _database_for_run(template=self.database)
        shutil.copytree(self.directory, work, dirs_exist_ok=True)
        (work / "meta.json").unlink()
        return {**json.loads(meta.read_text()), "reused": True}

    def prepare(self) -> None:
        """For PostgreSQL, an empty database of its own for the run to load its data into."""
        if self.vendor == "postgresql":
            _database_for_run(template=None)

    def save(self, work: Path, record: dict) -> None:
        """Keep what ``work`` (and the run's database) holds as the snapshot."""
        from django.db import connections

        for stale in self.cache.glob(f"{self.vendor}-{self.label}-*"):
            if len(stale.name) == len(self.directory.name):  # not another label's
                shutil.rmtree(stale, ignore_errors=True)
        connections.close_all()  # SQLite: checkpoints the WAL; PostgreSQL: frees the template
        if self.vendor == "postgresql":
            prefix = self.database[: -len(self.key)]
            _databases_drop(
                lambda name: name.startswith(prefix) and len(name) == len(self.database)
            )
            _database_copy(source=_run_database(), target=self.database)
        partial = self.cache / f".{self.directory.name}-{os.getpid()}"
        shutil.copytree(work, partial, ignore=shutil.ignore_patterns(*NOT_COPIED))
        (partial / "meta.json").write_text(json.dumps(record, indent=2) + "\n")
        try:
            partial.rename(self.directory)
        except OSError:  # another run saved the same snapshot first
            shutil.rmtree(partial, ignore_errors=True)


def load(work: Path, *, scale: str | None, demo: bool) -> dict:
    """Migrate, load the demo and the scale data, from a snapshot if there is one; the record.

    Called before ``django.setup()``; returns how the data was made: the code key, when, the
    seconds each step took, whether it was copied from an earlier run's snapshot.
    """
    cache = os.environ.get("REMIX_BENCH_CACHE")
    store = Store(Path(cache).resolve(), scale=scale, demo=demo) if cache else None
    if store:
        # A copy of a snapshot (a large one is 800 MB) goes when the run ends; without the cache
        # the data directory stays, for http_serve's --data to serve again.
        atexit.register(shutil.rmtree, work, ignore_errors=True)
        store.cache.mkdir(parents=True, exist_ok=True)
        restored = store.restore(work)
        if restored:
            _setup()
            _migrate()  # nothing to apply: checks that the snapshot is the code's schema
            return restored
        store.prepare()
    _setup()
    record = {
        "key": store.key if store else code_key(),
        "made": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": _make(scale=scale, demo=demo),
        "reused": False,
    }
    if store:
        store.save(work, record)
    return record


def _setup() -> None:
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _make(*, scale: str | None, demo: bool) -> dict:
    """Seconds of the migrations, the demo and each scale generator (each logs when done)."""
    from django.core.management import call_command

    from remix.core.generate import scale_generate

    marks = [("start", time.perf_counter())]
    _migrate()
    marks.append(("migrate", time.perf_counter()))
    if demo:
        call_command("demo", verbosity=0)
        marks.append(("demo", time.perf_counter()))
    if scale:
        scale_generate(
            scale=scale,
            seed=SEED,
            log=lambda line: marks.append((line.split(":")[0], time.perf_counter())),
        )
        marks.append(("analyze", time.perf_counter()))
    return {name: round(end - marks[n][1], 1) for n, (name, end) in enumerate(marks[1:])}


# --- PostgreSQL: one database per run, copied from the snapshot --------------------------------

_ADMIN_URL: dict[str, str] = {}


def _url_with(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _admin():
    """A connection to the database DATABASE_URL named when the run started."""
    import psycopg

    _ADMIN_URL.setdefault("url", os.environ["DATABASE_URL"])
    return psycopg.connect(_ADMIN_URL["url"], autocommit=True)


def _database_exists(name: str) -> bool:
    with _admin() as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def _database_copy(*, source: str | None, target: str) -> None:
    """CREATE DATABASE target (TEMPLATE source): a file copy, no connection to source allowed."""
    from psycopg import sql

    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target))
    if source:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(source))
    with _admin() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
        admin.execute(statement)


def _run_database() -> str:
    return f"remix_bench_run_{os.getpid()}"


def _database_for_run(*, template: str | None) -> None:
    """A database for this run (a copy of ``template``), dropped when the run ends."""
    name = _run_database()
    _database_copy(source=template, target=name)
    os.environ["DATABASE_URL"] = _url_with(_ADMIN_URL["url"], name)
    atexit.register(_database_drop, name)


def _database_drop(name: str) -> None:
    from django.db import connections

    connections.close_all()
    _databases_drop(lambda other: other == name)


def _databases_drop(chosen: Callable[[str], bool]) -> None:
    from psycopg import sql

    with _admin() as admin:
        names = [name for (name,) in admin.execute("SELECT datname FROM pg_database")]
        for name in filter(chosen, names):
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
