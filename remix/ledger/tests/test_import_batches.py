"""A bank import written a batch at a time keeps what one written row by row kept: a file refused
in its second batch leaves nothing, an overlapping file adds only its new rows, progress is told
after each batch, the books' version moves once, and the queries grow with the batches, not the
rows."""

import datetime
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from remix.core.models import AuditEvent
from remix.ledger import imports
from remix.ledger.bankfiles import ImportRefused
from remix.ledger.models import Account, BooksState, Fund, Posting, Transaction

D = datetime.date
HEADER = "Date;Libellé;Montant"  # line 1; the row n (from 0) is on line n + 2


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def statement(days: range, *, bad: dict[int, str] | None = None) -> bytes:
    """A CSV with one row a day from the 1st of October 2026: "DON n", n,00 €; ``bad`` replaces
    the date of some rows."""
    lines = [HEADER]
    for n in days:
        day = (D(2026, 10, 1) + datetime.timedelta(days=n)).strftime("%d/%m/%Y")
        lines.append(f"{(bad or {}).get(n, day)};DON {n};{n + 1},00")
    return "\n".join(lines).encode("utf-8")


def run(data: bytes, *, batch_rows: int, progress=None, recorder=None):
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=Fund.objects.get(kind="platform"),
        recorder=recorder,
    )
    return imports.bank_import_run(
        bank_import=batch, data=data, progress=progress, batch_rows=batch_rows
    )


def version() -> int:
    return BooksState.objects.get(pk=1).version


def nothing_written() -> bool:
    created = AuditEvent.objects.filter(action="ledger.transaction.created")
    return not (Transaction.objects.exists() or Posting.objects.exists() or created.exists())


def test_a_row_the_books_refuse_in_the_second_batch_leaves_nothing(db):
    # Rows 0–2 are written as the first batch before row 4, outside the dates, is met.
    data = statement(range(7), bad={4: "01/01/1990"})
    before = version()
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        run(data, batch_rows=3)
    assert refused.value.line == 6
    assert refused.value.reason.startswith("1990-01-01 is outside the dates the platform accepts")
    assert nothing_written() and version() == before


def test_a_line_unread_in_the_second_batch_leaves_nothing(db):
    data = statement(range(7), bad={5: "32/10/2026"})
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        run(data, batch_rows=3)
    assert (refused.value.line, refused.value.reason) == (
        7,
        "“32/10/2026” is not a date (dd/mm/yyyy or yyyy-mm-dd).",
    )
    assert nothing_written()


def test_an_overlapping_file_adds_only_its_new_rows_across_batches(db):
    first = run(statement(range(0, 8)), batch_rows=3)
    assert (first.rows_total, first.rows_created, first.rows_skipped) == (8, 8, 0)
    later = run(statement(range(5, 15)), batch_rows=3)
    assert (later.rows_total, later.rows_created, later.rows_skipped) == (10, 7, 3)
    assert sorted(later.transactions.values_list("description", flat=True)) == sorted(
        f"DON {n}" for n in range(8, 15)
    )
    assert Transaction.objects.count() == 15 and Posting.objects.count() == 30
    again = run(statement(range(0, 15)), batch_rows=4)
    assert (again.rows_created, again.rows_skipped) == (0, 15)


def test_each_draft_has_its_postings_and_its_audit_event(db, make_user):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    batch = run(statement(range(5)), batch_rows=2, recorder=treasurer)
    drafts = list(batch.transactions.order_by("date"))
    assert [(tx.date, tx.description, tx.status) for tx in drafts] == [
        (D(2026, 10, 1 + n), f"DON {n}", "draft") for n in range(5)
    ]
    assert [
        sorted(tx.postings.values_list("account__code", "amount_minor", "posted")) for tx in drafts
    ] == [
        [("Assets:Bank:Current", (n + 1) * 100, False), ("Assets:Suspense", -(n + 1) * 100, False)]
        for n in range(5)
    ]
    events = AuditEvent.objects.filter(action="ledger.transaction.created").order_by("id")
    assert [(e.object_id, e.recorder_id, e.data) for e in events] == [
        (str(tx.pk), treasurer.pk, {"date": str(tx.date), "postings": 2}) for tx in drafts
    ]


def test_the_books_version_moves_once_per_import_that_writes(db):
    before = version()
    run(statement(range(7)), batch_rows=2)
    assert version() == before + 1
    run(statement(range(7)), batch_rows=2)  # nothing new: the books did not change
    assert version() == before + 1


def test_progress_after_each_batch_and_exact_at_the_end(db):
    calls = []
    run(statement(range(7)), batch_rows=3, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 7), (3, 7), (6, 7), (7, 7)]
    # A total line among the rows is counted as announced, then the total is made exact.
    data = statement(range(4)) + b"\nTotal;;10,00"
    calls.clear()
    run(data, batch_rows=10, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 5), (4, 5), (4, 4)]


def queries(lines: int, *, batch_rows: int, first: int = 0) -> int:
    data = statement(range(first, first + lines))
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=Fund.objects.get(kind="platform"),
    )
    with CaptureQueriesContext(connection) as captured:
        imports.bank_import_run(bank_import=batch, data=data, batch_rows=batch_rows)
    return len(captured)


def test_the_queries_grow_with_the_batches_not_the_rows(db):
    queries(1, batch_rows=1000, first=600)  # what is read once and cached (the dates' window)
    six = queries(6, batch_rows=1000)
    assert queries(60, batch_rows=1000, first=100) == six
    # Ten batches of 6 rows cost ten times a batch's few statements.
    per_batch = queries(12, batch_rows=6, first=200) - queries(6, batch_rows=6, first=300)
    assert 0 < per_batch <= 5
    assert queries(60, batch_rows=6, first=400) == queries(6, batch_rows=6, first=500) + 9 * (
        per_batch
    )


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_imports_at_once_write_each_row_once():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite writes one transaction at a time: the race is run on PostgreSQL.")
    files = [statement(range(0, 40)), statement(range(20, 60))]
    batches = [
        imports.bank_import_prepare(
            data=data,
            filename="releve.csv",
            account=Account.objects.get(code="Assets:Bank:Current"),
            fund=Fund.objects.get(kind="platform"),
        )
        for data in files
    ]
    start = threading.Barrier(2)
    outcomes = []

    def run_one(batch, data):
        try:
            start.wait()
            done = imports.bank_import_run(bank_import=batch, data=data, batch_rows=7)
            outcomes.append((done.rows_created, done.rows_skipped))
        finally:
            connection.close()

    pairs = zip(batches, files, strict=True)
    threads = [threading.Thread(target=run_one, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One ran first and wrote its 40 rows; the other waited, then found 20 of its rows written.
    assert sorted(outcomes) == [(20, 20), (40, 0)]
    assert Transaction.objects.count() == 60 and Posting.objects.count() == 120
