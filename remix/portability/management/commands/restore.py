from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from remix.portability.databases import DatabaseError
from remix.portability.progress import ProgressBar
from remix.portability.restore import RestoreRefused, backup_restore


class Command(BaseCommand):
    help = "Put back an archive of `remix backup`, after checking it whole."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by remix backup")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, **options):
        source = Path(options["file"])
        with ProgressBar(_("Restore")) as bar:
            try:
                done = backup_restore(
                    source=source, force=options["force"], progress=bar.update, total=bar.total
                )
            except RestoreRefused as refused:
                for problem in refused.problems:
                    self.stderr.write(f"  ✗ {problem}")
                raise CommandError(_("Archive refused, nothing was changed.")) from None
            except DatabaseError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(
            _("Restored the backup of %(when)s (Remix %(version)s).")
            % {"when": done.manifest["taken_at"], "version": done.manifest["remix_version"]}
        )
        if done.migrated:
            self.stdout.write(_("Migrations applied: the backup was older than this Remix."))
        for problem in done.problems:
            self.stderr.write(f"  ✗ {problem}")
        if done.problems:
            raise CommandError(_("The self-checks found problems in the restored data."))
