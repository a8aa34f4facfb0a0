"""CSV and XLSX of the books, and the treasurer's download pages."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from remix.ledger import maths, selectors, services
from remix.ledger.spreadsheets import (
    balance_sheet_sheet,
    csv_text,
    income_statement_sheet,
    report_sheets,
    sustainability_sheet,
    transactions_sheet,
    trial_balance_sheet,
    xlsx_bytes,
)
from remix.ledger.tests.builders import books_load, fund_project

LEDGER = """
2026-01-05 * "Don d'Awa" awa-diop
  Assets:Bank:Current               50.00 EUR
  Income:Contributions:Donations   -50.00 EUR

2026-01-09 * "Don discret" mamadou-sy anonymous
  Assets:Bank:Current              120.00 EUR
  Income:Contributions:Donations  -120.00 EUR

2026-01-12 * "Cotisation à Dakar"
  Assets:Cash                       5000 XOF
  Income:Contributions:Membership  -5000 XOF

2026-02-01 * "=HYPERLINK(\\"http://example.org\\")"
  Expenses:Hosting                  30.00 EUR
  Assets:Bank:Current              -30.00 EUR

2026-02-03 * "Modération bénévole"
  Expenses:Volunteering              6.50 HOUR
  Income:Community:Time             -6.50 HOUR

2026-02-10 * "Salle de la fête"
  Expenses:Mediation:Fiestas        80.00 EUR fiesta-2026
  Assets:Bank:Current              -80.00 EUR fiesta-2026

2026-03-02 ! "Facture à vérifier"
  Expenses:Supplies                 12.40 EUR
  Assets:Bank:Current              -12.40 EUR
