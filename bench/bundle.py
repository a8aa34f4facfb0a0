"""The bundle at scale: `export-bundle` and `import-bundle` against a script that streams each
table to JSON Lines and back, on the same data (the demo, and `--scale`'s generated data, or
`--data`, the data directory of an earlier run on SQLite).

Each measurement runs in a child process of its own, alternating round by round:

- ``export``: ``bundle_export`` (JSON Lines and CSV of every carried model, media, Beancount,
  SKOS, manifest, one deflated zip); baseline ``stream``: each carried model's rows by
  ``values_list().iterator()`` and ``json.dumps`` into one ``.jsonl`` file per table, no zip.
- ``import``: ``bundle_import`` into a new, empty instance, as `remix import-bundle` does on a new
  machine (checksums first, one transaction, the ledger posted through its guards, search entries
  rebuilt, sequences reset); baseline ``load``: the stream's files read back into another new,
  empty instance by ``executemany`` of 1,000 rows, table by table, in one transaction (postings
  before their transactions, so the ledger's guards let them in as they are), nothing checked
  nor rebuilt. An empty instance is a copy of one migrated once per run: a copy of its SQLite
  file, or a PostgreSQL database made from it as a template; the copy goes after the child.

Time is the child's wall clock around the work. Memory is the child's peak resident set
(``VmHWM``, Python and Django included) and its growth over the resident set before the work;
run at two scales, the growth shows whether memory follows the rows.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import children  # noqa: E402 (the repository root is importable from here on)

MAX_ROUNDS = 3  # an export of the large scale takes minutes: a few rounds suffice
MODES = ("export", "stream", "import", "load")


def child(mode: str, work: Path) -> dict:
    import django

    django.setup()
    from django.db import connection

    connection.ensure_connection()
    before = children.status_mb("VmRSS")
    start = time.perf_counter()
    rows = {"export": _export, "stream": _stream, "import": _import, "load": _load}[mode](work)
    elapsed = time.perf_counter() - start
    peak = children.status_mb("VmHWM")
    bundle = mode in ("export", "import")
    size = (work / "bundle.zip").stat().st_size if bundle else _size(work / "stream")
    return {
        "ms": elapsed * 1000,
        "rows": rows,
        "bytes": size,
        "rss_peak_mb": peak,
        "rss_grew_mb": peak - before,
    }


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.jsonl"))


def _export(work: Path) -> int:
    from remix.portability.export import bundle_export

    manifest = bundle_export(work / "bundle.zip")
    return sum(e.get("rows", 0) for e in manifest["files"] if e["path"].endswith(".jsonl"))


def _stream(work: Path) -> int:
    from remix.portability import entities

    folder = work / "stream"
    folder.mkdir(exist_ok=True)
    rows = 0
    for model in entities.carried_models():
        names = [field.attname for field in model._meta.concrete_fields]
        path = folder / f"{model._meta.label_lower}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for values in model._base_manager.order_by("pk").values_list(*names).iterator(2000):
                out.write(json.dumps(dict(zip(names, values, strict=True)), default=str) + "\n")
                rows += 1
    return rows


def _import(work: Path) -> int:
    from remix.portability.importing import bundle_import

    return sum(bundle_import(work / "bundle.zip").values())


def _load(work: Path) -> int:
    from django.db import transaction

    from remix.core.bulk import rows_insert
    from remix.portability import entities
    from remix.portability.importing import seeded_rows_clear

    models = entities.carried_models()
    labels = [entities.label(model) for model in models]
    models.insert(labels.index("ledger.transaction"), models.pop(labels.index("ledger.posting")))
    loaded = 0
    with transaction.atomic():
        seeded_rows_clear()
        for model in models:
            fields = entities.fields_of(model)
            names = [field.attname for field in fields]
            path = work / "stream" / f"{entities.label(model)}.jsonl"
            with path.open(encoding="utf-8") as rows:
                batch = []
                for line in rows:
                    row = json.loads(line)
                    batch.append([entities.decode(f, row[f.attname]) for f in fields])
                    if len(batch) == 1000:
                        loaded += rows_insert(model, names, batch)
                        batch = []
                loaded += rows_insert(model, names, batch)
    return loaded


# --- the parent ----------------------------------------------------------------------------------


class EmptyInstances:
    """New, empty instances: one migrated once, then a copy of it for each child."""

    def __init__(self, vendor: str, work: Path):
        self.vendor, self.work = vendor, work
        self.template = work / "empty"
        self.template.mkdir()
        env = {"REMIX_DATA_DIR": str(self.template)}
        if vendor == "postgresql":
            self.database = f"remix_bundle_empty_{os.getpid()}"
            _pg_execute(f'CREATE DATABASE "{self.database}"')
            env["DATABASE_URL"] = _pg_url(self.database)
        subprocess.run(
            [sys.executable, "-m", "remix", "migrate", "--verbosity", "0"],
            check=True,
            env={**os.environ, **env},
        )

    def fresh(self) -> dict:
        """The environment of a child that works on a new copy."""
        copy = self.work / f"instance-{uuid.uuid4().hex[:8]}"
        shutil.copytree(self.template, copy)
        env = {"REMIX_DATA_DIR": str(copy)}
        if self.vendor == "postgresql":
            _pg_execute(f'CREATE DATABASE "{copy.name}" TEMPLATE "{self.database}"')
            env["DATABASE_URL"] = _pg_url(copy.name)
        return env

    def discard(self, env: dict) -> None:
        copy = Path(env["REMIX_DATA_DIR"])
        if self.vendor == "postgresql":
            _pg_execute(f'DROP DATABASE IF EXISTS "{copy.name}"')
        shutil.rmtree(copy, ignore_errors=True)

    def close(self) -> None:
        if self.vendor == "postgresql":
            _pg_execute(f'DROP DATABASE IF EXISTS "{self.database}"')


def _pg_url(database: str) -> str:
    from bench.data import _url_with

    return _url_with(os.environ["DATABASE_URL"], database)


def _pg_execute(statement: str) -> None:
    """A statement on the cluster (names only of this module's making)."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
        admin.execute(statement)


def _instance(args) -> str:
    """The database's vendor, its data loaded: ``--data`` (an earlier run's SQLite data
    directory, used as it is), or the demo and the ``--scale`` data."""
    if not args.data:
        from bench import common

        return common.instance(scale=args.scale)
    os.environ["REMIX_DATA_DIR"] = str(Path(args.data).resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "remix.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)  # the code's schema, or it fails
    return "sqlite"


def _measure(mode: str, work: Path, instances: EmptyInstances) -> dict:
    if mode in ("export", "stream"):
        return children.measure(__file__, mode, str(work))
    env = instances.fresh()
    try:
        return children.measure(__file__, mode, str(work), env=env)
    finally:
        instances.discard(env)


def run(args) -> dict:
    from django.db import connections

    vendor = _instance(args)
    connections.close_all()
    work = Path(tempfile.mkdtemp(prefix="remix-bundle-"))
    instances = EmptyInstances(vendor, work)
    rounds = max(1, min(args.rounds, MAX_ROUNDS))
    measured: dict[str, list[dict]] = {mode: [] for mode in MODES}
    try:
        for _ in range(rounds):
            for mode in MODES:
                measured[mode].append(_measure(mode, work, instances))
                print(mode, measured[mode][-1], file=sys.stderr, flush=True)
    finally:
        instances.close()
    rows = {mode: runs[0]["rows"] for mode, runs in measured.items()}
    assert len(set(rows.values())) == 1, f"the paths did not carry the same rows: {rows}"
    med = {
        mode: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        for mode, runs in measured.items()
    }
    shutil.rmtree(work, ignore_errors=True)
    return {
        "database": vendor,
        "rounds": rounds,
        "rows_carried": rows["export"],
        "bundle_bytes": med["export"]["bytes"],
        "stream_bytes": med["stream"]["bytes"],
        "memory": "rss_peak_mb: the child's VmHWM; rss_grew_mb: VmHWM minus VmRSS before the work",
        "median": med,
        "runs": measured,
        "rows": _rows(med, scale="data directory" if args.data else args.scale or "demo"),
    }


def _rows(med: dict, *, scale: str) -> list[dict]:
    from bench import common

    rows = []
    for ours, baseline, what in (("export", "stream", "export"), ("import", "load", "import")):
        rows.append(
            common.row(
                f"bundle {what} ({scale})",
                remix_ms=med[ours]["ms"],
                baseline=f"each table streamed to JSON Lines ({baseline})",
                baseline_ms=med[baseline]["ms"],
                target="≤ 2×",
                met=med[ours]["ms"] <= 2 * med[baseline]["ms"],
            )
        )
        rows.append(
            common.row(
                f"bundle {what} ({scale}), peak MB",
                remix_ms=med[ours]["rss_peak_mb"],
                baseline=f"each table streamed to JSON Lines ({baseline}), peak MB",
                baseline_ms=med[baseline]["rss_peak_mb"],
                unit="MB",
                grew_mb=round(med[ours]["rss_grew_mb"], 1),
                baseline_grew_mb=round(med[baseline]["rss_grew_mb"], 1),
            )
        )
    return rows


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(child(sys.argv[2], Path(sys.argv[3]))))
