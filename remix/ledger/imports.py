"""Bank statement import: a statement's rows land in the books as drafts to categorise.

Each row becomes a draft transaction in the chosen fund: the bank account with the row's signed
amount, and the opposite on the suspense account, where it waits for the treasurer to choose its
account. A row's key (``import:`` + sha256 of the bank account, date, amount, commodity,
normalised label and its occurrence among identical rows of the file) makes a re-import, or an
overlapping later statement, create nothing twice; the same movements exported in another format
are recognised too (``import_rows``). Rows dated in a closed period are not imported, since a
closed month's books are final, and are counted apart. A statement with no movement is refused,
and so is one whose IBAN is not the one recorded for the chosen account (``BankAccount``).

The file is read as a stream and its rows written a batch at a time (``import_rows``), all in
one database transaction: a file refused on its last line, or a run killed midway, leaves
nothing behind, and running it again completes it once. Imports into one bank account run one
at a time (the account's row is locked), so the keys a batch finds are all the keys there are.
The books' version is bumped once per import. Progress goes to the cache after each batch (the
rows being written are invisible to others until the commit).
"""

import datetime
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction as db
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder, audit_record
from remix.core.money import MoneyError, commodity_read, from_minor, to_minor
from remix.ledger import bankfiles, signals
from remix.ledger.bankfiles import ImportRefused, Statement
from remix.ledger.iban import iban_compact, iban_grouped, iban_valid
from remix.ledger.import_rows import RowKeys, rows_write
from remix.ledger.models import (
    Account,
    AccountType,
    BankAccount,
    BankImport,
    Fund,
    ImportStatus,
    TransactionStatus,
)
from remix.ledger.selectors import account_balance
from remix.ledger.services.audit import books_touched

MAX_FILE_BYTES = 20 * 1024 * 1024
PROGRESS_SECONDS = 24 * 3600
BATCH_ROWS = 2000  # rows written per batch: a few statements each, a few MB of objects


# --- keys ----------------------------------------------------------------------------------------


def row_keys(*, account_code: str, statement: Statement) -> list[str]:
    """One key per row; identical rows of one file (two 2,50 € card payments on the same day)
    are told apart by their rank among them, so an overlapping statement matches them again."""
    keys = RowKeys(account_code=account_code, commodity=statement.commodity)
    return [keys(row)[0] for row in statement.rows]


# --- writing -------------------------------------------------------------------------------------


def bank_import_prepare(
    *,
    data: bytes,
    filename: str,
    account: Account,
    fund: Fund,
    commodity: str = "EUR",
    closing_balance: Decimal | str | None = None,
    closing_date: datetime.date | None = None,
    keep_upload: bool = False,
    recorder=None,
) -> BankImport:
    """The batch record of one file, waiting to run; with ``keep_upload`` the file is stored
    for the background task."""
    _destination_check(account=account, fund=fund)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    commodity = _commodity_read(commodity)
    batch = BankImport(
        account=account,
        fund=fund,
        filename=(filename or "statement")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        commodity=commodity,
        closing_balance_minor=_closing_minor(closing_balance, closing_date, commodity),
        closing_date=closing_date,
        created_by=as_recorder(recorder),
    )
    with db.atomic():
        if keep_upload:
            _upload_keep(batch, data=data, filename=filename)
        batch.save()
        audit_record(
            action="ledger.bank_import.created",
            recorder=recorder,
            obj=batch,
            data={"file": batch.filename, "sha256": batch.sha256, "account": account.code},
        )
    return batch


def _destination_check(*, account: Account, fund: Fund) -> None:
    """Rows land on an open bank account, in an open fund."""
    if account.type != AccountType.ASSET or not account.is_cash or account.is_suspense:
        raise ValidationError(
            {"account": _("%(code)s is not a bank account.") % {"code": account.code}}
        )
    if not account.active:
        raise ValidationError(
            {"account": _("Account %(code)s is closed.") % {"code": account.code}}
        )
    if not fund.active:
        raise ValidationError({"fund": _("The fund %(fund)s is closed.") % {"fund": fund.slug}})


def _commodity_read(commodity: str) -> str:
    try:
        return commodity_read(commodity)
    except MoneyError:
        raise ValidationError(
            {"commodity": _("Unknown currency: %(code)s.") % {"code": commodity}}
        ) from None


