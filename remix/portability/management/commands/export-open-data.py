"""`remix export-open-data [FILE.zip]`: the public dump, published where the site serves it."""

from pathlib import Path

from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from remix.portability.opendata import (
    open_contents,
    open_data_export,
    open_data_publish,
    open_rows_total,
)
from remix.portability.progress import BundleCommand


class Command(BundleCommand):
    help = (
        "Write the open-data dump: the bundle's format with only what is public (no e-mails, no "
        "anonymous givers, no drafts), published on the site's open-data page; or, given a "
        "file, written there instead. The same data gives the same bytes."
    )

    file_help = "Write the dump to this file instead of publishing it."
    file_optional = True

    def handle(self, *args, file, no_progress, **options):
        contents = open_contents()
        bar = self.rows_bar(
            total=open_rows_total(contents), description=_("Exporting"), no_progress=no_progress
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
