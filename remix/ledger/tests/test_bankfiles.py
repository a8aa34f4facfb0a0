"""Reading bank statement files: each sample as a bank exports it, to the literal rows."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from remix.ledger.bankfiles import (
    BankRow,
    ImportRefused,
    amount_parse,
    date_parse,
    label_normalise,
    statement_read,
)

SAMPLES = Path(__file__).parent / "samples"
D = datetime.date


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def refused(data: bytes, **kwargs) -> ImportRefused:
    with translation.override("en"), pytest.raises(ImportRefused) as caught:
        statement_read(data, **kwargs)
    return caught.value


# --- the samples ---------------------------------------------------------------------------------


def test_a_credit_agricole_csv_in_windows_1252_with_lines_before_the_table():
    statement = statement_read(sample("credit-agricole-2026-10.csv"))
    assert (statement.format, statement.commodity, statement.encoding) == ("csv", "EUR", "cp1252")
    # "Solde au 31/10/2026 1 234,56 €" above the table is the closing balance.
    assert (statement.closing_date, statement.closing_balance) == (
        D(2026, 10, 31),
        Decimal("1234.56"),
    )
    # Labels spread over several lines in quotes start on their first line; spaces collapse.
    assert statement.rows == [
        BankRow(10, D(2026, 10, 31), Decimal("-3.50"), "FRAIS TENUE DE COMPTE"),
        BankRow(
            11, D(2026, 10, 28), Decimal("-23.99"), "PRLV SEPA OVH SAS FACTURE FR-2026-10-4411"
        ),
        BankRow(
            13,
            D(2026, 10, 15),
            Decimal("1200.00"),
            "VIR SEPA RECU /DE REGION OCCITANIE SUBVENTION 2026 ACOMPTE",
        ),
        BankRow(15, D(2026, 10, 12), Decimal("-2.50"), "CARTE X1234 11/10 LA POSTE"),
        BankRow(16, D(2026, 10, 12), Decimal("-2.50"), "CARTE X1234 11/10 LA POSTE"),
        BankRow(
            17,
            D(2026, 10, 3),
            Decimal("50.00"),
            "VIREMENT EN VOTRE FAVEUR DIOP AWA DON OCTOBRE – MERCI",
        ),
    ]


def test_a_comma_csv_in_utf8_with_bom_and_one_signed_amount_column():
    statement = statement_read(sample("bank-export-utf8-bom.csv"))
    assert (statement.format, statement.encoding) == ("csv", "utf-8-sig")
    assert statement.closing_balance is None
    assert statement.rows == [
        BankRow(2, D(2026, 10, 2), Decimal("50.00"), "Donation, Awa Diop", "TRX-0001"),
        BankRow(3, D(2026, 10, 5), Decimal("-23.99"), "Hosting - OVH invoice 2026-10", "TRX-0002"),
        BankRow(4, D(2026, 10, 14), Decimal("1500.00"), "Grant, Région Occitanie", "TRX-0003"),
        BankRow(
            5, D(2026, 10, 20), Decimal("-84.30"), "Café associatif — fiesta supplies", "TRX-0004"
        ),
    ]


def test_an_ofx_1_sgml_file_in_windows_1252():
    statement = statement_read(sample("releve-2026-10.ofx"))
    assert (statement.format, statement.commodity, statement.account) == (
        "ofx",
        "EUR",
        "12345678901",
    )
    assert (statement.closing_date, statement.closing_balance) == (
        D(2026, 10, 31),
        Decimal("37.06"),
    )
    assert statement.rows == [
        BankRow(
            1, D(2026, 10, 3), Decimal("50.00"), "VIR SEPA DIOP AWA DON OCTOBRE", "2026100300001"
        ),
        BankRow(2, D(2026, 10, 12), Decimal("-2.50"), "CARTE X1234 LA POSTE", "2026101200002"),
        BankRow(
            3,
            D(2026, 10, 28),
            Decimal("-23.99"),
            "PRLV OVH SAS Prélèvement facture FR-2026-10-4411",
            "2026102800003",
        ),
        # A decimal comma in TRNAMT, and an SGML entity in NAME, as some French banks write them.
        BankRow(
            4, D(2026, 10, 31), Decimal("-3.50"), "FRAIS TENUE DE COMPTE & CARTE", "2026103100004"
        ),
    ]


def test_an_ofx_2_xml_file_keeps_the_banks_own_day():
    statement = statement_read(sample("statement-2026-10-v2.ofx"))
    assert (statement.format, statement.account) == ("ofx", "00020012345")
    assert (statement.closing_date, statement.closing_balance) == (
        D(2026, 10, 31),
        Decimal("2115.70"),
    )
    # 20261001000000 at UTC+1 is still 1 October on the statement, not 30 September.
    assert statement.rows == [
        BankRow(
            1,
            D(2026, 10, 1),
            Decimal("1200.00"),
            "VIR REGION OCCITANIE SUBVENTION 2026 ACOMPTE",
            "CM-20261001-0001",
        ),
        BankRow(
            2,
            D(2026, 10, 20),
            Decimal("-84.30"),
            "Café associatif Fiesta supplies",
            "CM-20261020-0002",
        ),
    ]


def test_a_camt_053_file_booked_entries_and_the_closing_balance():
    statement = statement_read(sample("camt053-2026-10.xml"))
    assert (statement.format, statement.commodity) == ("camt.053", "EUR")
    assert statement.account == "FR7630006000011234567890189"
    assert (statement.closing_date, statement.closing_balance) == (
        D(2026, 10, 31),
        Decimal("1234.56"),
    )
    # The pending entry (Sts PDNG) is not on the account yet: left out.
    assert statement.rows == [
        BankRow(1, D(2026, 10, 3), Decimal("50.00"), "Awa Diop — Don octobre", "2026100312345"),
        BankRow(
            2,
            D(2026, 10, 15),
            Decimal("1200.00"),
            "Région Occitanie — Subvention 2026 — acompte",
            "2026101512346",
        ),
        BankRow(
            3,
            D(2026, 10, 12),
            Decimal("-5.00"),
            "CARTE X1234 LA POSTE — CARTE X1234 LA POSTE TIMBRES",
            "2026101212347",
        ),
        BankRow(
            4,
            D(2026, 10, 28),
            Decimal("-27.49"),
            "PRLV SEPA OVH SAS FACTURE FR-2026-10-4411 ET FRAIS",
            "2026102812348",
        ),
    ]


def test_a_camt_053_debit_closing_balance_is_negative():
    data = sample("camt053-2026-10.xml").replace(
        b'<Amt Ccy="EUR">1234.56</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>',
        b'<Amt Ccy="EUR">1234.56</Amt>\n        <CdtDbtInd>DBIT</CdtDbtInd>',
    )
    assert statement_read(data).closing_balance == Decimal("-1234.56")


# --- encodings and shapes ------------------------------------------------------------------------


def test_a_latin_1_file():
    text = "Relevé du compte n° 0042\nDate;Libellé;Montant\n05/10/2026;Café « Le Zinc » ;-4,20\n"
    statement = statement_read(text.encode("latin-1"))
    assert statement.encoding == "cp1252"
    assert statement.rows == [BankRow(3, D(2026, 10, 5), Decimal("-4.20"), "Café « Le Zinc »")]


def test_utf8_without_bom_tabs_iso_dates_and_english_headers():
    text = (
        "Booking date\tDetails\tPaid out\tPaid in\n"
        "2026-10-01\tCoffee for the meeting\t12.40\t\n"
        "2026-10-02\tRefund\t\t1,250.00\n"
    )
    statement = statement_read(text.encode("utf-8"))
    assert statement.encoding == "utf-8"
    assert statement.rows == [
        BankRow(2, D(2026, 10, 1), Decimal("-12.40"), "Coffee for the meeting"),
        BankRow(3, D(2026, 10, 2), Decimal("1250.00"), "Refund"),
    ]


def test_negative_debits_totals_a_closing_line_after_the_table_and_zero_rows():
    text = (
        "Date opération;Date valeur;Libellé;Débit;Crédit;Informations complémentaires\n"
        "01/10/26;02/10/26;PRLV FREE;-29,99;;Facture 10\n"
        "03/10/26;03/10/26;INFO CARTE;0,00;;\n"
        "04/10/26;04/10/26;VIR MAIRIE;;2 000,00;Subvention fête\n"
        ";;Total des opérations;29,99;2 000,00;\n"
        "\n"
        "Solde au 31/10/2026;;;;3 456,78;\n"
    )
    statement = statement_read(text.encode("utf-8"))
    assert statement.rows == [
        BankRow(2, D(2026, 10, 1), Decimal("-29.99"), "PRLV FREE Facture 10"),
        BankRow(4, D(2026, 10, 4), Decimal("2000.00"), "VIR MAIRIE Subvention fête"),
    ]
    assert (statement.closing_date, statement.closing_balance) == (
        D(2026, 10, 31),
        Decimal("3456.78"),
    )


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7])
def test_a_file_read_a_few_bytes_at_a_time_reads_the_same(monkeypatch, chunk):
    # Chunks that cut a "\r\n", a quoted label over three lines and a multi-byte letter.
    from remix.ledger.bankfiles import reading

    utf16 = "Date;Libellé;Montant\r\n05/10/2026;Café « Le Zinc »;-4,20\r\n".encode("utf-16")
    files = [sample("credit-agricole-2026-10.csv"), sample("bank-export-utf8-bom.csv"), utf16]
    whole = [statement_read(data) for data in files]
    monkeypatch.setattr(reading, "CHUNK", chunk)
    for data, expected in zip(files, whole, strict=True):
        statement = statement_read(data)
        assert (statement.encoding, statement.rows) == (expected.encoding, expected.rows)
        assert statement.closing_balance == expected.closing_balance
    assert whole[2].rows == [BankRow(2, D(2026, 10, 5), Decimal("-4.20"), "Café « Le Zinc »")]


def test_a_utf8_file_with_a_bad_byte_names_its_line():
    data = "\ufeffDate;Libellé;Montant\n01/10/2026;A;1,00\n".encode() + b"02/10/2026;\xff;2,00\n"
    error = refused(data)
    assert (error.line, error.reason) == (
        3,
        "The file starts as UTF-8 but this line is not UTF-8 text.",
    )


def test_a_csv_currency_column_and_a_zero_decimal_currency():
    text = "Date;Libellé;Montant;Devise\n02/10/2026;Cotisation Fatou;5 000;XOF\n"
    statement = statement_read(text.encode("utf-8"), commodity="XOF")
    assert statement.commodity == "XOF"
    assert statement.rows == [BankRow(2, D(2026, 10, 2), Decimal("5000"), "Cotisation Fatou")]


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("1 234,56", None, "1234.56"),
        ("1\u202f234,56", None, "1234.56"),
        ("1.234,56", None, "1234.56"),
        ("1,234.56", None, "1234.56"),
        ("-12,50", ",", "-12.50"),
        ("12,50-", None, "-12.50"),
        ("(12.50)", None, "-12.50"),
        ("+0,5", None, "0.5"),
        ("−3,00 €", None, "-3.00"),
        ("12 EUR", None, "12"),
        ("1,234", None, "1234"),
        ("1.234", ",", "1234"),
        ("1,234", ",", "1.234"),
        (".50", None, "0.50"),
    ],
)
def test_amounts_as_banks_write_them(text, mark, expected):
    assert amount_parse(text, decimal_mark=mark) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.34.5", "--1", "1.23,4,5", "12,50 x"])
def test_what_is_not_an_amount(text):
    with translation.override("en"), pytest.raises(ValueError, match="is not an amount"):
        amount_parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/10/2026", D(2026, 10, 3)),
        ("3/10/2026", D(2026, 10, 3)),
        ("03-10-2026", D(2026, 10, 3)),
        ("03.10.2026", D(2026, 10, 3)),
        ("03/10/26", D(2026, 10, 3)),
        ("03/10/2026 14:05", D(2026, 10, 3)),
        ("2026-10-03", D(2026, 10, 3)),
        ("2026-10-03T10:12:00+01:00", D(2026, 10, 3)),
        ("20261003", D(2026, 10, 3)),
    ],
)
def test_dates_as_banks_write_them(text, expected):
    assert date_parse(text) == expected


def test_labels_compare_without_case_or_extra_spaces():
    assert label_normalise("  CARTE  X1234\nLa Poste ") == label_normalise("carte x1234 la poste")


# --- refusals ------------------------------------------------------------------------------------

TABLE = (
    "Compte courant n° 12345678901;\n"
    ";\n"
    "Date;Libellé;Débit;Crédit\n"
    "01/10/2026;Frais;1,00;\n"
    "02/10/2026;Don;;20,00\n"
    "03/10/2026;Timbres;3,00;\n"
)


def test_a_bad_date_on_line_7_refuses_the_whole_file():
    error = refused((TABLE + "31/09/2026;Erreur;4,00;\n").encode("utf-8"))
    assert error.line == 7
    assert str(error) == "line 7: “31/09/2026” is not a date (dd/mm/yyyy or yyyy-mm-dd)."
    with translation.override("en"):
        assert error.message == (
            "File refused, nothing was imported. Line 7: “31/09/2026” is not a date "
            "(dd/mm/yyyy or yyyy-mm-dd)."
        )


def test_a_bad_amount_refuses_the_whole_file():
    error = refused((TABLE + "04/10/2026;Erreur;4,0,0;\n").encode("utf-8"))
    assert (error.line, error.reason) == (7, "“4,0,0” is not an amount.")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("04/10/2026;Trop précis;4,001;", "EUR has 2 decimal places: -4.001 has more."),
        ("04/10/2026;Les deux;4,00;5,00", "This line has both a debit and a credit."),
        ("04/10/2026;Aucun;;", "No amount on this line: the debit and credit columns are empty."),
        (";Sans date;4,00;", "No date on this line."),
    ],
)
def test_rows_that_cannot_be_read(row, reason):
    error = refused((TABLE + row + "\n").encode("utf-8"))
    assert (error.line, error.reason) == (7, reason)


def test_a_row_in_another_currency():
    error = refused(b"Date,Description,Amount,Currency\n2026-10-01,Hotel,-80.00,USD\n")
    assert (error.line, error.reason) == (2, "The row is in USD but the statement is in EUR.")


def test_files_that_are_no_statement():
    assert refused(b"").reason == "The file is empty."
    assert refused(b"Name;Town\nAwa;Dakar\n").reason.startswith("No table found")
    assert refused(b"OFXHEADER:100\nDATA:OFXSGML\nnonsense").reason.startswith(
        "This is not a readable OFX file"
    )
    assert refused(b"<?xml version='1.0'?><Document><Other/></Document>").reason == (
        "This XML file is neither an OFX nor a CAMT.053 bank statement."
    )


def test_a_camt_file_with_entities_is_refused_unread():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        b"<BkToCstmrStmt>&a;</BkToCstmrStmt></Document>"
    )
    assert refused(bomb).reason.startswith("This is not a readable CAMT.053 file")


def test_a_camt_entry_that_cannot_be_read_names_its_number():
    data = sample("camt053-2026-10.xml").replace(
        b"<CdtDbtInd>DBIT</CdtDbtInd>", b"<CdtDbtInd>X</CdtDbtInd>", 1
    )
    error = refused(data)
    assert error.reason == "Entry 3 (2026101212347): CdtDbtInd is “X”, not CRDT or DBIT."


def test_an_ofx_file_with_two_accounts_is_refused():
    text = sample("releve-2026-10.ofx").decode("cp1252")
    start, end = text.index("<STMTTRNRS>"), text.index("</STMTTRNRS>") + len("</STMTTRNRS>")
    other = text[start:end].replace("12345678901", "99999999999")
    data = (text[:end] + "\r\n" + other + text[end:]).encode("cp1252")
    assert refused(data).reason == (
        "The file holds the statements of several accounts (12345678901, 99999999999): "
        "import one account at a time."
    )
