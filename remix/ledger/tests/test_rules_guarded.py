"""Rules of the books that a small slip in the code would break while every other test stays
green: reversal dates, transfers, closing, closed accounts, the trial balance's day, the burn
rate, the gap's rounding, drafts and reversed gifts in the public figures, who writes and who
reads drafts through the API, what an anonymous gift hides, the import's guards, and the
self-checks on postings."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from remix.core.selfchecks import selfchecks_run
from remix.ledger import imports, maths, selectors, services
from remix.ledger.bankfiles import ImportRefused
from remix.ledger.models import (
    Account,
    BankImport,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    Posting,
    Transaction,
)
from remix.ledger.openbudget import resource_detail
from remix.ledger.tests.builders import books_load, fund_project

D = datetime.date
API = "/api/v1/ledger"

FEES = """
2026-09-10 * "Frais de tenue de compte"
  Assets:Bank:Current   -12 EUR
  Expenses:Bank-fees     12 EUR
"""


def acc(code):
    return Account.objects.get(code=code)


@pytest.fixture
def platform(db):
    return Fund.objects.get(kind="platform")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- reversals, transfers, closing, accounts -----------------------------------------------------


def test_a_reversal_may_share_the_originals_day_but_not_precede_it(platform):
    hosting, fees = books_load(
        """
        2026-09-10 * "Hébergement"
          Assets:Bank:Current   -180 EUR
          Expenses:Hosting       180 EUR

        2026-09-10 * "Frais"
          Assets:Bank:Current   -12 EUR
          Expenses:Bank-fees     12 EUR
        """
    )

    same_day = services.transaction_reverse(
        transaction=hosting, reason="Prélevé deux fois", date=D(2026, 9, 10)
    )
    with pytest.raises(ValidationError) as error:
        services.transaction_reverse(transaction=fees, reason="Erreur", date=D(2026, 9, 9))

    assert same_day.date == D(2026, 9, 10) and same_day.is_posted
    assert error.value.message_dict == {"date": ["A reversal cannot be dated before the original."]}
    assert not Transaction.objects.filter(reverses=fees).exists()


def test_a_transfer_of_a_negative_amount_is_refused(platform):
    fiesta = fund_project()

    with pytest.raises(ValidationError) as error:
        services.transfer_record(
            date=D(2026, 10, 1), from_fund=platform, to_fund=fiesta, amount="-200.00"
        )

    assert error.value.message_dict == {"amount": ["A transfer moves a positive amount."]}
    assert not Transaction.objects.exists()


def test_a_transfer_to_the_same_fund_is_refused_on_the_target_fund(platform):
    with pytest.raises(ValidationError) as error:
        services.transfer_record(
            date=D(2026, 10, 1), from_fund=platform, to_fund=platform, amount="200.00"
        )

    assert error.value.message_dict == {"to_fund": ["A transfer moves money between two funds."]}
    assert not Transaction.objects.exists()


def test_a_transfer_touches_exactly_two_funds_not_three(platform):
    fund_project("fiesta-2026")
    fund_project("publication", kind="other")

    with pytest.raises(ValidationError) as error:
        books_load(
            """
            2026-10-01 * "Répartition entre trois fonds"
              Assets:Bank:Current   -300 EUR
              Equity:Transfers       300 EUR
              Assets:Bank:Current    200 EUR fiesta-2026
              Equity:Transfers      -200 EUR fiesta-2026
              Assets:Bank:Current    100 EUR publication
              Equity:Transfers      -100 EUR publication
            """
        )

    assert error.value.message_dict == {"postings": ["A transfer moves money between two funds."]}
    assert not Transaction.objects.exists()


def test_a_closed_account_takes_no_new_posting(platform):
    Account.objects.filter(code="Expenses:Supplies").update(active=False)

    with pytest.raises(ValidationError) as error:
        books_load(
            """
            2026-10-01 ! "Papeterie"
              Assets:Bank:Current   -15 EUR
              Expenses:Supplies      15 EUR
            """
        )

    assert error.value.message_dict == {"postings": ["Account Expenses:Supplies is closed."]}
    assert not Transaction.objects.exists()


def test_a_quarter_is_never_closed_even_without_drafts(platform):
    books_load(FEES)

    with pytest.raises(ValidationError) as error:
        services.period_close(period=maths.period_parse("2026-Q3"))

    assert error.value.message_dict == {"period": ["A month or a year is closed, not a quarter."]}
    assert not ClosedPeriod.objects.exists()


def test_a_zero_rate_is_refused_by_the_service_not_the_database(db):
    with pytest.raises(ValidationError) as error:
        services.rate_record(date=D(2026, 1, 1), commodity="CAD", quote="EUR", rate="0")

    assert error.value.message_dict == {"rate": ["A rate is positive."]}
    assert not ExchangeRate.objects.exists()


@pytest.mark.parametrize(
    ("day", "name", "start", "end"),
    [
        (D(2026, 1, 1), "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 3, 31), "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 6, 30), "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 9, 30), "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 12, 31), "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
    ],
)
def test_the_quarter_of_a_day_holds_the_last_month_of_each_quarter(day, name, start, end):
    quarter = maths.period_of("quarter", day)

    assert (quarter.name, quarter.start, quarter.end) == (name, start, end)


# --- reports -------------------------------------------------------------------------------------


def test_the_trial_balance_includes_its_own_day(platform):
    books_load(FEES)

    on_the_day = selectors.trial_balance(fund=None, on=D(2026, 9, 10))
    the_day_before = selectors.trial_balance(fund=None, on=D(2026, 9, 9))

    assert [(row.account.code, row.minor) for row in on_the_day.rows] == [
        ("Assets:Bank:Current", -1200),
        ("Expenses:Bank-fees", 1200),
    ]
    assert the_day_before.rows == []


def test_a_conversion_rounds_half_to_even_not_down(db):
    services.rate_record(date=D(2026, 1, 1), commodity="CAD", quote="EUR", rate="0.675")
    services.rate_record(date=D(2026, 2, 1), commodity="CAD", quote="EUR", rate="0.665")
    converter = selectors.Converter("EUR")

    assert converter.minor(100, "CAD", D(2026, 1, 15)) == 68  # 67.5 cents, half to even
    assert converter.minor(100, "CAD", D(2026, 2, 15)) == 66  # 66.5 cents, half to even
    assert converter.minor(-100, "CAD", D(2026, 1, 15)) == -68


@pytest.mark.parametrize(
    ("needs", "monetary", "gap"),
    [
        (120010, 0, 10001),  # 10 000.83 cents a month, rounded up
        (120006, 0, 10000),  # 10 000.5: half to even
        (120018, 0, 10002),  # 10 001.5: half to even
        (120000, 120000, 0),
        (120000, 130000, 0),  # more than enough: nothing is missing
    ],
)
def test_the_monthly_gap_is_rounded_to_the_nearest_cent(needs, monetary, gap):
    report = selectors.Sustainability(
        fund=None,
        period=maths.period_parse("2026"),
        currency="EUR",
        needs=needs,
        resources_monetary=monetary,
    )

    assert report.gap_per_month == gap


BURN = """
2025-06-01 * "Solde d'ouverture"
  Assets:Bank:Current            10000 EUR
  Equity:Opening-balances       -10000 EUR

