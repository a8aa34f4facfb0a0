"""The Beancount export: what it writes, and Beancount itself reading it back."""

import datetime
import io
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data, realization
from django.core.management import CommandError, call_command
from django.utils import translation

from remix.core.money import from_minor, to_minor
from remix.ledger import maths, selectors, services
from remix.ledger.beancount import beancount_text
from remix.ledger.models import Account, BankImport, ImportStatus
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

2026-02-01 * "Hébergement \\"Zone\\" de février"
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


@pytest.fixture(autouse=True)
def english():
    """The command's messages are asserted in English (the shell's language otherwise)."""
    with translation.override("en"):
        yield


@pytest.fixture
def ledger(db):
    fund_project("fiesta-2026")
    awa, anonymous, membership, hosting, hours, hall, draft = books_load(LEDGER)
    platform = selectors.platform_fund()
    transfer = services.transfer_record(
        date=datetime.date(2026, 2, 5),
        from_fund=platform,
        to_fund=fund_project("fiesta-2026"),
        amount="100.00",
    )
    reversal = services.transaction_reverse(
        transaction=hosting, reason="Facturé deux fois", date=datetime.date(2026, 2, 15)
    )
    services.rate_record(
        date=datetime.date(2026, 1, 1), commodity="XOF", quote="EUR", rate="0.001524"
    )
    services.rate_record(date=datetime.date(2026, 1, 1), commodity="HOUR", quote="EUR", rate="15")
    return {
        "awa": awa,
        "anonymous": anonymous,
        "hosting": hosting,
        "transfer": transfer,
        "reversal": reversal,
        "draft": draft,
    }


