"""What a bank import says of each row: created, already imported (through this format or
another), dated in a closed period; a statement without movement refused; « Montant » + « Sens »."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from remix.ledger import imports, maths, services
from remix.ledger.bankfiles import ImportRefused, csv_read
from remix.ledger.models import Account, BankImport, Fund, Posting, Transaction

SAMPLES = Path(__file__).parent / "samples"
NOVEMBER_CSV = "releve-montant-sens-2026-11.csv"
NOVEMBER_OFX = "releve-2026-11.ofx"
D = datetime.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bank(db):
    return Account.objects.get(code="Assets:Bank:Current")


@pytest.fixture
def platform(db):
    return Fund.objects.get(kind="platform")


def run(data: bytes, *, bank, fund, filename="statement.csv"):
    batch = imports.bank_import_prepare(data=data, filename=filename, account=bank, fund=fund)
    return imports.bank_import_run(bank_import=batch, data=data)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def counts(batch) -> tuple[int, int, int, int, int]:
    return (
        batch.rows_total,
        batch.rows_created,
        batch.rows_skipped,
        batch.rows_other_format,
        batch.rows_closed,
    )


def bank_movements() -> list[tuple[datetime.date, int]]:
    return list(
        Posting.objects.filter(account__code="Assets:Bank:Current")
        .order_by("date", "amount_minor")
        .values_list("date", "amount_minor")
    )


# --- « Montant » + « Sens » ----------------------------------------------------------------------


def test_an_amount_column_signed_by_a_sense_column():
    statement = csv_read(sample(NOVEMBER_CSV).decode("cp1252"))
    assert [(row.date, str(row.amount)) for row in statement.rows] == [
        (D(2026, 11, 2), "50.00"),
        (D(2026, 11, 5), "-23.99"),
        (D(2026, 11, 12), "-2.50"),
        (D(2026, 11, 12), "-2.50"),
        (D(2026, 11, 20), "120.00"),
        (D(2026, 11, 27), "-1045.00"),
    ]
    assert statement.rows[0].label == "VIR SEPA RECU /DE DIOP AWA /MOTIF DON NOVEMBRE"


@pytest.mark.parametrize(
    ("sense", "amount"),
    [
        ("Débit", "-12.50"),
        ("DEBIT", "-12.50"),
        ("D", "-12.50"),
        ("Crédit", "12.50"),
        ("C", "12.50"),
    ],
)
def test_every_way_of_writing_the_sense(sense, amount):
    statement = csv_read(f"Date;Libellé;Montant;Sens\n03/11/2026;X;-12,50;{sense}\n")
    assert [str(row.amount) for row in statement.rows] == [amount]


def test_a_sense_that_says_neither_refuses_the_line():
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        list(csv_read("Date;Libellé;Montant;Sens\n03/11/2026;X;12,50;?\n").rows)
    assert (refused.value.line, refused.value.reason) == (
        2,
        "The sense “?” is neither a debit (D) nor a credit (C).",
    )


# --- the same month in two formats ---------------------------------------------------------------


def test_the_months_csv_then_its_ofx_counts_each_movement_once(bank, platform):
    csv_batch = run(sample(NOVEMBER_CSV), bank=bank, fund=platform, filename=NOVEMBER_CSV)
    assert counts(csv_batch) == (6, 6, 0, 0, 0)
    ofx_batch = run(sample(NOVEMBER_OFX), bank=bank, fund=platform, filename=NOVEMBER_OFX)
    # Six movements are the CSV's under other labels; the fee of the 30th came after its export.
    assert counts(ofx_batch) == (7, 1, 6, 6, 0)
    assert list(ofx_batch.transactions.values_list("date", "description")) == [
        (D(2026, 11, 30), "FRAIS TENUE DE COMPTE")
    ]
    assert bank_movements() == [
        (D(2026, 11, 2), 5000),
        (D(2026, 11, 5), -2399),
        (D(2026, 11, 12), -250),
        (D(2026, 11, 12), -250),
        (D(2026, 11, 20), 12000),
        (D(2026, 11, 27), -104500),
        (D(2026, 11, 30), -350),
    ]
    again = run(sample(NOVEMBER_OFX), bank=bank, fund=platform, filename=NOVEMBER_OFX)
    # Its fee is known by its key, its six others are still found as the CSV's.
    assert counts(again) == (7, 0, 7, 6, 0)
    csv_again = run(sample(NOVEMBER_CSV), bank=bank, fund=platform, filename=NOVEMBER_CSV)
    assert counts(csv_again) == (6, 0, 6, 0, 0)


def test_the_ofx_first_then_the_csv(bank, platform):
    run(sample(NOVEMBER_OFX), bank=bank, fund=platform, filename=NOVEMBER_OFX)
    batch = run(sample(NOVEMBER_CSV), bank=bank, fund=platform, filename=NOVEMBER_CSV)
    assert counts(batch) == (6, 0, 6, 6, 0)
    assert Transaction.objects.count() == 7


def test_another_bank_account_is_another_movement(bank, platform):
    savings = Account.objects.create(
        code="Assets:Bank:Savings", type="asset", is_cash=True, name={"fr": "Livret A"}
    )
    run(sample(NOVEMBER_CSV), bank=bank, fund=platform)
    batch = run(sample(NOVEMBER_OFX), bank=savings, fund=platform, filename=NOVEMBER_OFX)
    assert counts(batch) == (7, 7, 0, 0, 0)


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
{entries}
</Stmt></BkToCstmrStmt></Document>"""
ENTRY = """<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{side}</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>{day}</Dt></BookgDt><AcctSvcrRef>{ref}</AcctSvcrRef>
<AddtlNtryInf>{label}</AddtlNtryInf></Ntry>"""


