"""The bundle at scale: `export-bundle` and `import-bundle` against a script that streams each
table to JSON Lines and back, on the same instance (the demo, and `--scale`'s generated data).

Each measurement runs in a child process of its own, alternating round by round:

- ``export``: ``bundle_export`` (JSON Lines and CSV of every carried model, media, Beancount,
  SKOS, manifest, one deflated zip); baseline ``stream``: each carried model's rows by
  ``values_list().iterator()`` and ``json.dumps`` into one ``.jsonl`` file per table, no zip.
- ``import``: inside a transaction rolled back at the end, every table emptied (untimed), then
  ``bundle_import`` (checksums first, the ledger posted through its guards, kept balances and
  search entries rebuilt, sequences reset); baseline ``load``: the stream's files read back and
  inserted by ``executemany`` of 1,000 rows, table by table (postings before their transactions,
  so the ledger's guards let them in without being posted again), nothing rebuilt.

Time is the child's wall clock around the work. Memory is the child's peak resident set
(``VmHWM``, Python and Django included) and its growth over the resident set before the work.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

MAX_ROUNDS = 3  # an export of the large scale takes minutes: a few rounds suffice
MODES = ("export", "stream", "import", "load")


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise LookupError(field)


def child(mode: str, work: Path) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.db import transaction as db

    connection.ensure_connection()
    before = _status_mb("VmRSS")
    if mode in ("export", "stream"):
        start = time.perf_counter()
        size = _export(work) if mode == "export" else _stream(work)
        elapsed = time.perf_counter() - start
    else:
        from remix.portability.tests.bundles import instance_wipe_bare

        with db.atomic():
            instance_wipe_bare()
            start = time.perf_counter()
            size = _import(work) if mode == "import" else _load(work)
            elapsed = time.perf_counter() - start
            db.set_rollback(True)
    peak = _status_mb("VmHWM")
    return {"ms": elapsed * 1000, "bytes": size, "rss_peak_mb": peak, "rss_grew_mb": peak - before}


def _export(work: Path) -> int:
    from remix.portability.export import bundle_export

    bundle_export(work / "bundle.zip")
    return (work / "bundle.zip").stat().st_size


def _stream(work: Path) -> int:
    from remix.portability import entities

    folder = work / "stream"
    folder.mkdir(exist_ok=True)
    size = 0
    for model in entities.carried_models():
        names = [field.attname for field in model._meta.concrete_fields]
        path = folder / f"{model._meta.label_lower}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for values in model._base_manager.order_by("pk").values_list(*names).iterator(2000):
                out.write(json.dumps(dict(zip(names, values, strict=True)), default=str) + "\n")
        size += path.stat().st_size
    return size


def _import(work: Path) -> int:
    from remix.portability.importing import bundle_import

    return sum(bundle_import(work / "bundle.zip").values())


def _load(work: Path) -> int:
    from remix.core.bulk import rows_insert
    from remix.portability import entities

    models = entities.carried_models()
    labels = [entities.label(model) for model in models]
    models.insert(labels.index("ledger.transaction"), models.pop(labels.index("ledger.posting")))
    loaded = 0
    for model in models:
        fields = entities.fields_of(model)
        names = [field.attname for field in fields]
        with (work / "stream" / f"{entities.label(model)}.jsonl").open(encoding="utf-8") as rows:
            batch = []
            for line in rows:
                row = json.loads(line)
                batch.append([entities.decode(f, row[f.attname]) for f in fields])
                if len(batch) == 1000:
                    loaded += rows_insert(model, names, batch)
                    batch = []
            loaded += rows_insert(model, names, batch)
    return loaded


def _measure(mode: str, work: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{mode} child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args) -> dict:
    from bench import common

    vendor = common.instance(scale=args.scale)
    work = Path(tempfile.mkdtemp(prefix="remix-bundle-"))
    rounds = max(1, min(args.rounds, MAX_ROUNDS))
    measured: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode in MODES:
            measured[mode].append(_measure(mode, work))
            print(mode, measured[mode][-1], file=sys.stderr)
    med = {
        mode: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        for mode, runs in measured.items()
    }
    scale = args.scale or "demo"
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
    return {
        "database": vendor,
        "rounds": rounds,
        "bundle_bytes": med["export"]["bytes"],
        "stream_bytes": med["stream"]["bytes"],
        "memory": "rss_peak_mb: the child's VmHWM; rss_grew_mb: VmHWM minus VmRSS before the work",
        "median": med,
        "runs": measured,
        "rows": rows,
    }


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(child(sys.argv[2], Path(sys.argv[3]))))
