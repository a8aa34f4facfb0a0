"""`remix import-bundle FILE.zip`: a bundle restored into an empty instance, whole or not at all."""

import json
import zipfile
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.portability.importing import BundleRefused, bundle_import
from remix.portability.progress import BundleCommand


class Command(BundleCommand):
    help = (
        "Restore a bundle written by export-bundle into an empty instance, in one transaction, "
        "after checking its manifest and every checksum, the ledger's guards on (the database "
        "keeps the balances as postings arrive); then rebuild the search entries."
    )
    file_help = "The bundle to read (.zip)."

    def handle(self, *args, file, no_progress, **options):
        bar = self.rows_bar(
            total=_rows_announced(Path(file)), description=_("Importing"), no_progress=no_progress
        )
        try:
            counts = bundle_import(Path(file), progress=bar.update)
        except BundleRefused as refused:
            bar.close()
            lines = "\n".join(f"  - {problem}" for problem in refused.problems)
            raise CommandError(_("Bundle refused, nothing written:") + "\n" + lines) from None
        bar.close()
        rows = sum(counts.values())
        self.stdout.write(
            ngettext(
                "%(rows)d row restored from %(file)s.",
                "%(rows)d rows restored from %(file)s.",
                rows,
            )
            % {"rows": rows, "file": file}
        )


def _rows_announced(path: Path) -> int | None:
    """The rows the manifest announces, for the bar; None when it cannot say (the import
    itself then says what is wrong)."""
    try:
        with zipfile.ZipFile(path) as bundle:
            files = json.loads(bundle.read("manifest.json"))["files"]
        return sum(entry.get("rows", 0) for entry in files if isinstance(entry, dict))
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile):
        return None
