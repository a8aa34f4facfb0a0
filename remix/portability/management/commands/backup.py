from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.portability.backup import backup_write
from remix.portability.databases import DatabaseError
from remix.portability.progress import ProgressBar


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the uploaded files, site running."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write (.tar.gz)")

    def handle(self, *args, **options):
        target = Path(options["file"])
        with ProgressBar(_("Backup")) as bar:
            try:
                manifest = backup_write(target=target, progress=bar.update, total=bar.total)
            except DatabaseError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(
            ngettext(
                "Backup written to %(file)s: %(count)d file, %(vendor)s database.",
                "Backup written to %(file)s: %(count)d files, %(vendor)s database.",
                len(manifest["files"]),
            )
            % {
                "file": target,
                "count": len(manifest["files"]),
                "vendor": manifest["database_vendor"],
            }
        )
