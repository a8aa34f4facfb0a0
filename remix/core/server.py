"""gunicorn, started in-process so `remix serve` needs no other command."""

import os

from gunicorn.app.base import BaseApplication

THREADS_PER_WORKER = 4
MOST_WORKERS = 16


def cores_usable() -> int:
    """The cores this process may run on: its container's or ``taskset``'s, not the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this system (macOS)
        return os.cpu_count() or 1


def worker_plan(cores: int) -> tuple[int, int]:
    """(processes, threads in each) for a machine of ``cores``.

    A request is mostly Python (templates, serialisers): under the GIL a process runs one at a
    time, so there is one process per core, for the cores to work in parallel, and no more —
    each holds its own copy of Django and its caches (about 100 MB). Its threads let a request
    that waits (on the database, on a slow client, on a kept-alive connection) give the core to
    another, and let one process serve several connections at once. Four is enough to keep a
    core busy without many requests holding the GIL in turn, which stretches each one's time."""
    return max(1, min(cores, MOST_WORKERS)), THREADS_PER_WORKER


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from remix.wsgi import application

        return application


def _pre_fork(arbiter, worker) -> None:
    """Runs in the master before each fork, the first workers' and any replacement's: whatever
    opened a database connection in the master, no worker inherits it."""
    from django.db import connections

    connections.close_all()


def serve(*, host: str, port: int, workers: int, threads: int = 1) -> None:
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "accesslog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
            "forwarded_allow_ips": "127.0.0.1",
            "pre_fork": _pre_fork,
        }
    ).run()