def _closing_minor(
    closing_balance: Decimal | str | None, closing_date: datetime.date | None, commodity: str
) -> int | None:
    """The closing balance the treasurer typed, in minor units; None when none was typed."""
    if closing_balance in (None, ""):
        if closing_date is not None:
            raise ValidationError(
                {"closing_balance": _("Give the closing balance of that date, or no date.")}
            )
        return None
    try:
        if isinstance(closing_balance, str):
            closing_balance = bankfiles.amount_parse(closing_balance)
        return to_minor(closing_balance, commodity)
    except (MoneyError, ValueError):
        raise ValidationError(
            {"closing_balance": _("“%(value)s” is not an amount.") % {"value": closing_balance}}
        ) from None


def _upload_keep(batch: BankImport, *, data: bytes, filename: str) -> None:
    """The file, stored under a name no one guesses, for the background task to read."""
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "txt"
    name = f"{batch.sha256[:16]}-{get_random_string(12).lower()}.{suffix}"
    batch.upload.save(name, ContentFile(data), save=False)


def bank_import_upload(*, language: str = "", **kwargs) -> BankImport:
    """A file from the web: stored, then imported by a background task once committed (on
    ``signals.bank_import_uploaded``)."""
    with db.atomic():
        batch = bank_import_prepare(keep_upload=True, **kwargs)
        db.on_commit(
            lambda: signals.bank_import_uploaded.send(
                sender=BankImport, bank_import=batch, language=language or ""
            )
        )
    return batch


def bank_import_run(
    *,
    bank_import: BankImport,
    data: bytes | None = None,
    progress=None,
    batch_rows: int = BATCH_ROWS,
):
    """Read the file (``data``, else the stored upload) as a stream and write its rows as drafts,
    ``batch_rows`` at a time, in ONE database transaction.

    Refuses the whole file (``ImportRefused``) when a row cannot be read or written; running a
    finished import again does nothing. ``progress(done, total)`` is called after each batch."""
    with _source(bank_import, data) as source, db.atomic():
        batch = (
            BankImport.objects.select_for_update(of=("self",))
            .select_related("account", "fund", "created_by")
            .get(pk=bank_import.pk)
        )
        if batch.status == ImportStatus.DONE:
            return batch
        # One import into a bank account at a time: a parallel one waits here, then finds the
        # keys this one wrote, instead of failing on the unique key in the middle of a batch.
        Account.objects.select_for_update().filter(pk=batch.account_id).exists()
        statement = bankfiles.statement_open(source, commodity=batch.commodity)
        _statement_account_check(batch, statement)
        written = rows_write(
            batch=batch, statement=statement, batch_rows=batch_rows, progress=progress
        )
        if not written.total:
            raise _no_movement()
        if written.created:
            books_touched()
        _closing_settle(batch, statement, last_day=written.last_day)
        batch.format = statement.format
        batch.rows_total, batch.rows_created = written.total, written.created
        batch.rows_skipped, batch.rows_closed = written.skipped, written.closed
        batch.rows_other_format = written.other_format
        batch.status, batch.error = ImportStatus.DONE, ""
        batch.save()
        audit_record(
            action="ledger.bank_import.done",
            recorder=batch.created_by,
            obj=batch,
            data={
                "rows": written.total,
                "created": written.created,
                "skipped": written.skipped,
                "other_format": written.other_format,
                "closed": written.closed,
            },
        )
    # After the import's transaction: a listener's failure is logged, the import stays done.
    signals.bank_import_done.send_robust(sender=BankImport, bank_import=batch)
    return batch


def _statement_account_check(batch: BankImport, statement: Statement) -> None:
    """A statement that names its IBAN lands only on the account recorded with that IBAN: after
    a handover of the fiscal host's charge, the incoming account's statement is not read into
    the outgoing one."""
    recorded = BankAccount.objects.filter(account_id=batch.account_id).first()
    named = iban_compact(statement.account)
    if recorded is None or not iban_valid(named) or named == recorded.iban:
        return
    raise ImportRefused(
        None,
        _(
            "This statement is of the account %(named)s, not of %(account)s (%(iban)s): "
            "import it into the account it belongs to."
        )
        % {
            "named": iban_grouped(named),
            "account": batch.account.code,
            "iban": recorded.iban_grouped,
        },
    )


def _no_movement() -> ImportRefused:
    """A header and no movement: most often the wrong period was exported."""
    return ImportRefused(
        None,
        _(
            "The statement holds no movement: its table has a header but no row. "
            "Export the statement again for a period with movements."
        ),
    )


