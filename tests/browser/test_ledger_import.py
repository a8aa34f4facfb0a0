"""The treasurer at month end imports the bank's CSV (JOURNEYS.md): the rows land as drafts."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from remix.ledger import imports
from remix.ledger.models import Account, BankImport, Fund, Transaction
from tests.browser.conftest import log_in_awa as log_in
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parents[2] / "remix" / "ledger" / "tests" / "samples"


def test_the_treasurer_imports_the_banks_csv_and_finds_the_drafts(watched, treasurer_awa):
    watch = watched()
    page = watch.page
    log_in(page, "/budget/books/imports/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    watch.check("import-form")

    page.locator("#id_file").set_input_files(str(SAMPLES / "credit-agricole-2026-10.csv"))
    page.locator("#id_closing_balance").fill("1 217,51")
    page.locator("#id_closing_date").fill("2026-10-31")
    page.locator("form.books-form button[type=submit]").click()

    batch = BankImport.objects.get()
    expect(page).to_have_url(re.compile(rf"/budget/books/imports/{batch.pk}/$"))
    expect(page.locator("#import-counts")).to_contain_text("6")
    expect(page.locator("#reconciliation-result")).to_be_visible()
    watch.check("import-done")
    assert Transaction.objects.filter(bank_import=batch, status="draft").count() == 6

    drafts = page.locator("#drafts-link")
    fund = Fund.objects.get(kind="platform")
    expect(drafts).to_have_attribute(
        "href", f"/budget/books/transactions/?status=waiting&fund={fund.slug}"
    )
    drafts.click()
    expect(page).to_have_url(re.compile(r"/budget/books/transactions/\?status=waiting"))
    expect(page.get_by_text("CARTE X1234 11/10 LA POSTE").first).to_be_visible()


def test_the_status_page_follows_a_running_import_on_a_phone(watched, treasurer_awa):
    bank = Account.objects.get(code="Assets:Bank:Current")
    data = (SAMPLES / "credit-agricole-2026-10.csv").read_bytes()
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=bank,
        fund=Fund.objects.get(kind="platform"),
        keep_upload=True,
        recorder=treasurer_awa,
    )
    BankImport.objects.filter(pk=batch.pk).update(status="running")
    record = imports.progress_recorder(batch.pk)
    record(2, 6)

    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page
    log_in(page, f"/budget/books/imports/{batch.pk}/")
    expect(page.locator("#import-bar")).to_have_attribute("value", "2")
    # The script polls: the "reload this page" hint is for browsers without it.
    expect(page.locator("#import-progress .no-js-only")).to_be_hidden()
    record(4, 6)
    expect(page.locator("#import-progress-text")).to_contain_text("4")
    watch.check("import-running")
    assert no_sideways_scroll(page)

    imports.bank_import_run(bank_import=batch, data=data)
    expect(page.locator("#import-counts")).to_contain_text("6", timeout=10_000)
    expect(page.locator("#drafts-link")).to_be_visible()
    watch.check("import-finished")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_a_statement_with_a_closed_month_row_says_why_each_row_was_left(
    watched, treasurer_awa, tmp_path, viewport
):
    from remix.ledger import maths, services

    services.period_close(period=maths.period_parse("2026-09"))
    statement = tmp_path / "releve-2026-10.csv"
    statement.write_bytes(
        "Date opération;Libellé;Montant;Sens\r\n"
        "30/09/2026;AGIOS SEPTEMBRE;1,20;Débit\r\n"
        "03/10/2026;VIR SEPA DIOP AWA DON OCTOBRE;50,00;Crédit\r\n"
        "12/10/2026;CARTE X1234 LA POSTE;2,50;Débit\r\n".encode("cp1252")
    )
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "/budget/books/imports/")

    def upload():
        page.locator("#id_file").set_input_files(str(statement))
        page.locator("form.books-form button[type=submit]").click()
        expect(page.locator("#import-counts")).to_be_visible()

    upload()
    expect(page.locator("#count-created")).to_have_text("2 nouveaux brouillons")
    expect(page.locator("#count-closed")).to_contain_text(
        "1 datée d’une période clôturée, non importée"
    )
    watch.check("import-closed-month")
    page.get_by_role("link", name="Importer un autre relevé").click()
    upload()
    # The same file again: its two rows are already imported, the September one still closed.
    expect(page.locator("#count-created")).to_have_text("0 nouveau brouillon")
    expect(page.locator("#count-skipped")).to_contain_text("2 déjà importées, non réimportées")
    expect(page.locator("#count-closed")).to_contain_text("1 datée d’une période clôturée")
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Importer un autre relevé").click()
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("releve-2026-10.csv")
    watch.check("imports-list")
    assert [(b.rows_created, b.rows_skipped, b.rows_closed) for b in BankImport.objects.all()] == [
        (0, 2, 1),
        (2, 0, 1),
    ]