def test_when_both_formats_carry_the_banks_reference_it_must_agree(bank, platform):
    csv = (
        "Date;Libellé;Montant;Sens;Référence\n"
        "06/11/2026;VIR DE DIOP AWA;30,00;C;R-0001\n"
        "06/11/2026;VIR DE NDIAYE MOUSSA;30,00;C;R-0002\n"
    )
    assert counts(run(csv.encode(), bank=bank, fund=platform)) == (2, 2, 0, 0, 0)
    entries = "".join(
        ENTRY.format(amount="30.00", side="CRDT", day="2026-11-06", ref=ref, label=label)
        for ref, label in [("R-0002", "Moussa Ndiaye"), ("R-0003", "Fatou Sow")]
    )
    camt = run(CAMT.format(entries=entries).encode(), bank=bank, fund=platform, filename="camt.xml")
    # R-0002 is the CSV's second row; R-0003 is a third transfer of 30 € that day.
    assert counts(camt) == (2, 1, 1, 1, 0)
    assert list(camt.transactions.values_list("reference", flat=True)) == ["R-0003"]


# --- closed periods ------------------------------------------------------------------------------


def test_rows_in_a_closed_month_are_said_so_by_the_command(bank, platform, tmp_path):
    services.period_close(period=maths.period_parse("2026-10"))
    path = tmp_path / "releve.csv"
    path.write_text(
        "Date;Libellé;Montant;Sens\n"
        "30/10/2026;AGIOS;1,20;D\n"
        "31/10/2026;FRAIS;3,50;D\n"
        "02/11/2026;DON;50,00;C\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "import-bank",
            str(path),
            "--account=Assets:Bank:Current",
            "--fund=plateforme",
            "--no-progress",
            stdout=out,
        )
    assert out.getvalue().splitlines() == [
        "releve.csv: 3 rows.",
        "  1 new draft.",
        "  0 already imported, not imported again.",
        "  2 dated in a closed period, not imported.",
    ]
    batch = BankImport.objects.get()
    assert counts(batch) == (3, 1, 0, 0, 2)
    assert imports.bank_import_progress(bank_import=batch)["closed"] == 2


# --- a statement without movement ----------------------------------------------------------------

EMPTY = "Relevé du 01/11/2026 au 30/11/2026\nDate;Libellé;Montant;Sens\n"
NO_MOVEMENT = (
    "The statement holds no movement: its table has a header but no row. "
    "Export the statement again for a period with movements."
)


def test_a_header_without_movement_is_refused_by_the_command_and_leaves_nothing(bank, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_text(EMPTY, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import-bank", str(path), "--account=Assets:Bank:Current", "--fund=plateforme")
    assert str(error.value) == "File refused, nothing was imported: " + NO_MOVEMENT
    assert not BankImport.objects.exists() and not Transaction.objects.exists()


def test_a_header_without_movement_uploaded_is_refused_in_the_readers_language(bank, platform):
    from remix.ledger.tasks import bank_import_process

    batch = imports.bank_import_prepare(
        data=EMPTY.encode(), filename="vide.csv", account=bank, fund=platform, keep_upload=True
    )
    assert bank_import_process.call(import_id=batch.pk, language="fr") == "refused"
    batch.refresh_from_db()
    assert batch.status == "refused"
    assert "Le relevé ne contient aucun mouvement" in batch.error
    assert counts(batch) == (0, 0, 0, 0, 0) and not Transaction.objects.exists()