2025-12-15 * "Hébergement de décembre"
  Expenses:Hosting                 600 EUR
  Assets:Bank:Current             -600 EUR

2026-03-10 * "Hébergement de l'année"
  Expenses:Hosting                1200 EUR
  Assets:Bank:Current            -1200 EUR

2026-04-02 * "Hébergement prélevé deux fois"
  Expenses:Hosting                 300 EUR
  Assets:Bank:Current             -300 EUR

2026-05-01 * "Don remboursé" julien-moreau
  Assets:Bank:Current              200 EUR
  Income:Contributions:Donations  -200 EUR
"""


def test_the_burn_is_cash_paid_out_over_the_last_twelve_months_only(platform):
    """Left out of the burn: a transfer between funds, a reversed payment and its reversal, a
    refunded gift's refund, and what was paid before the twelve months that end the period."""
    fiesta = fund_project()
    loaded = {tx.description: tx for tx in books_load(BURN)}
    services.transaction_reverse(
        transaction=loaded["Hébergement prélevé deux fois"], reason="Doublon", date=D(2026, 4, 5)
    )
    services.transaction_reverse(
        transaction=loaded["Don remboursé"], reason="Rendu au donateur", date=D(2026, 5, 3)
    )
    services.transfer_record(date=D(2026, 6, 1), from_fund=platform, to_fund=fiesta, amount="500")

    consolidated = selectors.sustainability(fund=None, period=maths.period_parse("2026"))
    alone = selectors.sustainability(fund=platform, period=maths.period_parse("2026"))

    assert consolidated.cash == 820000
    assert consolidated.monthly_burn == 10000  # 1 200 € over 12 months
    assert (alone.cash, alone.monthly_burn) == (770000, 10000)
    assert consolidated.figures()["runway_months"] == Decimal("82.0")


