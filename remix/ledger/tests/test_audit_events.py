"""Every write to the books leaves its audit event, on the object it is about, with who did it.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads). Of note: a
reversal's ``reversed`` event is on the ORIGINAL transaction (the reversal's id in its data), and
the reversal itself has no ``created`` event, only its ``posted`` one; an attachment's event is
on its transaction; a bank import's ``done`` and ``refused`` events are by whoever prepared it.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.ledger import imports, maths, services
from remix.ledger.bankfiles import ImportRefused
from remix.ledger.models import Account, Fund, Transaction
from remix.ledger.tests.builders import books_load

D = datetime.date
ROWS = Rows()

GIFT = """
2026-03-03 {flag} "Don de Awa" awa-diop
  Assets:Bank:Current               50.00 EUR
  Income:Contributions:Donations   -50.00 EUR
"""


def gift(flag="*", recorder=None) -> Transaction:
    (tx,) = books_load(GIFT.format(flag=flag), recorder=recorder)
    return tx


def acc(code: str) -> Account:
    return Account.objects.get(code=code)


def platform() -> Fund:
    return Fund.objects.get(kind="platform")


def legs(amount: str) -> list[services.Leg]:
    return [
        services.Leg.of(acc("Assets:Bank:Current"), platform(), amount),
        services.Leg.of(acc("Income:Contributions:Donations"), platform(), f"-{amount}"),
    ]


def statement(*rows) -> bytes:
    """A French bank's CSV: (day, label, credit in euros as typed)."""
    lines = ["Date;Libellé;Débit euros;Crédit euros;"]
    lines += [f'{day:%d/%m/%Y};"{label}";;{credit};' for day, label, credit in rows]
    return "\n".join(lines).encode("utf-8")


STATEMENT = statement((D(2026, 3, 3), "VIR SEPA AWA DIOP DON", "50,00"))


def bank_import(recorder):
    return imports.bank_import_prepare(
        data=STATEMENT,
        filename="releve.csv",
        account=acc("Assets:Bank:Current"),
        fund=platform(),
        recorder=recorder,
    )


# --- funds and accounts --------------------------------------------------------------------------


