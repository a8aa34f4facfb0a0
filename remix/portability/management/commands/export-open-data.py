"""`remix export-open-data [FILE.zip]`: the public dump, published where the site serves it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from tqdm import tqdm

from remix.portability.opendata import (
    open_contents,
    open_data_export,
    open_data_publish,
    open_rows_total,
)


class Command(BaseCommand):
    help = (
        "Write the open-data dump: the bundle's format with only what is public (no e-mails, no "
        "anonymous givers, no drafts), published on the site's open-data page; or, given a "
        "file, written there instead. The same data gives the same bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="Write the dump to this file instead of publishing it."
        )
        parser.add_argument("--no-progress", action="store_true", help="Draw no progress bar.")

    def handle(self, *args, file, no_progress, **options):
        contents = open_contents()
        bar = tqdm(
            total=open_rows_total(contents),
            unit=" " + _("rows"),
            desc=_("Exporting"),
            file=self.stderr._out,
            disable=no_progress,
        )
        try:
            if file:
                open_data_export(Path(file), progress=bar.update, contents=contents)
            else:
                dump = open_data_publish(progress=bar.update, contents=contents)
        except OSError as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        if file:
            self.stdout.write(_("Open-data dump written to %(file)s.") % {"file": file})
            return
        self.stdout.write(
            _("Open-data dump published: %(file)s, %(size)s, SHA-256 %(sha256)s.")
            % {"file": dump.name, "size": filesizeformat(dump.bytes), "sha256": dump.sha256}
        )
