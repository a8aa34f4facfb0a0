"""A bank statement's rows written as drafts, a batch at a time, inside the import's one database
transaction (``imports.bank_import_run``).

Each batch of rows costs a fixed number of statements whatever its length: one query for the keys
already in the books, one ``executemany`` for the transactions, one query for their ids, one
``executemany`` each for their postings and their audit events (``remix.core.bulk``: plain
``INSERT``s, without building a model object per row). The rules a draft obeys are checked where
they can change: the accounts, the fund, the currency and the recorder's right once, on the first
new row (they are the same for every row), each row's date against the window. Postings are
written unposted into draft transactions, as ``transaction_create`` writes them, so the
database's triggers see every insert. The books' version is bumped once, by the caller.

A row's key (``import:`` + sha256 of the bank account, date, amount in minor units, commodity,
normalised label and its rank among identical rows of the file) makes a re-import, or an
overlapping later statement, create nothing twice.

The same month exported in another format (its CSV, then its OFX or CAMT.053) labels the same
movements differently, so its keys differ. A row whose key is new is still the same movement as
a row imported from another format (``OtherFormats``) when both are on the same bank account, on
the same day, for the same amount in the same currency, and, when both carry the bank's own
reference (OFX ``FITID``, CAMT ``AcctSvcrRef``, a CSV reference column), with the same
reference. Each earlier row stands for one movement only: two identical card payments of a day
in the CSV match the two of the OFX, not a third.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.audit import audit_record_many
from remix.core.bulk import rows_insert
from remix.core.dates import date_check, date_window
from remix.core.money import to_minor
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import bankfiles
from remix.ledger.bankfiles import BankRow, ImportRefused, Statement
from remix.ledger.models import (
    Account,
    BankImport,
    ClosedPeriod,
    Posting,
    Transaction,
    TransactionStatus,
)
from remix.ledger.services.checks import Leg, legs_check


class RowKeys:
    """``keys(row)`` → ``(key, minor)``: the row's key and its amount in minor units. Rows must be
    given in the file's order: identical rows are told apart by their rank among them, so an
    overlapping statement matches them again. Holds 16 bytes per distinct row."""

    def __init__(self, *, account_code: str, commodity: str):
        self.account_code, self.commodity = account_code, commodity
        self.seen: dict[bytes, int] = {}

    def __call__(self, row: BankRow) -> tuple[str, int]:
        minor = to_minor(row.amount, self.commodity)
        identity = "\x1f".join(
            (
                self.account_code,
                row.date.isoformat(),
                str(minor),
                self.commodity,
                bankfiles.label_normalise(row.label),
            )
        )
        digest = hashlib.sha256(identity.encode("utf-8")).digest()[:16]
        rank = self.seen[digest] = self.seen.get(digest, 0) + 1
        text = f"{identity}\x1f{rank}"
        return "import:" + hashlib.sha256(text.encode("utf-8")).hexdigest(), minor


@dataclass
class Written:
    """What an import did with its rows: each row is created, skipped (already in the books,
    ``other_format`` of them imported from another format of the statement) or closed (dated in
    a closed period, not imported)."""

    total: int = 0
    created: int = 0
    skipped: int = 0
    other_format: int = 0
    closed: int = 0
    last_day: datetime.date | None = None


def rows_write(
    *,
    batch: BankImport,
    statement: Statement,
    batch_rows: int,
    progress: Callable[[int, int], None] | None = None,
) -> Written:
    """Every row of the statement that is not yet in the books, nor dated in a closed period,
    as a draft; ``progress(done, total)`` after each batch (``total`` as announced by the file
    while it is read, exact at the end). Raises ``ImportRefused`` on a row the books refuse."""
    keys = RowKeys(account_code=batch.account.code, commodity=statement.commodity)
    closed = list(ClosedPeriod.objects.values_list("start", "end"))
    others = OtherFormats(batch=batch, statement=statement)
    drafts = _Drafts(batch, statement)
    written = Written()
    announced = statement.announced
    if progress is not None:
        progress(0, announced)
    for rows in _batches(statement.rows, batch_rows):
        keyed = [(row, *keys(row)) for row in rows]
        known = set(
            Transaction.objects.filter(external_key__in=[key for _r, key, _m in keyed]).values_list(
                "external_key", flat=True
            )
        )
        fresh = [item for item in keyed if item[1] not in known]
        twins = others.twins(fresh)
        new = []
        for row, key, minor in fresh:
            if key in twins:
                continue
            if any(start <= row.date <= end for start, end in closed):
                written.closed += 1  # a closed month's books are final
                continue
            new.append((row, key, minor))
        drafts.write(new)
        written.total += len(rows)
        written.created += len(new)
        written.skipped += len(rows) - len(fresh) + len(twins)
        written.other_format += len(twins)
        last = max(row.date for row in rows)
        written.last_day = max(last, written.last_day or last)
        if progress is not None:
            progress(written.total, max(announced, written.total))
    if progress is not None and written.total != announced:
        progress(written.total, written.total)
    return written


class OtherFormats:
    """The rows imported earlier into the same bank account from another format of statement,
    found again by day, amount and (when both carry it) the bank's reference; see the module's
    docstring. ``twins(rows)`` gives the keys of the rows that are such a movement, each earlier
    row claimed once for the whole import."""

    def __init__(self, *, batch: BankImport, statement: Statement):
        self.account_id, self.format = batch.account_id, statement.format
        self.commodity = statement.commodity
        self.claimed: set[int] = set()
        # Asked once: an account fed in one format only costs no query per batch.
        self.any = (
            BankImport.objects.filter(account_id=batch.account_id, transactions__isnull=False)
            .exclude(format__in=("", statement.format))
            .exists()
        )

    def twins(self, rows: list[tuple[BankRow, str, int]]) -> set[str]:
        if not rows or not self.any:
            return set()
        pools = self._earlier({row.date for row, _key, _minor in rows})
        found = set()
        for row, key, minor in rows:
            pool = pools.get((row.date, minor))
            if not pool:
                continue
            reference = row.reference.strip()[:120]
            pick = next((c for c in pool if reference and c[1] == reference), None) or next(
                (c for c in pool if not reference or not c[1]), None
            )
            if pick is not None:
                pool.remove(pick)
                self.claimed.add(pick[0])
                found.add(key)
        return found

    def _earlier(self, days: set[datetime.date]) -> dict[tuple, list[tuple[int, str]]]:
        """(day, amount) → [(transaction id, reference)] of the bank legs imported from another
        format, oldest first, not yet claimed."""
        legs = (
            Posting.objects.filter(
                account_id=self.account_id,
                commodity=self.commodity,
                date__in=days,
                transaction__bank_import__isnull=False,
            )
            .exclude(transaction__bank_import__format=self.format)
            .exclude(transaction_id__in=self.claimed)
            .order_by("date", "transaction_id")
            .values_list("transaction_id", "date", "amount_minor", "transaction__reference")
        )
        pools: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
        for tx, day, minor, reference in legs:
            pools[(day, minor)].append((tx, (reference or "").strip()))
        return pools


def _batches(rows: Iterable[BankRow], size: int) -> Iterator[list[BankRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


TRANSACTION_FIELDS = (
    "date",
    "description",
    "reference",
    "external_key",
    "bank_import",
    "created_by",
    "created_at",
    "status",
    "anonymous",
    "is_transfer",
    "reason",
)
POSTING_FIELDS = (
    "transaction",
    "account",
    "fund",
    "commodity",
    "amount_minor",
    "memo",
    "date",
    "posted",
)


class _Drafts:
    """Writes rows as drafts: the bank account with the row's signed amount, the suspense account
    with the opposite, in the import's fund."""

    def __init__(self, batch: BankImport, statement: Statement):
        self.batch, self.statement = batch, statement
        self.suspense = Account.objects.get(is_suspense=True)
        self.checked = False
        self.window = date_window()
        self.untitled = _("Bank statement row")

    def write(self, new: list[tuple[BankRow, str, int]]) -> None:
        if not new:
            return
        for row, _key, _minor in new:
            self._row_check(row)
        batch, commodity, now = self.batch, self.statement.commodity, timezone.now()
        rows_insert(
            Transaction,
            TRANSACTION_FIELDS,
            (
                (
                    row.date,
                    ((row.label or row.reference).strip() or self.untitled)[:300],
                    row.reference[:120],
                    key,
                    batch.pk,
                    batch.created_by_id,
                    now,
                    TransactionStatus.DRAFT,
                    False,
                    False,
                    "",
                )
                for row, key, _minor in new
            ),
        )
        ids = dict(
            Transaction.objects.filter(external_key__in=[key for _r, key, _m in new]).values_list(
                "external_key", "pk"
            )
        )
        rows_insert(
            Posting,
            POSTING_FIELDS,
            (
                (ids[key], account_id, batch.fund_id, commodity, amount, "", row.date, False)
                for row, key, minor in new
                for account_id, amount in ((batch.account_id, minor), (self.suspense.pk, -minor))
            ),
        )
        audit_record_many(
            action="ledger.transaction.created",
            recorder=batch.created_by,
            model=Transaction,
            items=((ids[key], {"date": str(row.date), "postings": 2}) for row, key, _m in new),
        )

    def _row_check(self, row: BankRow) -> None:
        """What ``transaction_create`` checks of a draft: the date of each row; the legs and the
        recorder's right once, on the first, since every row has the same accounts and fund."""
        first, last = self.window
        try:
            if not first <= row.date <= last:
                date_check(row.date)
            if not self.checked:
                legs_check(self._legs(row), is_transfer=False)
                require_recorder(can_keep_books, self.batch.created_by)
                self.checked = True
        except ValidationError as error:
            raise self._refused(row, " ".join(error.messages)) from None

    def _legs(self, row: BankRow) -> list[Leg]:
        batch, commodity = self.batch, self.statement.commodity
        return [
            Leg.of(batch.account, batch.fund, row.amount, commodity),
            Leg.of(self.suspense, batch.fund, -row.amount, commodity),
        ]

    def _refused(self, row: BankRow, reason: str) -> ImportRefused:
        if self.statement.format == bankfiles.CSV:
            return ImportRefused(row.line, reason)
        return ImportRefused(None, _("Entry %(n)s: %(reason)s") % {"n": row.line, "reason": reason})
