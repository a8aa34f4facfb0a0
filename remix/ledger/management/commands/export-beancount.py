"""`remix export-beancount FILE [--fund SLUG] [--drafts]`: the books as a Beancount ledger."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.ledger.beancount import beancount_write
from remix.ledger.models import Fund


class Command(BaseCommand):
    help = (
        "Write the books as a Beancount ledger that bean-check accepts, with the same balances. "
        "FILE - writes to the standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The ledger file to write, or - for the standard output.")
        parser.add_argument(
            "--fund", help="Only this fund's books (its slug); every fund otherwise."
        )
        parser.add_argument(
            "--drafts", action="store_true", help="Include draft transactions, flagged !."
        )

    def handle(self, *args, file, fund, drafts, **options):
        chosen = None
        if fund:
            chosen = Fund.objects.filter(slug=fund).first()
            if chosen is None:
                raise CommandError(_("No fund has the slug %(slug)s.") % {"slug": fund})
        if file == "-":
            report = beancount_write(self.stdout, fund=chosen, drafts=drafts)
            said = self.stderr
        else:
            report = self._write_file(Path(file), fund=chosen, drafts=drafts)
            said = self.stdout
        for warning in report.warnings:
            self.stderr.write(f"  ! {warning}")
        said.write(
            ngettext(
                "%(count)d transaction written to %(file)s.",
                "%(count)d transactions written to %(file)s.",
                report.transactions,
            )
            % {"count": report.transactions, "file": file}
        )

    def _write_file(self, path: Path, **scope):
        # Written beside, then moved in place: an interrupted export leaves no half ledger.
        partial = path.with_name(path.name + ".part")
        try:
            with partial.open("w", encoding="utf-8", newline="\n") as out:
                report = beancount_write(out, **scope)
            os.replace(partial, path)
        except OSError as error:
            raise CommandError(str(error)) from None
        finally:
            partial.unlink(missing_ok=True)
        return report