def test_a_refunded_gift_is_no_source_of_the_period(platform):
    """Refunded within the year, or this year for a gift of the year before: neither giver is a
    source of this year, and the shares are of what the others gave."""
    last_year, refunded, _kept = books_load(
        """
        2025-12-20 * "Don" aminata-sow
          Assets:Bank:Current               40 EUR
          Income:Contributions:Donations   -40 EUR

        2026-03-01 * "Don" julien-moreau
          Assets:Bank:Current               50 EUR
          Income:Contributions:Donations   -50 EUR

        2026-03-02 * "Don" lucia-herrera
          Assets:Bank:Current               30 EUR
          Income:Contributions:Donations   -30 EUR
        """
    )
    services.transaction_reverse(transaction=refunded, reason="Rendu", date=D(2026, 3, 20))
    services.transaction_reverse(transaction=last_year, reason="Rendu", date=D(2026, 1, 10))

    report = selectors.sustainability(fund=None, period=maths.period_parse("2026"))

    assert [(s["name"], s["amount"], s["share"]) for s in report.sources] == [
        ("Lucia Herrera", 3000, Decimal("1.0000"))
    ]


def test_the_dashboards_breakdowns_leave_drafts_out(platform):
    books_load(
        """
        2026-01-05 * "Don" julien-moreau
          Assets:Bank:Current               20 EUR
          Income:Contributions:Donations   -20 EUR

        2026-01-20 ! "Subvention pas encore reçue" ville-de-lyon
          Assets:Bank:Current              600 EUR
          Income:Grants:Public            -600 EUR
        """
    )
    report = selectors.sustainability(fund=None, period=maths.period_parse("2026"))

    detail = resource_detail(report=report)

    assert report.resources_total == 2000
    assert detail.by_month_nature == {(D(2026, 1, 1), "contributions"): 2000}
    julien = Transaction.objects.posted().get().counterparty_id
    assert detail.by_source_nature == {(julien, False, "contributions"): 2000}


# --- the API: who writes, who reads drafts, what an anonymous gift hides -------------------------


API_BOOKS = """
2026-02-10 * "Don anonyme" awa-diop anonymous
  Assets:Bank:Current               500.00 EUR
  Income:Contributions:Donations   -500.00 EUR

2026-04-01 ! "Facture de développement à vérifier"
  Expenses:Development              300.00 EUR
  Assets:Bank:Current              -300.00 EUR
"""


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def api_books(db):
    gift, draft = books_load(API_BOOKS)
    return {"gift": gift, "draft": draft}