def _balances(entries, *, on: datetime.date, flags=("*",)) -> dict[tuple[str, str], Decimal]:
    """What Beancount holds, summed per account and commodity from its own entries."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, data.Transaction) and entry.flag in flags and entry.date <= on:
            for posting in entry.postings:
                sums[(posting.account, posting.units.currency)] += posting.units.number
    return {key: total for key, total in sums.items() if total}


def _remix_balances(*, on: datetime.date, fund=None) -> dict[tuple[str, str], Decimal]:
    trial = selectors.trial_balance(fund=fund, on=on)
    return {
        (row.account.code, row.commodity): from_minor(row.minor, row.commodity)
        for row in trial.rows
    }


def _load(text: str):
    entries, errors, options = loader.load_string(text)
    assert errors == [], errors
    return entries, options


def test_the_export_writes_options_commodities_and_opens_at_first_use(ledger):
    text = beancount_text()

    assert 'option "operating_currency" "EUR"\n' in text
    assert '2026-01-05 commodity EUR\n  name: "Euro"\n' in text
    assert '2026-01-12 commodity XOF\n  name: "West African CFA Franc"\n' in text
    assert '2026-02-03 commodity HOUR\n  name: "Volunteer time, in hours"\n' in text
    assert "2026-01-05 open Assets:Bank:Current EUR\n" in text
    assert "2026-01-12 open Assets:Cash XOF\n" in text
    assert "2026-02-03 open Income:Community:Time HOUR\n" in text
    assert "2026-02-05 open Equity:Transfers EUR\n" in text
    assert "2026-01-01 price XOF 0.001524 EUR\n" in text
    assert "2026-01-01 price HOUR 15 EUR\n" in text


def test_each_posted_transaction_with_its_fund_counterparty_and_exact_amounts(ledger):
    text = beancount_text()
    awa = ledger["awa"].pk

    assert (
        f'2026-01-05 * "Awa Diop" "Don d\'Awa"\n'
        f'  id: "tx-{awa}"\n'
        '  counterparty: "Awa Diop"\n'
        '  fund: "plateforme"\n'
        "  Assets:Bank:Current                                       50.00 EUR\n"
        '    fund: "plateforme"\n'
        "  Income:Contributions:Donations                           -50.00 EUR\n"
        '    fund: "plateforme"\n'
    ) in text
    assert "  Assets:Cash                                                5000 XOF\n" in text
    assert "  Expenses:Volunteering                                      6.50 HOUR\n" in text
    assert '"Hébergement \\"Zone\\" de février"' in text


def test_an_anonymous_giver_is_never_named(ledger):
    text = beancount_text(drafts=True)

    assert '2026-01-09 * "anonymous" "Don discret"\n' in text
    assert '  counterparty: "anonymous"\n' in text
    assert "Mamadou" not in text


def test_a_reversal_and_its_original_share_a_link(ledger):
    text = beancount_text()
    original, reversal = ledger["hosting"].pk, ledger["reversal"].pk
    entries, _options = _load(text)

    linked = [e for e in entries if isinstance(e, data.Transaction) and f"tx-{original}" in e.links]
    assert [e.date for e in linked] == [datetime.date(2026, 2, 1), datetime.date(2026, 2, 15)]
    assert linked[1].meta["reverses"] == f"tx-{original}"
    assert linked[1].meta["reason"] == "Facturé deux fois"
    assert linked[1].meta["id"] == f"tx-{reversal}"


def test_a_transfer_is_tagged_and_each_posting_keeps_its_fund(ledger):
    entries, _options = _load(beancount_text())

    (transfer,) = [e for e in entries if isinstance(e, data.Transaction) and "transfer" in e.tags]
    assert [(p.account, p.units.number, p.meta["fund"]) for p in transfer.postings] == [
        ("Assets:Bank:Current", Decimal("-100.00"), "plateforme"),
        ("Equity:Transfers", Decimal("100.00"), "plateforme"),
        ("Assets:Bank:Current", Decimal("100.00"), "fiesta-2026"),
        ("Equity:Transfers", Decimal("-100.00"), "fiesta-2026"),
    ]
    assert "fund" not in transfer.meta


def test_drafts_only_when_asked_and_flagged(ledger):
    posted = beancount_text()
    with_drafts = beancount_text(drafts=True)

    assert "Facture à vérifier" not in posted
    assert "Expenses:Supplies" not in posted
    assert '2026-03-02 ! "Facture à vérifier"\n' in with_drafts
    assert "2026-03-02 open Expenses:Supplies EUR\n" in with_drafts
    _load(with_drafts)


def test_beancount_reads_the_same_balances_as_the_trial_balance(ledger):
    entries, options = _load(beancount_text())
    on = datetime.date(2026, 12, 31)
    tree = realization.realize(entries)

    assert options["operating_currency"] == ["EUR"]
    assert _balances(entries, on=on) == _remix_balances(on=on)
    assert _balances(entries, on=on)[("Assets:Bank:Current", "EUR")] == Decimal("90.00")
    bank = realization.get(tree, "Assets:Bank:Current").balance
    assert bank.get_currency_units("EUR").number == Decimal("90.00")
    # On a day in the middle too: what Beancount holds then is what Remix says then.
    middle = datetime.date(2026, 2, 5)
    assert _balances(entries, on=middle) == _remix_balances(on=middle)


def test_one_fund_alone_balances_and_matches_its_trial_balance(ledger):
    fiesta = fund_project("fiesta-2026")
    text = beancount_text(fund=fiesta)
    entries, options = _load(text)
    on = datetime.date(2026, 12, 31)

    assert 'option "title" "fiesta-2026"' in text
    assert "plateforme" not in text
    assert _balances(entries, on=on) == _remix_balances(on=on, fund=fiesta)
    assert _remix_balances(on=on, fund=fiesta) == {
        ("Assets:Bank:Current", "EUR"): Decimal("20.00"),
        ("Equity:Transfers", "EUR"): Decimal("-100.00"),
        ("Expenses:Mediation:Fiestas", "EUR"): Decimal("80.00"),
    }


def test_a_closed_period_becomes_balance_assertions_the_day_after(ledger):
    services.transaction_delete(transaction=ledger["draft"])
    services.period_close(period=maths.period_parse("2026-01"))
    text = beancount_text()
    _load(text)

    assert "; closed period 2026-01-01 – 2026-01-31\n" in text
    assert "2026-02-01 balance Assets:Bank:Current                     170.00 EUR\n" in text
    assert "2026-02-01 balance Assets:Cash                               5000 XOF\n" in text
    assert "2026-02-01 balance Income" not in text


def test_each_closed_period_asserts_the_running_balances_with_sub_accounts(ledger):
    Account.objects.create(code="Assets:Bank", type="asset", name={"en": "Bank"})
    services.transaction_delete(transaction=ledger["draft"])
    books_load(
        """
2026-02-20 * "Dépôt à la banque"
  Assets:Bank                        25.00 EUR
  Income:Contributions:Donations    -25.00 EUR

2026-03-10 * "Don de mars"
  Assets:Bank:Current                 7.00 EUR
  Income:Contributions:Donations     -7.00 EUR