@ROWS.writes("ledger.fund.created")
def a_fund_is_opened(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        fund = services.fund_create(
            slug="revue-2027", name={"fr": "Revue 2027"}, kind="publication", recorder=treasurer
        )
    return on(fund, by=treasurer, slug="revue-2027", kind="publication")


@ROWS.writes("ledger.fund.updated")
def a_fund_is_closed(the):
    treasurer = the.user("tresoriere", "treasurer")
    fund = services.fund_create(slug="revue-2027", name={"fr": "Revue 2027"}, kind="publication")
    with the.call():
        services.fund_update(
            fund=fund, name={"fr": "Revue"}, description={}, active=False, recorder=treasurer
        )
    return on(fund, by=treasurer, active=False)


@ROWS.writes("ledger.account.created")
def an_income_account_is_opened(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        account = services.account_create(
            code="Income:Sponsoring",
            name={"fr": "Mécénat"},
            nature="commercial",
            recorder=treasurer,
        )
    return on(account, by=treasurer, code="Income:Sponsoring")


@ROWS.writes("ledger.account.updated")
def an_account_is_closed(the):
    treasurer = the.user("tresoriere", "treasurer")
    hosting = acc("Expenses:Hosting")
    with the.call():
        services.account_update(
            account=hosting,
            name={"fr": "Hébergement"},
            number=hosting.number,
            nature="",
            need_category=hosting.need_category,
            scope=hosting.scope,
            is_cash=False,
            active=False,
            recorder=treasurer,
        )
    return on(hosting, by=treasurer, code="Expenses:Hosting", active=False)


# --- transactions --------------------------------------------------------------------------------


@ROWS.writes("ledger.transaction.created")
def a_draft_is_written(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        tx, _created = services.transaction_create(
            date=D(2026, 3, 3), description="Don de Awa", legs=legs("50"), recorder=treasurer
        )
    return on(tx, by=treasurer, date="2026-03-03", postings=2)


@ROWS.writes("ledger.transaction.updated")
def a_draft_is_corrected(the):
    treasurer = the.user("tresoriere", "treasurer")
    draft = gift("!")
    with the.call():
        services.transaction_update(
            transaction=draft,
            date=D(2026, 3, 4),
            description="Don de Awa Diop",
            legs=legs("60"),
            recorder=treasurer,
        )
    return on(draft, by=treasurer, date="2026-03-04", postings=2)


@ROWS.writes("ledger.transaction.deleted")
def a_draft_is_deleted(the):
    treasurer = the.user("tresoriere", "treasurer")
    draft = gift("!")
    expected = on(draft, by=treasurer, date="2026-03-03", description="Don de Awa")
    with the.call():
        services.transaction_delete(transaction=draft, recorder=treasurer)
    return expected


@ROWS.writes("ledger.transaction.posted")
def a_draft_is_posted(the):
    treasurer = the.user("tresoriere", "treasurer")
    draft = gift("!")
    with the.call():
        services.transaction_post(transaction=draft, recorder=treasurer)
    return on(draft, by=treasurer)


@ROWS.writes("ledger.transaction.posted", "of-a-reversal")
def a_reversal_is_posted_as_it_is_written(the):
    treasurer = the.user("tresoriere", "treasurer")
    original = gift()
    with the.call():
        reversal = services.transaction_reverse(
            transaction=original, reason="Doublon", recorder=treasurer
        )
    return on(reversal, by=treasurer)


@ROWS.writes("ledger.transaction.reversed")
def a_posted_transaction_is_reversed(the):
    treasurer = the.user("tresoriere", "treasurer")
    original = gift()
    with the.call():
        reversal = services.transaction_reverse(
            transaction=original, reason="Doublon", recorder=treasurer
        )
    return on(original, by=treasurer, reversal=reversal.pk, reason="Doublon")


@ROWS.writes("ledger.attachment.added")
def a_receipt_joins_a_posted_transaction(the):
    the.media()
    treasurer = the.user("tresoriere", "treasurer")
    tx = gift()
    upload = SimpleUploadedFile("recu.pdf", b"%PDF-1.4 receipt", content_type="application/pdf")
    with the.call():
        attachment = services.attachment_add(
            transaction=tx, upload=upload, name="Reçu", recorder=treasurer
        )
    return on(tx, by=treasurer, attachment=attachment.pk, name="Reçu")


# --- needs, rates, closing -----------------------------------------------------------------------


@ROWS.writes("ledger.budget_line.created")
def a_need_is_stated(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        line = services.budget_line_create(
            fund=platform(),
            period=maths.period_parse("2026"),
            amount="2400",
            account=acc("Expenses:Hosting"),
            recorder=treasurer,
        )
    return on(line, by=treasurer, fund="plateforme", period="2026", amount="2400")


@ROWS.writes("ledger.budget_line.deleted")
def a_need_is_withdrawn(the):
    treasurer = the.user("tresoriere", "treasurer")
    line = services.budget_line_create(
        fund=platform(), period=maths.period_parse("2026"), amount="2400", category="hosting"
    )
    expected = on(line, by=treasurer, fund="plateforme", start="2026-01-01")
    with the.call():
        services.budget_line_delete(line=line, recorder=treasurer)
    return expected


@ROWS.writes("ledger.rate.recorded")
def a_rate_is_corrected(the):
    treasurer = the.user("tresoriere", "treasurer")
    services.rate_record(date=D(2026, 1, 1), commodity="CAD", quote="EUR", rate="0.67")
    with the.call():
        rate = services.rate_record(
            date=D(2026, 1, 1), commodity="CAD", quote="EUR", rate="0.68", recorder=treasurer
        )
    return on(rate, by=treasurer, rate="0.68", corrected=True)


@ROWS.writes("ledger.period.closed")
def a_month_is_closed(the):
    treasurer = the.user("tresoriere", "treasurer")
    gift()
    with the.call():
        closed = services.period_close(period=maths.period_parse("2026-03"), recorder=treasurer)
    return on(closed, by=treasurer, period="2026-03")


# --- bank imports --------------------------------------------------------------------------------


@ROWS.writes("ledger.bank_import.created")
def a_statement_is_brought_in(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        batch = bank_import(treasurer)
    return on(batch, by=treasurer, file="releve.csv", account="Assets:Bank:Current")


@ROWS.writes("ledger.bank_import.done")
def a_statement_is_imported_by_whoever_brought_it(the):
    treasurer = the.user("tresoriere", "treasurer")
    batch = bank_import(treasurer)
    with the.call():
        imports.bank_import_run(bank_import=batch, data=STATEMENT)
    return on(batch, by=treasurer, rows=1, created=1, skipped=0)


@ROWS.writes("ledger.bank_import.refused")
def a_statement_is_refused_for_whoever_brought_it(the):
    treasurer = the.user("tresoriere", "treasurer")
    batch = bank_import(treasurer)
    with the.call():
        imports.bank_import_refuse(
            bank_import=batch, refused=ImportRefused(7, "“32/10/2026” is not a date")
        )
    return on(batch, by=treasurer, line=7, reason="“32/10/2026” is not a date")


# --- bank accounts -------------------------------------------------------------------------------


def fiscal_host(name="La Fabrique"):
    from remix.allies.services import actor_create

    return actor_create(name=name, kind="organisation", legal_form="association")


@ROWS.writes("ledger.bank_account.recorded")
def a_bank_account_is_recorded(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        bank = services.bank_account_record(
            account=acc("Assets:Bank:Current"),
            holder=fiscal_host(),
            iban="FR76 3000 6000 0112 3456 7890 189",
            held_from=D(2019, 1, 1),
            recorder=treasurer,
        )
    return on(bank, by=treasurer, account="Assets:Bank:Current", iban="FR7630006000011234567890189")


@ROWS.writes("ledger.bank_account.passed")
def a_bank_account_passes_to_the_next_holder(the):
    steward = the.user("louise", "steward")
    services.bank_account_record(
        account=acc("Assets:Bank:Current"),
        holder=fiscal_host(),
        iban="FR7630006000011234567890189",
        held_from=D(2019, 1, 1),
    )
    communs = fiscal_host("Coopérative des Communs")
    incoming = services.bank_account_record(
        account=services.account_create(
            code="Assets:Bank:Communs", name={"fr": "Communs"}, is_cash=True
        ),
        holder=communs,
        iban="FR7342559100000123456789012",
    )
    with the.call():
        services.bank_account_pass(
            from_account=acc("Assets:Bank:Current"),
            to_account=incoming.account,
            holder=communs,
            on=D(2027, 1, 1),
            recorder=steward,
        )
    return on(
        incoming,
        by=steward,
        held={"iban": "FR7342559100000123456789012", "held_from": "2027-01-01"},
        released={"iban": "FR7630006000011234567890189", "held_until": "2026-12-31"},
    )


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))