@pytest.fixture
def member(api_token):
    _user, raw = api_token(username="amina")
    return bearer(raw)


def test_a_members_token_changes_and_deletes_no_transaction(client, api_books, member):
    draft, gift = api_books["draft"], api_books["gift"]
    body = json.dumps({"description": "Autre chose"})

    answers = [
        client.patch(f"{API}/transactions/{draft.pk}", body, "application/json", **member),
        client.delete(f"{API}/transactions/{draft.pk}", **member),
        client.patch(f"{API}/transactions/{gift.pk}", body, "application/json", **member),
        client.delete(f"{API}/transactions/{gift.pk}", **member),
    ]

    assert [answer.status_code for answer in answers] == [403, 403, 403, 403]
    assert {answer.json()["error"]["code"] for answer in answers} == {"forbidden"}
    draft.refresh_from_db()
    assert draft.description == "Facture de développement à vérifier"


def test_a_members_token_reads_no_draft(client, api_books, member):
    draft = api_books["draft"]

    listed = client.get(f"{API}/transactions", **member).json()
    drafts = client.get(f"{API}/transactions?status=draft", **member).json()
    one = client.get(f"{API}/transactions/{draft.pk}", **member)

    assert [item["id"] for item in listed["items"]] == [api_books["gift"].pk]
    assert drafts["count"] == 0
    assert one.status_code == 404


def test_an_anonymous_gifts_reference_and_memos_are_not_published(client, platform, api_token):
    _treasurer, raw = api_token(username="tresoriere", roles=["treasurer"])
    body = {
        "date": "2026-06-01",
        "description": "Virement de Awa Diop",
        "counterparty": None,
        "anonymous": True,
        "reference": "VIR AWA DIOP 42",
        "post": True,
        "postings": [
            {"account": "Assets:Bank:Current", "amount": "50.00", "memo": "de la part de Awa"},
            {"account": "Income:Contributions:Donations", "amount": "-50.00", "memo": "Awa"},
        ],
    }
    created = client.post(
        f"{API}/transactions", json.dumps(body), "application/json", **bearer(raw)
    )
    assert created.status_code == 201, created.content
    gift_id = created.json()["id"]

    for answer in (
        created,
        client.get(f"{API}/transactions/{gift_id}"),
        client.get(f"{API}/transactions/{gift_id}", **bearer(raw)),
        client.get(f"{API}/transactions"),
    ):
        assert "Awa" not in answer.content.decode() and "AWA" not in answer.content.decode()
    read = client.get(f"{API}/transactions/{gift_id}").json()
    assert read["reference"] == "" and [p["memo"] for p in read["postings"]] == ["", ""]
    assert Transaction.objects.get(pk=gift_id).reference == "VIR AWA DIOP 42"  # kept in the books


# --- bank statement import -----------------------------------------------------------------------

STATEMENT = (
    "Date;Libellé;Débit;Crédit\n01/10/2026;Cotisation;;30,00\n02/10/2026;Papeterie;12,50;\n"
).encode()


def test_an_import_needs_a_cash_account_not_any_asset(platform):
    with pytest.raises(ValidationError) as error:
        imports.bank_import_prepare(
            data=STATEMENT,
            filename="releve.csv",
            account=acc("Assets:Receivables:Other"),
            fund=platform,
        )

    assert error.value.message_dict == {
        "account": ["Assets:Receivables:Other is not a bank account."]
    }
    assert not BankImport.objects.exists()


def test_an_import_into_a_closed_fund_is_refused(platform):
    fiesta = fund_project()
    Fund.objects.filter(pk=fiesta.pk).update(active=False)
    fiesta.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        imports.bank_import_prepare(
            data=STATEMENT, filename="releve.csv", account=acc("Assets:Bank:Current"), fund=fiesta
        )

    assert error.value.message_dict == {"fund": ["The fund fiesta-2026 is closed."]}
    assert not BankImport.objects.exists()