"""
    )
    for month in ("2026-03", "2026-01", "2026-02"):
        services.period_close(period=maths.period_parse(month))
    text = beancount_text()
    _load(text)

    blocks = text.split("; closed period ")[1:]
    assert [block.split("\n\n")[0] for block in blocks] == [
        "2026-01-01 – 2026-01-31\n"
        "2026-02-01 balance Assets:Bank:Current                     170.00 EUR\n"
        "2026-02-01 balance Assets:Cash                               5000 XOF",
        "2026-02-01 – 2026-02-28\n"
        "2026-03-01 balance Assets:Bank                             115.00 EUR\n"
        "2026-03-01 balance Assets:Bank:Current                      90.00 EUR\n"
        "2026-03-01 balance Assets:Cash                               5000 XOF\n"
        "2026-03-01 balance Equity:Transfers                          0.00 EUR",
        "2026-03-01 – 2026-03-31\n"
        "2026-04-01 balance Assets:Bank                             122.00 EUR\n"
        "2026-04-01 balance Assets:Bank:Current                      97.00 EUR\n"
        "2026-04-01 balance Assets:Cash                               5000 XOF\n"
        "2026-04-01 balance Equity:Transfers                          0.00 EUR",
    ]


def test_a_statement_closing_balance_is_asserted_when_the_books_agree(ledger):
    account = Account.objects.get(code="Assets:Bank:Current")
    platform = selectors.platform_fund()

    def statement(name, minor):
        return BankImport.objects.create(
            account=account,
            fund=platform,
            filename=name,
            sha256=name,
            status=ImportStatus.DONE,
            closing_date=datetime.date(2026, 1, 31),
            closing_balance_minor=minor,
            commodity="EUR",
        )

    statement("releve-janvier.csv", to_minor("170.00", "EUR"))
    statement("releve-faux.csv", to_minor("171.00", "EUR"))
    buffer = io.StringIO()
    from remix.ledger.beancount import beancount_write

    report = beancount_write(buffer)
    text = buffer.getvalue()
    entries, _options = _load(text)

    assert (
        "2026-02-01 balance Assets:Bank:Current                     170.00 EUR\n"
        '  note: "releve-janvier.csv"\n'
    ) in text
    assert "; 2026-02-01 balance Assets:Bank:Current                     171.00 EUR\n" in text
    assert report.warnings == [
        "releve-faux.csv: the statement says Assets:Bank:Current held 171.00 EUR on 2026-01-31; "
        "the exported books say 170.00 EUR"
    ]
    assert sum(isinstance(e, data.Balance) for e in entries) == 1


def test_the_command_writes_a_file_that_bean_check_accepts(ledger, tmp_path):
    target = tmp_path / "books.beancount"
    out = io.StringIO()

    call_command("export-beancount", str(target), "--drafts", stdout=out)

    assert "written to" in out.getvalue()
    assert not (tmp_path / "books.beancount.part").exists()
    bean_check = shutil.which("bean-check") or str(Path(sys.executable).parent / "bean-check")
    checked = subprocess.run(
        [bean_check, str(target)], capture_output=True, text=True, timeout=120, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "" and checked.stderr == ""


def test_the_command_writes_to_stdout_with_dash_and_takes_a_fund(ledger):
    out, err = io.StringIO(), io.StringIO()

    call_command("export-beancount", "-", "--fund", "fiesta-2026", stdout=out, stderr=err)

    assert out.getvalue().startswith("; The books of the fund fiesta-2026, exported by Remix:")
    _load(out.getvalue())
    assert "written to -" in err.getvalue()


def test_the_command_refuses_an_unknown_fund(ledger, tmp_path):
    from django.utils import translation

    with translation.override("en"), pytest.raises(CommandError, match="No fund has the slug x"):
        call_command("export-beancount", str(tmp_path / "x.beancount"), "--fund", "x")
    assert not list(tmp_path.iterdir())


def test_empty_books_are_an_empty_ledger_that_loads(db):
    entries, options = _load(beancount_text())

    assert entries == []
    assert options["operating_currency"] == ["EUR"]


def test_the_export_reads_the_books_a_batch_at_a_time(ledger, monkeypatch):
    books_load(
        "\n\n".join(
            f'2026-01-09 * "Don {n}"\n'
            f"  Assets:Bank:Current  {n}.00 EUR\n"
            f"  Income:Contributions:Donations  -{n}.00 EUR"
            for n in range(1, 6)
        )
    )
    whole = beancount_text(drafts=True)

    monkeypatch.setattr("remix.ledger.beancount.BATCH", 2)

    assert beancount_text(drafts=True) == whole
    assert whole.count("\n2026-01-09 * ") == 6


def test_one_fund_alone_read_a_posting_at_a_time_keeps_each_transaction_whole(ledger, monkeypatch):
    """The transactions and the postings of the scope are two streams walked side by side: with
    other funds' postings between them, each transaction keeps its own."""
    fiesta = fund_project("fiesta-2026")
    whole = beancount_text(fund=fiesta)

    monkeypatch.setattr("remix.ledger.beancount.BATCH", 1)

    assert beancount_text(fund=fiesta) == whole
    assert '"Salle de la fête"' in whole
    assert "Don d'Awa" not in whole
    _load(whole)
