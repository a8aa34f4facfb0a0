"""The catalogue list page, in process, against the minimal view.

On the demo and the generated catalogue (``--scale small``: 2,000 documents; ``large``:
100,000), ``GET /catalogue/`` for a visitor without an account, two ways, alternating round by
round with ``GET /bench/minimal/`` (a 2-byte response through the same middleware):

- computed: each request asks an address no one asked before (``?n=`` and a counter, a
  parameter the page ignores), so the page is read from the database and rendered every time;
- cached: the same address again, as the next visitors get it until the catalogue changes.

It also counts, once each, the queries and the Python function calls (cProfile) of a computed
page. The issue's target: the page within 20 times the minimal view.
"""

import cProfile
import itertools
import pstats
import statistics

TARGET_RATIO = 20


def run(args) -> dict:
    from bench.common import instance, interleaved

    vendor = instance(scale=args.scale)
    from django.db import connection
    from django.test import Client

    from remix.catalogue.models import Document

    client = Client()
    counter = itertools.count()

    def computed():
        return client.get(f"/catalogue/?n={next(counter)}")

    paths = {
        "minimal": lambda: client.get("/bench/minimal/"),
        "computed": computed,
        "cached": lambda: client.get("/catalogue/"),
    }
    for name, action in paths.items():
        status = action().status_code
        if status != 200:
            raise SystemExit(f"{name}: answered {status}")
    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        computed()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        computed()
    profile.disable()
    calls = pstats.Stats(profile).total_calls / 10

    timings = interleaved(paths, rounds=args.rounds, per_round=max(1, args.per_round // 4))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    rows = [
        _row(f"catalogue list page ({label}), in process", medians[name], medians["minimal"])
        for name, label in (("computed", "computed"), ("cached", "cached per version"))
    ]
    return {
        "database": vendor,
        "scale": args.scale,
        "documents": Document.objects.count(),
        "rows": rows,
        "queries_computed": len(queries),
        "python_calls_computed": round(calls),
        "median_ms": {name: round(value, 3) for name, value in medians.items()},
        "spread_ms": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in timings.items()
        },
    }


def _row(path: str, ours: float, minimal: float) -> dict:
    ratio = ours / minimal
    return {
        "path": path,
        "remix_ms": round(ours, 3),
        "baseline": "minimal view",
        "baseline_ms": round(minimal, 3),
        "ratio": round(ratio, 2),
        "target": f"≤ {TARGET_RATIO}× the minimal view",
        "met": ratio <= TARGET_RATIO,
    }