def test_refusing_a_finished_import_leaves_it_done(platform):
    batch = imports.bank_import_prepare(
        data=STATEMENT, filename="releve.csv", account=acc("Assets:Bank:Current"), fund=platform
    )
    imports.bank_import_run(bank_import=batch, data=STATEMENT)

    after = imports.bank_import_refuse(
        bank_import=batch, refused=ImportRefused(3, "a late worker's failure")
    )

    batch.refresh_from_db()
    assert (after.status, batch.status, batch.error) == ("done", "done", "")
    assert (batch.rows_created, batch.transactions.count()) == (2, 2)


def test_a_typed_closing_date_wins_over_the_files(platform):
    data = (Path(__file__).parent / "samples" / "credit-agricole-2026-10.csv").read_bytes()
    batch = imports.bank_import_prepare(
        data=data,
        filename="ca.csv",
        account=acc("Assets:Bank:Current"),
        fund=platform,
        closing_balance="1234.56",
        closing_date=D(2026, 10, 30),
    )

    batch = imports.bank_import_run(bank_import=batch, data=data)

    assert (batch.closing_date, batch.closing_balance_minor) == (D(2026, 10, 30), 123456)


# --- the self-checks on postings -----------------------------------------------------------------


def problems(prefix):
    return [p.message for p in selfchecks_run() if p.check.startswith(prefix)]


DRAFT = """
2026-10-03 ! "Don"
  Assets:Bank:Current               50 EUR
  Income:Contributions:Donations   -50 EUR
"""


@pytest.mark.no_selfchecks
def test_a_posting_dated_apart_from_its_transaction_is_found(db):
    (draft,) = books_load(DRAFT)
    moved = draft.postings.get(amount_minor=5000)
    Posting.objects.filter(pk=moved.pk).update(date=D(2026, 10, 4))

    assert problems("ledger.postings") == [
        f"posting {moved.pk} disagrees with its transaction on the date or the status"
    ]


@pytest.mark.no_selfchecks
def test_a_posted_posting_in_a_draft_is_found(db):
    (draft,) = books_load(DRAFT)
    early = draft.postings.get(amount_minor=5000)
    Posting.objects.filter(pk=early.pk).update(posted=True)

    assert problems("ledger.postings") == [
        f"posting {early.pk} disagrees with its transaction on the date or the status"
    ]


@pytest.mark.no_selfchecks
def test_draft_postings_in_a_posted_transaction_are_found(db):
    (draft,) = books_load(DRAFT)
    # The transaction marked posted behind the service's back, its postings left as drafts.
    Transaction.objects.filter(pk=draft.pk).update(status="posted", posted_at=timezone.now())
    bank, income = draft.postings.order_by("-amount_minor").values_list("pk", flat=True)

    assert sorted(problems("ledger.postings")) == sorted(
        f"posting {pk} disagrees with its transaction on the date or the status"
        for pk in (bank, income)
    )


@pytest.mark.no_selfchecks
def test_a_transaction_with_a_single_posting_is_found(db):
    (draft,) = books_load(DRAFT)
    Posting.objects.filter(transaction=draft, amount_minor=-5000).delete()

    assert problems("ledger.postings") == [f"transaction {draft.pk} has fewer than two postings"]


@pytest.mark.no_selfchecks
def test_a_posted_transaction_still_on_the_suspense_account_is_found(db):
    (draft,) = books_load(
        """
        2026-10-03 ! "VIR INCONNU"
          Assets:Bank:Current   50 EUR
          Assets:Suspense      -50 EUR
        """
    )
    # Posted behind the service's back, which refuses a row still waiting to be categorised.
    Posting.objects.filter(transaction=draft).update(posted=True)
    Transaction.objects.filter(pk=draft.pk).update(status="posted", posted_at=timezone.now())

    assert problems("ledger.postings") == [
        f"posted transaction {draft.pk} is still waiting to be categorised"
    ]
