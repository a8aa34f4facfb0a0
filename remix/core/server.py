"""gunicorn, started in-process so `remix serve` needs no other command."""

from gunicorn.app.base import BaseApplication


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


def serve(*, host: str, port: int, workers: int) -> None:
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "accesslog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
            "forwarded_allow_ips": "127.0.0.1",
            "pre_fork": _pre_fork,
        }
    ).run()
