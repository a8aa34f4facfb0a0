"""What every benchmark shares: a fresh instance, interleaved timing, the machine, the output."""

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def instance(*, scale: str | None, demo: bool = True) -> str:
    """A migrated instance with the demo and scale data: a fresh one, or a snapshot's copy.

    The database is a new SQLite file in a temporary directory, or DATABASE_URL's database;
    ``bench/data.py`` says when the data is copied from a snapshot instead of made again.
    """
    from bench import data

    work = Path(tempfile.mkdtemp(prefix="remix-bench-"))
    os.environ["REMIX_DATA_DIR"] = str(work)
    os.environ.setdefault("STATIC_ROOT", str(work / "static"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "remix.settings"
    os.environ["REMIX_TASKS_BACKEND"] = "immediate"
    DATA.clear()
    DATA.update(data.load(work, scale=scale, demo=demo))
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    clear_url_caches()
    call_command("collectstatic", verbosity=0, interactive=False)
    return connection.vendor


# How the instance's data was made (bench/data.py's record), written with the results.
DATA: dict = {}


def interleaved(
    actions: dict[str, Callable[[], object]], *, rounds: int, per_round: int, warmup: int = 3
) -> dict[str, list[float]]:
    """Milliseconds per call of each action, the actions alternating round by round."""
    for action in actions.values():
        for _ in range(warmup):
            action()
    timings: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            start = time.perf_counter()
            for _ in range(per_round):
                action()
            timings[name].append((time.perf_counter() - start) / per_round * 1000)
    return timings


def machine() -> dict:
    import django

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "load_average": os.getloadavg(),
    }


def summary(timings: dict[str, list[float]], *, baseline: str) -> dict:
    medians = {name: statistics.median(values) for name, values in timings.items()}
    return {
        "median_ms": {name: round(value, 3) for name, value in medians.items()},
        "spread_ms": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in timings.items()
        },
        f"ratio_to_{baseline}": {
            name: round(medians[name] / medians[baseline], 2)
            for name in medians
            if name != baseline
        },
    }


def row(
    path: str,
    *,
    remix_ms: float,
    baseline: str,
    baseline_ms: float | None,
    target: str | None = None,
    met: bool | None = None,
    **extra,
) -> dict:
    """One line of the results table: a measured path, its baseline and the issue's target.

    ``remix_ms`` and ``baseline_ms`` are milliseconds unless ``unit`` says otherwise (e.g.
    ``unit="MB"`` for a peak memory); ``met`` is None when the path has no target.
    """
    # Three significant digits: a ratio against bean-check is a few ten-thousandths.
    ratio = float(f"{remix_ms / baseline_ms:.3g}") if baseline_ms else None
    return {
        "path": path,
        "remix_ms": round(remix_ms, 3),
        "baseline": baseline,
        "baseline_ms": None if baseline_ms is None else round(baseline_ms, 3),
        "ratio": ratio,
        "target": target,
        "met": met,
        **extra,
    }


def database() -> dict:
    """The database the benchmark ran on: its vendor and version."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        (version,) = cursor.fetchone()
    return {"vendor": connection.vendor, "version": version}


def write(name: str, result: dict, *, scale: str | None = None) -> Path:
    """Write the result with what it ran on: the machine, the database, the scale and data."""
    engine = database()
    result = {
        "benchmark": name,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "database": engine["vendor"],
        "database_version": engine["version"],
        "scale": scale,
        "data": dict(DATA),
        **result,
    }
    result.setdefault("rows", [])
    out = HERE / "results" / f"{name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    shown = {key: value for key, value in result.items() if key != "machine"}
    print(json.dumps(shown, indent=2, ensure_ascii=False))
    print(f"written to {out.relative_to(HERE.parent)}")
    return out
