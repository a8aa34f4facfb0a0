"""Importing bank statements: drafts, nothing twice, all or nothing, the closing balance, the
command, the background task and the treasurer's pages."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from remix.core.models import AuditEvent
from remix.ledger import imports
from remix.ledger.bankfiles import ImportRefused
from remix.ledger.models import Account, BankImport, Fund, Posting, Transaction
from remix.ledger.tests.builders import books_load, fund_project

SAMPLES = Path(__file__).parent / "samples"
CA = "credit-agricole-2026-10.csv"
D = datetime.date


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bank(db):
    return Account.objects.get(code="Assets:Bank:Current")


@pytest.fixture
def platform(db):
    return Fund.objects.get(kind="platform")


def run(data: bytes, *, bank, fund, filename="statement.csv", progress=None, **kwargs):
    batch = imports.bank_import_prepare(
        data=data, filename=filename, account=bank, fund=fund, **kwargs
    )
    return imports.bank_import_run(bank_import=batch, data=data, progress=progress)


def drafts_of(batch):
    """(date, description, bank amount, suspense amount, fund) of each draft, oldest first."""
    rows = []
    for tx in batch.transactions.order_by("date", "id"):
        legs = {p.account.code: p for p in tx.postings.select_related("account", "fund")}
        assert set(legs) == {"Assets:Bank:Current", "Assets:Suspense"}
        assert {p.fund.slug for p in legs.values()} == {batch.fund.slug}
        rows.append(
            (
                tx.date,
                tx.description,
                legs["Assets:Bank:Current"].amount_minor,
                legs["Assets:Suspense"].amount_minor,
                tx.status,
            )
        )
    return rows


OPENING = """
2026-09-30 * "Solde d'ouverture"
  Assets:Bank:Current          17.05 EUR
  Equity:Opening-balances     -17.05 EUR
