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
    """Migrate a fresh SQLite instance (or DATABASE_URL's), load the demo and scale data."""
    work = Path(tempfile.mkdtemp(prefix="remix-bench-"))
    os.environ["REMIX_DATA_DIR"] = str(work)
    os.environ.setdefault("STATIC_ROOT", str(work / "static"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "remix.settings"
    os.environ["REMIX_TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    clear_url_caches()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    if demo:
        call_command("demo", verbosity=0)
    if scale:
        call_command("generate", scale=scale, verbosity=0)
    from django.db import connection

    return connection.vendor


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


def write(name: str, result: dict) -> Path:
    result = {
        "benchmark": name,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **result,
    }
    out = HERE / "results" / f"{name}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({key: value for key, value in result.items() if key != "machine"}, indent=2))
    print(f"written to {out.relative_to(HERE.parent)}")
    return out
