"""Remix benchmarks: our paths against a baseline, in the same run, on the same data.

python bench/run.py [--rounds 30] [--per-round 20] [--scale small|large]
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def setup(scale: str | None) -> str:
    work = Path(tempfile.mkdtemp(prefix="remix-bench-"))
    os.environ["REMIX_DATA_DIR"] = str(work)
    os.environ.setdefault("STATIC_ROOT", str(work / "static"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "remix.settings"
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
    call_command("demo", verbosity=0)
    if scale:
        call_command("generate", scale=scale, verbosity=0)
    from django.db import connection

    return connection.vendor


def measure(paths: dict[str, str], rounds: int, per_round: int) -> dict[str, list[float]]:
    from django.test import Client

    client = Client()
    for url in paths.values():  # warm-up: caches, template loading, first connection
        for _ in range(per_round):
            assert client.get(url).status_code == 200, url
    timings: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(rounds):
        for name, url in paths.items():
            start = time.perf_counter()
            for _ in range(per_round):
                client.get(url)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--scale", choices=["small", "large"])
    args = parser.parse_args()

    vendor = setup(args.scale)
    paths = {"minimal": "/bench/minimal/", "home": "/", "health": "/api/v1/health"}
    timings = measure(paths, args.rounds, args.per_round)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    result = {
        "benchmark": "pages",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "scale": args.scale,
        "rounds": args.rounds,
        "per_round": args.per_round,
        "machine": machine(),
        "median_ms": {name: round(value, 3) for name, value in medians.items()},
        "spread_ms": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in timings.items()
        },
        "ratio_to_minimal": {
            name: round(medians[name] / medians["minimal"], 2)
            for name in paths
            if name != "minimal"
        },
    }
    out = HERE / "results" / f"pages-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    for name in paths:
        ratio = result["ratio_to_minimal"].get(name, 1.0)
        print(f"{name:8} median {medians[name]:7.3f} ms/request   ×{ratio} of minimal")
    print(f"written to {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
