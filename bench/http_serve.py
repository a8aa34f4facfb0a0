"""`remix serve` under load: `/catalogue/` over HTTP with 8 connections, against the minimal view.

(Not `bench/http.py`: `python bench/run.py` puts `bench/` first on the path, where it would hide
the standard library's `http`.)

On a generated instance (``--scale large``: 100,000 documents), `remix serve` runs pinned to one
core (its gunicorn master and workers inherit the affinity), twice side by side: with its own
choice of processes and threads for that core, and with two sync processes. This process,
pinned to the other core, keeps ``--connections`` (8) kept-alive connections busy: each thread
sends its next GET as soon as it has read the last answer. The paths and the models alternate
in slices (``--seconds`` per path in all, in three slices), so that the noise of a shared
machine falls on all alike: `/catalogue/` and the baseline `/bench/minimal/` (a 2-byte view
behind the same middleware). For each: p50 and p99 of the time from sending a request to
reading the whole answer, requests per second, and answers other than 200.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = {"catalogue": "/catalogue/", "minimal": "/bench/minimal/"}
SLICES = 3
TARGET_P99_MS = 100


# The worker models served side by side, on the same core and data: `remix serve`'s own choice
# for the cores it may use, and two single-threaded (sync) processes for comparison.
MODELS = {"chosen": [], "two_sync_workers": ["--workers", "2", "--threads", "1"]}


def run(args) -> dict:
    vendor, data_dir = _instance(args)
    server_core, client_core = _cores()
    ports = {model: _free_port() for model in MODELS}
    servers = {}
    try:
        for model, options in MODELS.items():  # one after the other: each collects static files
            servers[model] = _serve(ports[model], server_core, data_dir, options, model)
            _wait_for(ports[model], servers[model])
        if client_core is not None:
            os.sched_setaffinity(0, {client_core})
        samples, errors, elapsed = _measure(ports, args.connections, args.seconds)
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)
    figures = {
        model: {
            name: _figures(samples[model, name], errors[model, name], elapsed[model, name])
            for name in PATHS
        }
        for model in MODELS
    }
    return {
        "database": vendor,
        "scale": args.scale,
        "connections": args.connections,
        "seconds_per_path": args.seconds,
        "server_core": server_core,
        "client_core": client_core,
        "models": {model: _started(data_dir / f"serve-{model}.log") for model in MODELS},
        "figures": figures,
        "rows": [row for model in MODELS for row in _rows(figures[model], args.connections, model)],
    }


def _started(log: Path) -> str:
    return next(
        (line for line in log.read_text(errors="replace").splitlines() if "Remix on" in line), ""
    )


def _measure(ports: dict, connections: int, seconds: float):
    """Each (model, path)'s answer times, failures and seconds, in slices taken in turn."""
    runs = [(model, name) for model in MODELS for name in PATHS]
    samples = {run: [] for run in runs}
    errors, elapsed = dict.fromkeys(runs, 0), dict.fromkeys(runs, 0.0)
    for model, name in runs:  # every process and thread warm
        _load(ports[model], PATHS[name], connections=connections, seconds=2)
    for _ in range(SLICES):
        for model, name in runs:
            times, failed, took = _load(
                ports[model], PATHS[name], connections=connections, seconds=seconds / SLICES
            )
            samples[model, name] += times
            errors[model, name] += failed
            elapsed[model, name] += took
    return samples, errors, elapsed


def _instance(args) -> tuple[str, Path]:
    """The database's vendor and the data directory: a fresh instance with the scale data alone
    (the demo closes months that the generated books fall in), or ``--data``, a data directory an
    earlier run generated, served again as it is (SQLite)."""
    if args.data:
        return "sqlite", Path(args.data)
    from bench.common import instance

    vendor = instance(scale=args.scale, demo=not args.scale)
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    return vendor, Path(settings.DATA_DIR)


def _cores() -> tuple[int, int | None]:
    usable = sorted(os.sched_getaffinity(0))
    return usable[0], (usable[1] if len(usable) > 1 else None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(port: int, core: int, data_dir: Path, options: list, model: str) -> subprocess.Popen:
    """`remix serve` on one core, with the benchmarks' URLs and ``options``; what it prints (a
    line per request) to a file in ``data_dir``: a pipe left unread would stop it when full."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "REMIX_DATA_DIR": str(data_dir),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    for name in ("REMIX_WORKERS", "REMIX_THREADS"):
        env.pop(name, None)
    return subprocess.Popen(
        [sys.executable, "-m", "remix", "serve", "--port", str(port), "--no-tasks", *options],
        cwd=ROOT,
        env=env,
        stdout=(data_dir / f"serve-{model}.log").open("wb"),
        stderr=subprocess.STDOUT,
        preexec_fn=lambda: os.sched_setaffinity(0, {core}),
    )


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, "remix serve stopped: see serve.log in its data directory"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", PATHS["minimal"])
            answered = connection.getresponse().status == 200
            connection.close()
            if answered:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("remix serve did not answer within 120 s")


def _load(port: int, path: str, *, connections: int, seconds: float):
    """Milliseconds of every answer, the failures and the time taken, ``connections`` threads each
    sending its next request as soon as it has read the last answer whole."""
    times: list[float] = []
    failed = [0]
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + seconds

    def keep_busy():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], 0
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Language": "fr"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            mine.append((time.perf_counter() - sent) * 1000)
            bad += not ok
        connection.close()
        with lock:
            times.extend(mine)
            failed[0] += bad

    threads = [threading.Thread(target=keep_busy) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, failed[0], time.perf_counter() - start


def _figures(times: list[float], errors: int, seconds: float) -> dict:
    ordered = sorted(times)
    return {
        "requests": len(ordered),
        "errors": errors,
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "requests_per_second": round(len(ordered) / seconds, 1),
    }


def _rows(figures: dict, connections: int, model: str) -> list[dict]:
    catalogue, minimal = figures["catalogue"], figures["minimal"]
    return [
        {
            "path": f"/catalogue/ over HTTP, {connections} connections, {label} ({model})",
            "remix_ms": catalogue[key],
            "baseline": f"/bench/minimal/ {label}",
            "baseline_ms": minimal[key],
            "ratio": round(catalogue[key] / minimal[key], 2),
            "target": f"p99 ≤ {TARGET_P99_MS} ms" if key == "p99_ms" else "—",
            "met": catalogue[key] <= TARGET_P99_MS if key == "p99_ms" else True,
            "requests_per_second": catalogue["requests_per_second"],
            "baseline_requests_per_second": minimal["requests_per_second"],
        }
        for key, label in (("p50_ms", "p50"), ("p99_ms", "p99"))
    ]
