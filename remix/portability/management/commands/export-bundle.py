"""`remix export-bundle FILE.zip`: everything, in one deterministic bundle."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from remix.portability.export import bundle_export, rows_total


class Command(BaseCommand):
    help = (
        "Write every entity's rows (JSON Lines and CSV), the media, the Beancount ledger and the "
        "SKOS themes into one zip with a manifest of counts and SHA-256: the same data gives the "
        "same bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The bundle to write (.zip).")
        parser.add_argument("--no-progress", action="store_true", help="Draw no progress bar.")

    def handle(self, *args, file, no_progress, **options):
        bar = tqdm(
            total=rows_total(),
            unit=" " + _("rows"),
            desc=_("Exporting"),
            file=self.stderr._out,
            disable=no_progress,
        )
        try:
            manifest = bundle_export(Path(file), progress=bar.update)
        except OSError as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        rows = sum(
            entry.get("rows", 0) for entry in manifest["files"] if entry["path"].endswith(".jsonl")
        )
        self.stdout.write(
            ngettext(
                "%(rows)d row in %(files)d files written to %(file)s.",
                "%(rows)d rows in %(files)d files written to %(file)s.",
                rows,
            )
            % {"rows": rows, "files": len(manifest["files"]) + 1, "file": file}
        )