"""


# --- drafts, and nothing twice -------------------------------------------------------------------


def test_each_row_lands_as_a_draft_waiting_on_the_suspense_account(bank, platform, make_user):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    batch = imports.bank_import_prepare(
        data=sample(CA), filename=CA, account=bank, fund=platform, recorder=treasurer
    )
    batch = imports.bank_import_run(bank_import=batch, data=sample(CA))
    assert (batch.status, batch.format, batch.commodity) == ("done", "csv", "EUR")
    assert (batch.rows_total, batch.rows_created, batch.rows_skipped) == (6, 6, 0)
    assert drafts_of(batch) == [
        (
            D(2026, 10, 3),
            "VIREMENT EN VOTRE FAVEUR DIOP AWA DON OCTOBRE – MERCI",
            5000,
            -5000,
            "draft",
        ),
        (D(2026, 10, 12), "CARTE X1234 11/10 LA POSTE", -250, 250, "draft"),
        (D(2026, 10, 12), "CARTE X1234 11/10 LA POSTE", -250, 250, "draft"),
        (
            D(2026, 10, 15),
            "VIR SEPA RECU /DE REGION OCCITANIE SUBVENTION 2026 ACOMPTE",
            120000,
            -120000,
            "draft",
        ),
        (D(2026, 10, 28), "PRLV SEPA OVH SAS FACTURE FR-2026-10-4411", -2399, 2399, "draft"),
        (D(2026, 10, 31), "FRAIS TENUE DE COMPTE", -350, 350, "draft"),
    ]
    assert set(batch.transactions.values_list("created_by", flat=True)) == {treasurer.pk}
    assert all(
        key.startswith("import:")
        for key in Transaction.objects.values_list("external_key", flat=True)
    )
    assert list(
        AuditEvent.objects.filter(object_type="ledger.bankimport")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["ledger.bank_import.created", "ledger.bank_import.done"]


def test_a_reimport_creates_nothing_twice(bank, platform):
    first = run(sample(CA), bank=bank, fund=platform)
    again = run(sample(CA), bank=bank, fund=platform)
    assert (again.rows_total, again.rows_created, again.rows_skipped) == (6, 0, 6)
    assert Transaction.objects.count() == 6
    assert first.transactions.count() == 6 and again.transactions.count() == 0
    # Into another fund, the same rows are still the same rows.
    third = run(sample(CA), bank=bank, fund=fund_project())
    assert (third.rows_created, third.rows_skipped) == (0, 6)


def test_an_overlapping_later_statement_adds_only_its_new_rows(bank, platform):
    run(sample(CA), bank=bank, fund=platform)
    later = (
        "Date;Libellé;Débit euros;Crédit euros;\n"
        "03/11/2026;COTISATION CARTE;12,00;\n"
        "31/10/2026;FRAIS TENUE DE COMPTE;3,50;\n"
        "28/10/2026;PRLV SEPA OVH SAS FACTURE FR-2026-10-4411;23,99;\n"
        # Only one of the two identical card payments of the 12th: the first is matched again.
        "12/10/2026;carte x1234 11/10 la poste;2,50;\n"
    )
    batch = run(later.encode("cp1252"), bank=bank, fund=platform)
    assert (batch.rows_total, batch.rows_created, batch.rows_skipped) == (4, 1, 3)
    assert [(tx.date, tx.description) for tx in batch.transactions.all()] == [
        (D(2026, 11, 3), "COTISATION CARTE")
    ]
    assert Transaction.objects.filter(date=D(2026, 10, 12)).count() == 2


def test_rows_in_a_closed_month_are_counted_apart_not_imported(bank, platform):
    from remix.ledger import maths, services

    services.period_close(period=maths.period_parse("2026-09"))
    text = "Date;Libellé;Montant\n30/09/2026;AGIOS;-1,20\n01/10/2026;DON;10,00\n"
    batch = run(text.encode(), bank=bank, fund=platform)
    assert (batch.rows_total, batch.rows_created, batch.rows_skipped) == (2, 1, 0)
    assert batch.rows_closed == 1
    assert list(Transaction.objects.values_list("description", flat=True)) == ["DON"]


def test_identical_rows_are_told_apart_by_their_rank_in_the_file(bank, platform):
    from remix.ledger.bankfiles import statement_read

    statement = statement_read(sample(CA))
    keys = imports.row_keys(account_code="Assets:Bank:Current", statement=statement)
    assert len(set(keys)) == 6
    other = imports.row_keys(account_code="Assets:Bank:Savings", statement=statement)
    assert not set(keys) & set(other)


def test_ofx_and_camt_files_land_the_same_way(bank, platform):
    ofx = run(sample("releve-2026-10.ofx"), bank=bank, fund=platform, filename="releve.ofx")
    assert (ofx.format, ofx.rows_created, ofx.closing_balance_minor) == ("ofx", 4, 3706)
    assert [row[:3] for row in drafts_of(ofx)] == [
        (D(2026, 10, 3), "VIR SEPA DIOP AWA DON OCTOBRE", 5000),
        (D(2026, 10, 12), "CARTE X1234 LA POSTE", -250),
        (D(2026, 10, 28), "PRLV OVH SAS Prélèvement facture FR-2026-10-4411", -2399),
        (D(2026, 10, 31), "FRAIS TENUE DE COMPTE & CARTE", -350),
    ]
    assert ofx.transactions.get(date=D(2026, 10, 3)).reference == "2026100300001"
    camt = run(sample("camt053-2026-10.xml"), bank=bank, fund=platform, filename="camt.xml")
    assert (camt.format, camt.rows_created, camt.closing_date) == ("camt.053", 4, D(2026, 10, 31))


# --- all or nothing ------------------------------------------------------------------------------


class Crash(Exception):
    pass


def crash_after(rows: int):
    def progress(done, total):
        if done > rows:
            raise Crash(f"killed after {rows} of {total} rows")

    return progress


def test_an_import_killed_midway_leaves_nothing_and_completes_once_when_run_again(
    transactional_db, bank, platform
):
    # Real commits (transactional_db): the import's one transaction is really rolled back.
    data = sample(CA)
    batch = imports.bank_import_prepare(data=data, filename=CA, account=bank, fund=platform)
    with pytest.raises(Crash):
        imports.bank_import_run(bank_import=batch, data=data, progress=crash_after(3))
    assert Transaction.objects.count() == 0 and Posting.objects.count() == 0
    batch.refresh_from_db()
    assert (batch.status, batch.rows_created, batch.rows_total) == ("pending", 0, 0)
    assert not AuditEvent.objects.filter(action="ledger.transaction.created").exists()

    done = imports.bank_import_run(bank_import=batch, data=data)
    assert (done.status, done.rows_created, done.rows_skipped) == ("done", 6, 0)
    assert imports.bank_import_run(bank_import=batch, data=data).rows_created == 6  # a no-op
    assert Transaction.objects.count() == 6 and Posting.objects.count() == 12


def test_a_file_refused_on_line_7_writes_nothing(bank, platform):
    bad = (
        "Compte courant;\n;\nDate;Libellé;Débit;Crédit\n01/10/2026;A;1,00;\n02/10/2026;B;;2,00\n"
        "03/10/2026;C;3,00;\n2026-13-01;D;4,00;\n"
    ).encode()
    batch = imports.bank_import_prepare(data=bad, filename="bad.csv", account=bank, fund=platform)
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        imports.bank_import_run(bank_import=batch, data=bad)
    assert refused.value.line == 7
    assert Transaction.objects.count() == 0


def test_a_row_the_books_refuse_refuses_the_file(bank, platform):
    # The account was closed between the upload and the background run.
    batch = imports.bank_import_prepare(data=sample(CA), filename=CA, account=bank, fund=platform)
    Account.objects.filter(pk=bank.pk).update(active=False)
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        imports.bank_import_run(bank_import=batch, data=sample(CA))
    assert (refused.value.line, refused.value.reason) == (
        10,
        "Account Assets:Bank:Current is closed.",
    )
    assert Transaction.objects.count() == 0


def test_only_a_bank_account_takes_an_import(bank, platform):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        imports.bank_import_prepare(
            data=sample(CA),
            filename=CA,
            account=Account.objects.get(code="Income:Other"),
            fund=platform,
        )
    assert error.value.message_dict == {"account": ["Income:Other is not a bank account."]}
    with pytest.raises(ValidationError):
        imports.bank_import_prepare(
            data=b"x",
            filename="x.csv",
            account=Account.objects.get(is_suspense=True),
            fund=platform,
        )


# --- the closing balance -------------------------------------------------------------------------


def test_the_statements_closing_balance_matches_the_books_to_the_cent(bank, platform):
    books_load(OPENING)
    batch = run(sample(CA), bank=bank, fund=platform)
    assert (batch.closing_date, batch.closing_balance_minor) == (D(2026, 10, 31), 123456)
    result = imports.bank_reconciliation(bank_import=batch)
    assert (result.statement_minor, result.books_minor, result.posted_minor) == (
        123456,
        123456,
        1705,
    )
    assert (result.difference_minor, result.matches) == (0, True)


def test_a_closing_balance_off_by_one_cent(bank, platform):
    books_load(OPENING)
    batch = run(
        sample("bank-export-utf8-bom.csv"),
        bank=bank,
        fund=platform,
        closing_balance="1459,52",
        closing_date=D(2026, 10, 31),
    )
    # 17,05 + 50,00 − 23,99 + 1 500,00 − 84,30 = 1 458,76 in the books.
    result = imports.bank_reconciliation(bank_import=batch)
    assert (result.statement_minor, result.books_minor) == (145952, 145876)
    assert batch.closing_balance_minor == 145952
    batch = run(
        sample("bank-export-utf8-bom.csv"), bank=bank, fund=platform, closing_balance="1458.77"
    )
    result = imports.bank_reconciliation(bank_import=batch)
    assert batch.closing_date == D(2026, 10, 20)  # the last row's day, when none is given
    assert (result.difference_minor, result.matches) == (1, False)


def test_the_treasurers_closing_balance_wins_over_the_files(bank, platform):
    batch = run(sample(CA), bank=bank, fund=platform, closing_balance="1234.55")
    assert (batch.closing_date, batch.closing_balance_minor) == (D(2026, 10, 31), 123455)


def test_no_closing_balance_no_check(bank, platform):
    batch = run(sample("bank-export-utf8-bom.csv"), bank=bank, fund=platform)
    assert imports.bank_reconciliation(bank_import=batch) is None


# --- the command ---------------------------------------------------------------------------------


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-bank", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_checks_the_closing_balance(bank, platform):
    books_load(OPENING)
    path = str(SAMPLES / CA)
    with translation.override("en"):
        out, err = command(path, "--account", "Assets:Bank:Current", "--fund", "plateforme")
    assert out.splitlines() == [
        "credit-agricole-2026-10.csv: 6 rows.",
        "  6 new drafts.",
        "  0 already imported, not imported again.",
        "  0 dated in a closed period, not imported.",
        "Closing balance on 2026-10-31: statement €1,234.56, books €1,234.56 "
        "(posted only: €17.05).",
        "The books match the statement to the cent.",
    ]
    assert "6/6" in err  # the progress bar
    with translation.override("fr"):
        out, _err = command(
            path,
            "--account=Assets:Bank:Current",
            "--fund=plateforme",
            "--closing-balance=1 234,57",
            "--closing-date=31/10/2026",
            "--no-progress",
        )
    assert re.match(r"credit-agricole-2026-10\.csv\s?: 6 lignes", out.splitlines()[0])
    assert "0,01\xa0€" in out.splitlines()[-1]
    assert Transaction.objects.count() == 7


def test_the_command_refuses_with_one_clear_line(bank, platform):
    with translation.override("en"), pytest.raises(CommandError) as error:
        command(
            str(SAMPLES / "missing.csv"), "--account", "Assets:Bank:Current", "--fund", "plateforme"
        )
    assert str(error.value).startswith("Cannot read ")
    with translation.override("en"), pytest.raises(CommandError) as error:
        command(str(SAMPLES / CA), "--account", "Assets:Nope", "--fund", "plateforme")
    assert str(error.value) == "No account Assets:Nope."
    with translation.override("en"), pytest.raises(CommandError) as error:
        command(str(SAMPLES / CA), "--account", "Assets:Bank:Current", "--fund", "nope")
    assert str(error.value) == "No fund nope."
    assert BankImport.objects.count() == 0


def test_the_command_refuses_a_bad_file_and_writes_nothing(bank, platform, tmp_path):
    bad = tmp_path / "releve.csv"
    bad.write_bytes(
        "Date;Libellé;Montant\n01/10/2026;A;1,00\n02/10/2026;B;douze\n".encode("cp1252")
    )
    with translation.override("en"), pytest.raises(CommandError) as error:
        command(str(bad), "--account", "Assets:Bank:Current", "--fund", "plateforme")
    assert str(error.value) == (
        "File refused, nothing was imported. Line 3: “douze” is not an amount."
    )
    assert "\n" not in str(error.value)
    assert BankImport.objects.count() == 0 and Transaction.objects.count() == 0


# --- the background task -------------------------------------------------------------------------


def test_an_interrupted_web_import_runs_again_once(
    bank, platform, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    monkeypatch.setattr(imports, "progress_recorder", lambda import_id: crash_after(2))
    with django_capture_on_commit_callbacks(execute=True):
        batch = imports.bank_import_upload(
            data=sample(CA), filename=CA, account=bank, fund=platform, recorder=treasurer
        )
    batch.refresh_from_db()
    assert batch.status == "pending" and batch.error.startswith("Crash: killed after 2")
    assert Transaction.objects.count() == 0
    monkeypatch.undo()

    client = _client(treasurer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(en_url("ledger:import_run", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert (batch.status, batch.rows_created) == ("done", 6)
    client.post(en_url("ledger:import_run", kwargs={"pk": batch.pk}))
    assert Transaction.objects.count() == 6


def test_the_database_queue_and_its_worker_import_an_upload(
    transactional_db, settings, bank, platform
):
    # As in production: the upload commits, the task waits in the database queue, a worker runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    batch = imports.bank_import_upload(
        data=sample(CA), filename=CA, account=bank, fund=platform, language="en"
    )
    assert BankImport.objects.get(pk=batch.pk).status == "pending"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert (batch.status, batch.rows_created, batch.closing_balance_minor) == ("done", 6, 123456)


def test_progress_goes_to_the_cache_while_the_rows_are_invisible(bank, platform):
    batch = imports.bank_import_prepare(data=sample(CA), filename=CA, account=bank, fund=platform)
    record = imports.progress_recorder(batch.pk)
    record(1, 6)
    assert imports.bank_import_progress(bank_import=batch) == {
        "status": "pending",
        "done": 1,
        "total": 6,
        "created": 0,
        "skipped": 0,
        "other_format": 0,
        "closed": 0,
        "finished": False,
        "error": "",
    }
    batch = imports.bank_import_run(bank_import=batch, data=sample(CA), progress=record)
    assert cache.get(imports.progress_key(batch.pk)) == {"done": 6, "total": 6}
    state = imports.bank_import_progress(bank_import=batch)
    assert (state["status"], state["done"], state["total"], state["finished"]) == (
        "done",
        6,
        6,
        True,
    )


# --- the treasurer's pages -----------------------------------------------------------------------


def en_url(name, **kwargs):
    """The English page: the test client leaves the last request's language active."""
    with translation.override("en"):
        return reverse(name, **kwargs)