"""

YEAR = maths.period_parse("2026")


@pytest.fixture
def ledger(db):
    fund_project("fiesta-2026")
    created = books_load(LEDGER)
    platform = selectors.platform_fund()
    transfer = services.transfer_record(
        date=datetime.date(2026, 2, 5),
        from_fund=platform,
        to_fund=fund_project("fiesta-2026"),
        amount="100.00",
    )
    services.rate_record(
        date=datetime.date(2026, 1, 1), commodity="XOF", quote="EUR", rate="0.001524"
    )
    services.rate_record(date=datetime.date(2026, 1, 1), commodity="HOUR", quote="EUR", rate="15")
    services.budget_line_create(fund=platform, period=YEAR, amount="1200.00", category="hosting")
    return {"transactions": created, "transfer": transfer}


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _workbook(sheets):
    return load_workbook(io.BytesIO(xlsx_bytes(sheets)))


# --- CSV -----------------------------------------------------------------------------------------


def test_transactions_csv_one_row_per_posting_with_plain_amounts(ledger):
    awa, anonymous, membership, *_rest = ledger["transactions"]
    with translation.override("en"):
        text = csv_text(transactions_sheet(fund=None, period=YEAR))
    rows = _rows(text)

    assert "\r\n" in text
    assert rows[0] == [
        "Date",
        "Transaction",
        "Status",
        "Description",
        "Counterparty",
        "Reference",
        "Account",
        "Account name",
        "Fund",
        "Amount",
        "Commodity",
        "Memo",
        "Reverses",
        "Reason",
    ]
    assert rows[1] == [
        "2026-01-05",
        str(awa.pk),
        "posted",
        "Don d'Awa",
        "Awa Diop",
        "",
        "Assets:Bank:Current",
        "Bank — current account",
        "plateforme",
        "50.00",
        "EUR",
        "",
        "",
        "",
    ]
    assert rows[3][3:5] == ["Don discret", "Anonymous"]
    assert rows[5][9:11] == ["5000", "XOF"]
    assert [row[9:11] for row in rows if row[3] == "Modération bénévole"] == [
        ["6.50", "HOUR"],
        ["-6.50", "HOUR"],
    ]
    assert len(rows) == 1 + 6 * 2 + 4
    assert "Mamadou" not in text
    assert "Facture à vérifier" not in text


def test_a_description_that_looks_like_a_formula_stays_text(ledger):
    rows = _rows(csv_text(transactions_sheet(fund=None, period=YEAR)))

    assert '\'=HYPERLINK("http://example.org")' in [row[3] for row in rows]


def test_one_funds_transactions_and_drafts_when_asked(ledger):
    fiesta = fund_project("fiesta-2026")
    with translation.override("en"):
        rows = _rows(csv_text(transactions_sheet(fund=fiesta, period=YEAR)))
        with_drafts = _rows(csv_text(transactions_sheet(fund=None, period=YEAR, drafts=True)))

    assert [(row[6], row[8], row[9]) for row in rows[1:]] == [
        ("Assets:Bank:Current", "fiesta-2026", "100.00"),
        ("Equity:Transfers", "fiesta-2026", "-100.00"),
        ("Expenses:Mediation:Fiestas", "fiesta-2026", "80.00"),
        ("Assets:Bank:Current", "fiesta-2026", "-80.00"),
    ]
    assert [row[2] for row in with_drafts if row[3] == "Facture à vérifier"] == ["draft", "draft"]


def test_in_french_too_the_anonymous_giver_is_never_named(ledger):
    with translation.override("fr"):
        text = csv_text(sustainability_sheet(fund=None, period=YEAR))

    assert "Mamadou" not in text
    assert "Awa Diop" in text


def test_trial_balance_csv_with_totals_per_commodity(ledger):
    with translation.override("en"):
        rows = _rows(csv_text(trial_balance_sheet(fund=None, on=datetime.date(2026, 12, 31))))

    assert rows[0] == ["Account", "Account name", "Commodity", "Debit", "Credit", "Balance"]
    assert rows[1] == [
        "Assets:Bank:Current",
        "Bank — current account",
        "EUR",
        "60.00",
        "0.00",
        "60.00",
    ]
    assert rows[-3:] == [
        ["Total", "", "EUR", "170.00", "170.00", "0.00"],
        ["Total", "", "HOUR", "6.50", "6.50", "0.00"],
        ["Total", "", "XOF", "5000", "5000", "0"],
    ]


def test_income_statement_reads_income_and_expenses_positive_and_the_result(ledger):
    with translation.override("en"):
        rows = _rows(csv_text(income_statement_sheet(fund=None, period=YEAR)))

    assert ["Income", "Income:Contributions:Donations", "Users' donations", "EUR", "170.00"] in rows
    assert ["Income", "Total", "", "EUR", "170.00"] in rows
    assert ["Expenses", "Total", "", "EUR", "110.00"] in rows
    assert rows[-3:] == [
        ["Result", "", "Surplus (a deficit if negative)", "EUR", "60.00"],
        ["Result", "", "Surplus (a deficit if negative)", "HOUR", "0.00"],
        ["Result", "", "Surplus (a deficit if negative)", "XOF", "5000"],
    ]


def test_balance_sheet_assets_equal_liabilities_equity_and_result(ledger):
    with translation.override("en"):
        rows = _rows(csv_text(balance_sheet_sheet(fund=None, on=datetime.date(2026, 12, 31))))

    totals = {(row[2], row[3]): row[4] for row in rows if row[0] == "Total"}
    assert totals == {
        ("Total assets", "EUR"): "60.00",
        ("Total assets", "XOF"): "5000",
        ("Total liabilities and equity", "EUR"): "60.00",
        ("Total liabilities and equity", "HOUR"): "0.00",
        ("Total liabilities and equity", "XOF"): "5000",
    }
    assert ["Equity", "", "Result to date", "EUR", "60.00"] in rows


def test_sustainability_csv_says_each_figure_its_unit_and_the_rates_used(ledger):
    with translation.override("en"):
        rows = _rows(csv_text(sustainability_sheet(fund=None, period=YEAR)))
    by_item = {(row[0], row[1]): row[2:] for row in rows[1:]}

    assert rows[0] == ["Section", "Item", "Value", "Unit", "Share"]
    # 170.00 EUR of donations and 5000 XOF = 7.62 EUR against 1200.00 EUR of needs; with
    # 6.50 hours at 15 EUR, 275.12 EUR of resources in all, of which the anonymous 120.00.
    assert by_item[("Totals", "Monetary resources")] == ["177.62", "EUR", ""]
    assert by_item[("Totals", "Valued resources (time, in-kind)")] == ["97.50", "EUR", ""]
    assert by_item[("Totals", "Needs")] == ["1200.00", "EUR", ""]
    assert by_item[("Totals", "Volunteer hours")] == ["6.50", "HOUR", ""]
    assert by_item[("Figures", "Coverage")] == ["0.1480", "", ""]
    assert by_item[("Resources by nature", "users' contributions")] == ["177.62", "EUR", "0.6456"]
    assert by_item[("Sources", "Anonymous")] == ["120.00", "EUR", "0.4362"]
    assert by_item[("Rates used", "2026-01-01 XOF → EUR")] == ["0.001524", "EUR", ""]
    assert by_item[("Needs by month", "2026-01")] == ["100.00", "EUR", ""]


# --- XLSX ----------------------------------------------------------------------------------------


def test_xlsx_has_numbers_with_formats_a_bold_header_and_widths(ledger):
    with translation.override("en"):
        book = _workbook([transactions_sheet(fund=None, period=YEAR)])
    sheet = book["Transactions"]
    rows = list(sheet.iter_rows(min_row=2))

    assert [cell.value for cell in sheet[1]][:4] == ["Date", "Transaction", "Status", "Description"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["D"].width == 40
    assert sheet.freeze_panes == "A2"
    first = rows[0]
    assert (
        first[0].value == datetime.datetime(2026, 1, 5) and first[0].number_format == "yyyy-mm-dd"
    )
    assert first[9].data_type == "n" and first[9].number_format == "#,##0.00"
    assert Decimal(str(first[9].value)) == Decimal("50.00")
    xof = next(row for row in rows if row[10].value == "XOF")
    assert xof[9].value == 5000 and xof[9].number_format == "#,##0"
    formula = next(row[3] for row in rows if str(row[3].value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    names = {row[4].value for row in rows}
    assert "Anonymous" in names and "Mamadou Sy" not in names


def test_all_reports_in_one_workbook_one_sheet_each(ledger):
    with translation.override("en"):
        sheets = report_sheets("all", fund=None, period=YEAR, on=datetime.date(2026, 12, 31))
        book = _workbook(sheets)

    assert book.sheetnames == [
        "Trial balance",
        "Income statement",
        "Balance sheet",
        "Sustainability",
    ]
    coverage = next(
        row for row in book["Sustainability"].iter_rows(min_row=2) if row[1].value == "Coverage"
    )
    assert coverage[2].number_format == "0.00%"
    assert Decimal(str(coverage[2].value)) == Decimal("0.148")


def test_empty_books_give_a_header_only(db):
    with translation.override("en"):
        rows = _rows(csv_text(transactions_sheet(fund=None, period=YEAR)))
        book = _workbook([trial_balance_sheet(fund=None, on=datetime.date(2026, 1, 1))])

    assert rows == [rows[0]]
    assert book["Trial balance"].max_row == 1


# --- downloads -----------------------------------------------------------------------------------


def _url(name: str, *args) -> str:
    """The French address (at the root), whatever language an earlier request left active."""
    with translation.override("fr"):
        return reverse(name, args=args)


def _content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_downloads_are_for_treasurers_only(client, make_user, ledger):
    url = _url("ledger:export_transactions")
    report = _url("ledger:export_report", "trial-balance")

    assert url == "/budget/books/exports/transactions/"
    assert client.get(url).status_code == 302
    client.force_login(make_user("amina"))
    assert client.get(url).status_code == 403
    assert client.get(report).status_code == 403


def test_a_treasurer_downloads_the_transactions_as_csv_and_xlsx(client, make_user, ledger):
    client.force_login(make_user("tresoriere", roles=["treasurer"]))
    url = _url("ledger:export_transactions")

    as_csv = client.get("/en" + url, {"fund": "fiesta-2026", "period": "2026-Q1"})
    as_xlsx = client.get(url, {"period": "2026", "format": "xlsx"})

    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"] == (
        'attachment; filename="transactions-fiesta-2026-2026-Q1.csv"'
    )
    text = _content(as_csv).decode("utf-8")
    assert text.startswith("\ufeffDate;Transaction;Status;")
    assert ";fiesta-2026;100.00;EUR;" in text
    assert (
        as_xlsx["Content-Disposition"] == 'attachment; filename="transactions-all-funds-2026.xlsx"'
    )
    assert load_workbook(io.BytesIO(_content(as_xlsx))).worksheets[0].max_row == 17


def test_a_treasurer_downloads_each_report(client, make_user, ledger):
    client.force_login(make_user("louise", roles=["steward"]))

    for name in ("trial-balance", "income-statement", "balance-sheet", "sustainability"):
        url = _url("ledger:export_report", name)
        response = client.get(url, {"period": "2026", "on": "2026-06-30"})
        assert response.status_code == 200, name
        assert _content(response).startswith(b"\xef\xbb\xbf")
    workbook = client.get(
        "/en" + _url("ledger:export_report", "all"),
        {"format": "xlsx", "fund": "plateforme"},
    )
    assert workbook["Content-Disposition"] == 'attachment; filename="all-plateforme-2026.xlsx"'
    assert load_workbook(io.BytesIO(workbook.content)).sheetnames[0] == "Trial balance"
    on_a_day = client.get(_url("ledger:export_report", "trial-balance"), {"on": "2026-01-31"})
    assert 'filename="trial-balance-all-funds-2026-01-31.csv"' in on_a_day["Content-Disposition"]
    assert ";170.00;" in _content(on_a_day).decode()


def test_downloads_refuse_what_they_cannot_read(client, make_user, ledger):
    client.force_login(make_user("tresoriere", roles=["treasurer"]))
    url = _url("ledger:export_transactions")
    report = _url("ledger:export_report", "all")

    with translation.override("en"):
        bad_period = client.get("/en" + url, {"period": "2026-13"})
    assert bad_period.status_code == 400
    assert "2026-Q3" in bad_period.content.decode()
    assert client.get(url, {"on": "30/06/2026"}).status_code == 400
    assert client.get(url, {"format": "ods"}).status_code == 400
    assert client.get(url, {"fund": "nowhere"}).status_code == 404
    assert client.get(report, {"format": "csv"}).status_code == 400
    assert client.get(_url("ledger:export_report", "ledger")).status_code == 404


def test_transactions_are_read_a_batch_at_a_time(ledger, monkeypatch):
    books_load(
        "\n\n".join(
            f'2026-01-09 * "Don {n}"\n'
            f"  Assets:Bank:Current  {n}.00 EUR\n"
            f"  Income:Contributions:Donations  -{n}.00 EUR"
            for n in range(1, 6)
        )
    )
    whole = csv_text(transactions_sheet(fund=None, period=YEAR, drafts=True))

    monkeypatch.setattr("remix.ledger.spreadsheets.BATCH", 2)

    assert csv_text(transactions_sheet(fund=None, period=YEAR, drafts=True)) == whole
    assert len(_rows(whole)) == 1 + 12 * 2 + 4
