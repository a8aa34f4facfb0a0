"""`remix export-bundle FILE.zip`: everything, in one deterministic bundle."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.portability.export import bundle_export_recorded, rows_total
from remix.portability.progress import BundleCommand


class Command(BundleCommand):
    help = (
        "Write every entity's rows (JSON Lines and CSV), the media, the Beancount ledger and the "
        "SKOS themes into one zip with a manifest of counts and SHA-256: the same data gives the "
        "same bytes."
    )
    file_help = "The bundle to write (.zip)."

    def handle(self, *args, file, no_progress, **options):
        bar = self.rows_bar(total=rows_total(), description=_("Exporting"), no_progress=no_progress)
        try:
            manifest = bundle_export_recorded(Path(file), progress=bar.update)
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