def _client(user):
    from remix.accounts.tests.clients import SecondFactorClient

    client = SecondFactorClient()
    client.force_login(user)
    return client


def upload(client, data: bytes, name: str, **fields):
    return client.post(
        en_url("ledger:import"),
        {
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
            "account": Account.objects.get(code="Assets:Bank:Current").pk,
            "fund": Fund.objects.get(kind="platform").pk,
            "commodity": "EUR",
            **fields,
        },
    )


def test_a_treasurer_uploads_a_statement_and_sees_the_drafts(
    make_user, platform, django_capture_on_commit_callbacks
):
    books_load(OPENING)
    client = _client(make_user("tresoriere", roles=["treasurer"], language="en"))
    page = client.get(en_url("ledger:import"))
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, sample(CA), CA)
    batch = BankImport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/books/imports/{batch.pk}/")
    assert bool(batch.upload) and batch.upload.read() == sample(CA)
    assert batch.status == "done" and batch.rows_created == 6

    status = client.get(response["Location"])
    text = status.content.decode()
    assert "6 rows in the file." in text and "6 new drafts" in text
    assert "0 already imported, not imported again" in text
    assert "0 dated in a closed period, not imported" in text
    assert (
        f'href="{en_url("ledger:books_transactions")}?status=waiting&amp;fund={platform.slug}"'
        in text
    )
    assert "The books match the statement to the cent." in text
    assert "import.js" not in text  # nothing left to poll

    state = client.get(en_url("ledger:import_status_json", kwargs={"pk": batch.pk})).json()
    assert (state["status"], state["done"], state["total"], state["created"]) == ("done", 6, 6, 6)
    listing = client.get(en_url("ledger:import")).content.decode()
    assert CA in listing