@contextmanager
def _source(bank_import: BankImport, data: bytes | None) -> Iterator:
    """The file to read, open while the import runs."""
    if data is not None:
        yield io.BytesIO(data)
        return
    with bank_import.upload.open("rb") as upload:
        yield upload


def _closing_settle(
    batch: BankImport, statement: Statement, *, last_day: datetime.date | None
) -> None:
    """The treasurer's closing balance wins over the file's; its date defaults to the file's,
    else to the last row's (``last_day``, the latest date of the file's rows)."""
    typed = batch.closing_balance_minor
    if typed is not None and statement.commodity != batch.commodity:
        try:
            typed = to_minor(from_minor(typed, batch.commodity), statement.commodity)
        except MoneyError as error:
            raise ImportRefused(None, str(error)) from None
    batch.commodity = statement.commodity
    if typed is not None:
        batch.closing_balance_minor = typed
        batch.closing_date = batch.closing_date or statement.closing_date or last_day
    elif statement.closing_balance is not None:
        try:
            batch.closing_balance_minor = to_minor(statement.closing_balance, statement.commodity)
        except MoneyError as error:
            raise ImportRefused(None, str(error)) from None
        batch.closing_date = statement.closing_date


def bank_import_refuse(*, bank_import: BankImport, refused: ImportRefused) -> BankImport:
    """Record why a file was refused (in the active language); none of its rows were written."""
    with db.atomic():
        batch = BankImport.objects.select_for_update().get(pk=bank_import.pk)
        if batch.status == ImportStatus.DONE:
            return batch
        batch.status, batch.error = ImportStatus.REFUSED, refused.message
        batch.save(update_fields=["status", "error"])
        audit_record(
            action="ledger.bank_import.refused",
            recorder=batch.created_by,
            obj=batch,
            data={"line": refused.line, "reason": refused.reason},
        )
    return batch


# --- progress ------------------------------------------------------------------------------------


def progress_key(import_id: int) -> str:
    return f"ledger:bank-import:{import_id}:progress"


def progress_recorder(import_id: int):
    """A ``progress(done, total)`` callback writing to the cache about a hundred times a run."""

    def record(done: int, total: int) -> None:
        step = max(1, total // 100)
        if done == total or done % step == 0 or done == 1:
            cache.set(progress_key(import_id), {"done": done, "total": total}, PROGRESS_SECONDS)

    return record


def bank_import_progress(*, bank_import: BankImport) -> dict:
    """What the status page and its JSON twin show: status, rows done of total, counts."""
    done = bank_import.status in (ImportStatus.DONE, ImportStatus.REFUSED)
    seen = {} if done else cache.get(progress_key(bank_import.pk)) or {}
    return {
        "status": bank_import.status,
        "done": bank_import.rows_total if bank_import.status == ImportStatus.DONE else 0,
        "total": bank_import.rows_total,
        **seen,
        "created": bank_import.rows_created,
        "skipped": bank_import.rows_skipped,
        "other_format": bank_import.rows_other_format,
        "closed": bank_import.rows_closed,
        "finished": done,
        "error": bank_import.error,
    }


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reconciliation:
    """The statement's closing balance against the books' balance of the bank account on that
    day, across funds: with the drafts (the statement's own rows) and posted only."""

    closing_date: datetime.date
    commodity: str
    statement_minor: int
    books_minor: int
    posted_minor: int

    @property
    def difference_minor(self) -> int:
        """Statement minus books (drafts included): zero when the books match to the cent."""
        return self.statement_minor - self.books_minor

    @property
    def matches(self) -> bool:
        return self.difference_minor == 0


def bank_reconciliation(*, bank_import: BankImport) -> Reconciliation | None:
    """None when the import has no closing balance to check."""
    if bank_import.closing_balance_minor is None or bank_import.closing_date is None:
        return None
    commodity = bank_import.commodity
    on = bank_import.closing_date
    account = bank_import.account
    return Reconciliation(
        closing_date=on,
        commodity=commodity,
        statement_minor=bank_import.closing_balance_minor,
        books_minor=account_balance(account=account, on=on, drafts=True).get(commodity) or 0,
        posted_minor=account_balance(account=account, on=on).get(commodity) or 0,
    )


def bank_import_drafts(*, bank_import: BankImport):
    """The drafts this import created that still wait to be categorised or posted."""
    return bank_import.transactions.filter(status=TransactionStatus.DRAFT)
