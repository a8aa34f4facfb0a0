"""`remix import-bank FILE --account CODE --fund SLUG`: a bank statement's rows as drafts.

The whole file is written in one database transaction, with a progress bar; a file that cannot
be read is refused whole and nothing is written. With a closing balance (from the file, or
``--closing-balance``) the books' balance of the account on that day is checked to the cent.
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction as db
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from remix.core.formats import format_money
from remix.ledger import bankfiles, imports
from remix.ledger.models import Account, Fund


class Command(BaseCommand):
    help = (
        "Import a bank statement (CSV, OFX or CAMT.053) as draft transactions to categorise. "
        "Rows already imported are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The statement file as the bank exports it.")
        parser.add_argument(
            "--account", required=True, help="The bank account's code, e.g. Assets:Bank:Current."
        )
        parser.add_argument("--fund", required=True, help="The fund's slug, e.g. plateforme.")
        parser.add_argument(
            "--currency",
            default="EUR",
            help="The currency of a CSV file that does not say it (default EUR).",
        )
        parser.add_argument(
            "--closing-balance",
            help="The statement's closing balance, e.g. 1234,56 (default: the file's, if any).",
        )
        parser.add_argument(
            "--closing-date",
            help="The day of that balance, 2026-10-31 or 31/10/2026 (default: the last day).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (for scripts)."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
            ) from None
        account = Account.objects.filter(code=options["account"]).first()
        if account is None:
            raise CommandError(_("No account %(code)s.") % {"code": options["account"]})
        fund = Fund.objects.filter(slug=options["fund"]).first()
        if fund is None:
            raise CommandError(_("No fund %(slug)s.") % {"slug": options["fund"]})
        closing_balance, closing_date = self._closing(options)
        bar = _ProgressBar(
            stream=getattr(self.stderr, "_out", sys.stderr), disable=options["no_progress"]
        )
        try:
            with db.atomic():
                batch = imports.bank_import_prepare(
                    data=data,
                    filename=path.name,
                    account=account,
                    fund=fund,
                    commodity=options["currency"],
                    closing_balance=closing_balance,
                    closing_date=closing_date,
                )
                batch = imports.bank_import_run(bank_import=batch, data=data, progress=bar.step)
        except bankfiles.ImportRefused as refused:
            raise CommandError(refused.message) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        finally:
            bar.close()
        self._report(batch)

    def _closing(self, options):
        balance, day = options["closing_balance"], options["closing_date"]
        try:
            balance = bankfiles.amount_parse(balance) if balance else None
            day = bankfiles.date_parse(day) if day else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        return balance, day

    def _report(self, batch) -> None:
        self.stdout.write(
            ngettext("%(file)s: %(count)d row.", "%(file)s: %(count)d rows.", batch.rows_total)
            % {"file": batch.filename, "count": batch.rows_total}
        )
        for line in reasons_text(batch):
            self.stdout.write("  " + line)
        result = imports.bank_reconciliation(bank_import=batch)
        if result is None:
            return
        money = {
            key: format_money(getattr(result, key), result.commodity)
            for key in ("statement_minor", "books_minor", "posted_minor", "difference_minor")
        }
        self.stdout.write(
            _(
                "Closing balance on %(date)s: statement %(statement)s, books %(books)s "
                "(posted only: %(posted)s)."
            )
            % {
                "date": result.closing_date.isoformat(),
                "statement": money["statement_minor"],
                "books": money["books_minor"],
                "posted": money["posted_minor"],
            }
        )
        if result.matches:
            self.stdout.write(_("The books match the statement to the cent."))
        else:
            self.stdout.write(
                _("The books differ from the statement by %(difference)s (statement minus books).")
                % {"difference": money["difference_minor"]}
            )


def reasons_text(batch) -> list[str]:
    """One line per reason, with its count: created, already imported, in a closed period."""
    created = ngettext("%(count)d new draft.", "%(count)d new drafts.", batch.rows_created)
    skipped = ngettext(
        "%(count)d already imported, not imported again.",
        "%(count)d already imported, not imported again.",
        batch.rows_skipped,
    )
    if batch.rows_other_format:
        skipped += " " + ngettext(
            "(of which %(other)d from the same statement in another format)",
            "(of which %(other)d from the same statement in another format)",
            batch.rows_other_format,
        )
    closed = ngettext(
        "%(count)d dated in a closed period, not imported.",
        "%(count)d dated in a closed period, not imported.",
        batch.rows_closed,
    )
    return [
        created % {"count": batch.rows_created},
        skipped % {"count": batch.rows_skipped, "other": batch.rows_other_format},
        closed % {"count": batch.rows_closed},
    ]


class _ProgressBar:
    """tqdm's bar, drawn once the file's rows are counted, moved after each batch."""

    def __init__(self, *, stream, disable: bool):
        self.stream, self.disable, self.bar = stream, disable, None

    def step(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(
                total=total,
                unit=" " + _("rows"),
                desc=_("Importing"),
                file=self.stream,
                disable=self.disable,
            )
        self.bar.total = total  # told as the file announced it, then exact at the end
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