def test_a_refused_upload_says_the_line_and_writes_nothing(
    make_user, platform, django_capture_on_commit_callbacks
):
    client = _client(make_user("tresoriere", roles=["treasurer"], language="en"))
    bad = "Date;Libellé;Montant\n01/10/2026;A;1,00\n02/10/2026;B;1,00\n03/10/2026;C;1,00\n"
    bad += "04/10/2026;D;1,00\n05/10/2026;E;1,00\n32/10/2026;F;1,00\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, bad.encode("utf-8"), "bad.csv")
    batch = BankImport.objects.get()
    assert batch.status == "refused"
    assert batch.error == (
        "File refused, nothing was imported. Line 7: “32/10/2026” is not a date "
        "(dd/mm/yyyy or yyyy-mm-dd)."
    )
    assert Transaction.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Line 7: “32/10/2026” is not a date" in page


def test_a_running_import_page_polls_and_says_reload_without_script(make_user, platform, bank):
    client = _client(make_user("tresoriere", roles=["treasurer"], language="en"))
    batch = imports.bank_import_prepare(
        data=sample(CA), filename=CA, account=bank, fund=platform, keep_upload=True
    )
    imports.progress_recorder(batch.pk)(3, 6)
    text = client.get(en_url("ledger:import_status", kwargs={"pk": batch.pk})).content.decode()
    assert "3 of 6 rows written." in text
    assert "reload this page" in text
    assert "ledger/import.js" in text
    assert 'data-progress-text="%(done)s of %(total)s rows written."' in text


