import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.core.selectors import health_status
from remix.core.server import cores_usable, serve, worker_plan


def database_check() -> None:
    """Stop at start with one clear line when the database cannot be reached."""
    try:
        connection.ensure_connection()
    except Exception as error:
        where = settings.DATABASES["default"].get("HOST") or settings.DATABASES["default"]["NAME"]
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        raise CommandError(
            _("cannot reach the database (%(where)s): %(reason)s")
            % {"where": where, "reason": first_line}
        ) from None


class Command(BaseCommand):
    help = "Serve Remix with gunicorn; static files through whitenoise."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("REMIX_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        workers, threads = worker_plan(cores_usable())
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("REMIX_WORKERS") or workers),
            help="Processes (default: one per usable core, or REMIX_WORKERS).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("REMIX_THREADS") or threads),
            help="Threads in each process (default: %(default)s, or REMIX_THREADS).",
        )
        parser.add_argument(
            "--no-tasks",
            action="store_true",
            help="Do not start the background-task worker (run `remix db_worker` elsewhere).",
        )

    def handle(self, *args, host, port, workers, threads, no_tasks, **options):
        database_check()
        pending = health_status().pending
        if pending:
            raise CommandError(
                ngettext(
                    "%(count)d migration is not applied yet: run `remix migrate` first.",
                    "%(count)d migrations are not applied yet: run `remix migrate` first.",
                    len(pending),
                )
                % {"count": len(pending)}
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        # gunicorn forks its workers from this process: a connection left open here would be
        # shared by all of them, one socket read by several processes (errors, hangs, and one
        # request handed another's rows). Each worker opens its own on its first query.
        connections.close_all()
        if workers < 1 or threads < 1:
            raise CommandError(_("--workers and --threads are at least 1."))
        self.stdout.write(
            f"Remix on http://{host}:{port}/ (data: {settings.DATA_DIR}; "
            f"{workers} × {threads} threads)"
        )

        worker = None
        if not no_tasks and "DatabaseBackend" in settings.TASKS["default"]["BACKEND"]:
            worker = subprocess.Popen(
                [sys.executable, "-m", "remix", "db_worker", "--interval", "1"]
            )
        try:
            serve(host=host, port=port, workers=workers, threads=threads)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