def test_a_typed_closing_balance_off_by_a_cent_is_shown(
    make_user, platform, django_capture_on_commit_callbacks
):
    books_load(OPENING)
    client = _client(make_user("tresoriere", roles=["treasurer"], language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client, sample(CA), CA, closing_balance="1 234,57", closing_date="2026-10-31"
        )
    text = client.get(response["Location"]).content.decode()
    assert "The books differ from the statement by €0.01" in text


def test_a_bad_typed_closing_balance_stays_in_the_form(make_user, platform):
    client = _client(make_user("tresoriere", roles=["treasurer"], language="en"))
    response = upload(client, sample(CA), CA, closing_balance="beaucoup")
    assert response.status_code == 400
    assert "“beaucoup” is not an amount." in response.content.decode()
    assert BankImport.objects.count() == 0


def test_a_file_too_large_is_refused_before_anything(make_user, platform, monkeypatch):
    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 100)
    client = _client(make_user("tresoriere", roles=["treasurer"], language="en"))
    response = upload(client, sample(CA), CA)
    assert response.status_code == 400
    assert "The file is larger than 20 MB." in response.content.decode()
    assert BankImport.objects.count() == 0


def test_members_and_visitors_cannot_import(make_user, bank, platform, client):
    batch = imports.bank_import_prepare(data=sample(CA), filename=CA, account=bank, fund=platform)
    urls = [
        en_url("ledger:import"),
        en_url("ledger:import_status", kwargs={"pk": batch.pk}),
        en_url("ledger:import_status_json", kwargs={"pk": batch.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    member = _client(make_user("membre", roles=["member"]))
    for url in urls:
        assert member.get(url).status_code == 403
    assert upload(member, sample(CA), CA).status_code == 403
    assert member.post(en_url("ledger:import_run", kwargs={"pk": batch.pk})).status_code == 403
    assert Transaction.objects.count() == 0
