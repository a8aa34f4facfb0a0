"""The treasurer's pages: who may open them, and the books written through them."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from remix.core.models import AuditEvent
from remix.ledger import selectors
from remix.ledger.forms import decimal_parse
from remix.ledger.models import (
    Account,
    Attachment,
    BudgetLine,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    Posting,
    Transaction,
)
from remix.ledger.tests.builders import books_load, fund_project

D = datetime.date
BOOKS = "/en/budget/books/"


def acc(code):
    return Account.objects.get(code=code)


@pytest.fixture
def platform(db):
    return Fund.objects.get(kind="platform")


@pytest.fixture
def treasurer(make_user):
    return make_user("tresoriere", roles=["treasurer"], language="en")


@pytest.fixture
def as_treasurer(client, treasurer):
    client.force_login(treasurer)
    return client


@pytest.fixture
def sample(platform):
    """A posted donation, an imported row waiting, a need and a rate."""
    posted, waiting = books_load(
        """
        2026-03-03 * "Don de Julien" julien-moreau
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR

        2026-03-05 ! "VIR OVH SAS"
          Assets:Bank:Current              -12.00 EUR
          Assets:Suspense                   12.00 EUR
        """
    )
    return {"posted": posted, "waiting": waiting}


def _pages(sample, platform) -> list[str]:
    line = BudgetLine.objects.create(
        fund=platform,
        period_kind="year",
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
        category="hosting",
        amount_minor=120000,
    )
    assert line.pk
    return [
        "",
        "accounts/",
        "accounts/new/",
        f"accounts/{acc('Expenses:Hosting').pk}/edit/",
        "funds/",
        "funds/new/",
        "funds/plateforme/edit/",
        "transactions/",
        "transactions/?status=waiting&fund=plateforme&period=2026-03&q=OVH",
        "transactions/new/",
        "transactions/hours/",
        "transactions/in-kind/",
        "transactions/transfer/",
        f"transactions/{sample['posted'].pk}/",
        f"transactions/{sample['waiting'].pk}/",
        f"transactions/{sample['waiting'].pk}/edit/",
        f"transactions/{sample['waiting'].pk}/delete/",
        "needs/",
        "needs/?year=2026&fund=plateforme",
        "rates/",
        "reports/trial-balance/",
        "reports/trial-balance/?fund=plateforme&on=2026-03-31",
        "reports/income-statement/?period=2026-Q1",
        "reports/balance-sheet/?on=2026-12-31",
        "closing/",
    ]


def test_every_page_opens_for_a_treasurer_and_a_steward_only(client, make_user, sample, platform):
    pages = _pages(sample, platform)
    for page in pages:
        response = client.get(BOOKS + page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/en/accounts/login/?next="), page

    client.force_login(make_user("membre", roles=["member"]))
    for page in pages:
        assert client.get(BOOKS + page).status_code == 403, page
    assert "Not allowed" in client.get(BOOKS).content.decode()

    for role in ("treasurer", "steward"):
        client.force_login(make_user(f"a-{role}", roles=[role]))
        for page in pages:
            assert client.get(BOOKS + page).status_code == 200, (role, page)


def test_the_pages_are_french_by_default(as_treasurer, sample):
    page = as_treasurer.get("/budget/books/transactions/").content.decode()

    assert '<html lang="fr">' in page
    assert "50,00\u00a0€" in page


def test_the_home_counts_drafts_and_shows_the_months(as_treasurer, sample):
    ClosedPeriod.objects.create(kind="month", start=D(2026, 1, 1), end=D(2026, 1, 31))
    response = as_treasurer.get(BOOKS)

    assert response.context["drafts"] == 1
    assert response.context["waiting"] == 1
    assert "1 imported row waits to be categorised." in response.content.decode()
    assert len(response.context["months"]) == 12


def test_the_chart_of_accounts_is_a_tree(as_treasurer):
    response = as_treasurer.get(BOOKS + "accounts/")
    rows = response.context["rows"]
    names = [(row["depth"], row["name"], bool(row["account"])) for row in rows]

    assert names[:4] == [
        (0, "Assets", False),
        (1, "Bank", False),
        (2, "Current", True),
        (1, "Cash", True),
    ]
    assert "Public authority grants" in response.content.decode()


def test_a_draft_is_created_posted_and_reversed_through_the_pages(
    as_treasurer, treasurer, platform
):
    created = as_treasurer.post(
        BOOKS + "transactions/new/",
        {
            "date": "2026-04-02",
            "description": "OVH, serveur d'avril",
            "reference": "FA-2026-117",
            "postings-TOTAL_FORMS": "4",
            "postings-INITIAL_FORMS": "4",  # as the page says: any row may stay empty
            "postings-0-account": acc("Expenses:Hosting").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "1 240,50",
            "postings-0-commodity": "EUR",
            "postings-1-account": acc("Assets:Bank:Current").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-1240.50",
            "postings-1-commodity": "eur",
            # Two untouched rows, as the page offers them: ignored.
            "postings-2-fund": platform.pk,
            "postings-2-commodity": "EUR",
            "postings-3-fund": platform.pk,
            "postings-3-commodity": "EUR",
            "then": "draft",
        },
    )
    tx = Transaction.objects.get(description="OVH, serveur d'avril")
    assert created.status_code == 302 and created["Location"].endswith(f"/{tx.pk}/")
    assert (tx.status, tx.reference, tx.created_by) == ("draft", "FA-2026-117", treasurer)
    assert sorted(tx.postings.values_list("account__code", "amount_minor", "commodity")) == [
        ("Assets:Bank:Current", -124050, "EUR"),
        ("Expenses:Hosting", 124050, "EUR"),
    ]

    as_treasurer.post(BOOKS + f"transactions/{tx.pk}/post/")
    tx.refresh_from_db()
    assert tx.status == "posted" and tx.posted_by == treasurer

    detail = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/").content.decode()
    assert "€1,240.50" in detail and 'id="id_reason"' in detail

    reversed_ = as_treasurer.post(
        BOOKS + f"transactions/{tx.pk}/reverse/",
        {"reason": "Facture en double", "date": "2026-04-09"},
    )
    reversal = Transaction.objects.get(reverses=tx)
    assert reversed_["Location"].endswith(f"/{reversal.pk}/")
    assert (reversal.date, reversal.reason, reversal.status) == (
        D(2026, 4, 9),
        "Facture en double",
        "posted",
    )
    assert sorted(reversal.postings.values_list("account__code", "amount_minor")) == [
        ("Assets:Bank:Current", 124050),
        ("Expenses:Hosting", -124050),
    ]
    original = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/").content.decode()
    assert "Reversed by" in original and "Facture en double" in original
    assert 'id="id_reason"' not in original  # reversed once, never twice
    assert "Reverses" in as_treasurer.get(BOOKS + f"transactions/{reversal.pk}/").content.decode()

    trial = as_treasurer.get(BOOKS + "reports/trial-balance/?on=2026-04-30")
    assert trial.context["trial"].balanced
    assert trial.context["trial"].totals == {}  # the reversal cancelled everything
    assert 'data-balanced="true"' in trial.content.decode()


def test_an_unbalanced_form_is_refused_naming_commodity_and_fund_and_keeps_the_input(
    as_treasurer, platform
):
    before = Transaction.objects.count()
    response = as_treasurer.post(
        BOOKS + "transactions/new/",
        {
            "date": "2026-04-02",
            "description": "Hébergement",
            "postings-TOTAL_FORMS": "2",
            "postings-INITIAL_FORMS": "0",
            "postings-0-account": acc("Expenses:Hosting").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "1 240,50",
            "postings-0-commodity": "EUR",
            "postings-0-memo": "avril",
            "postings-1-account": acc("Assets:Bank:Current").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-1230.50",
            "postings-1-commodity": "EUR",
            "then": "draft",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert Transaction.objects.count() == before
    assert response.context["posting_errors"] == [
        "EUR does not balance in the fund plateforme: off by €10.00."
    ]
    assert "EUR does not balance in the fund plateforme: off by €10.00." in page
    assert 'value="1 240,50"' in page and 'value="-1230.50"' in page
    assert 'value="Hébergement"' in page and 'value="avril"' in page


def test_a_typing_mistake_is_shown_next_to_its_field(as_treasurer, platform):
    response = as_treasurer.post(
        BOOKS + "transactions/new/",
        {
            "date": "2026-04-02",
            "description": "",
            "postings-TOTAL_FORMS": "2",
            "postings-INITIAL_FORMS": "0",
            "postings-0-account": acc("Expenses:Hosting").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "douze",
            "postings-0-commodity": "EUR",
            "postings-1-account": acc("Assets:Bank:Current").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-12",
            "postings-1-commodity": "EUROS",
        },
    )
    rows = response.context["rows"]

    assert response.context["form"].errors == {"description": ["This field is required."]}
    assert rows.forms[0].errors == {"amount": ["Type an amount, for example 1 240,50 or 1240.50."]}
    assert rows.forms[1].errors["commodity"] == [
        "Unknown currency: EUROS. Use an ISO code such as EUR, XOF, CAD, or HOUR."
    ]
    assert 'value="douze"' in response.content.decode()


def test_a_draft_is_edited_then_saved_and_posted_at_once(as_treasurer, platform):
    (tx,) = books_load(
        """
        2026-04-02 ! "Fournitures"
          Expenses:Supplies        30.00 EUR
          Assets:Cash             -30.00 EUR
        """
    )
    form = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/edit/")
    assert form.context["rows"].initial[0]["amount"] == "30.00"

    as_treasurer.post(
        BOOKS + f"transactions/{tx.pk}/edit/",
        {
            "date": "2026-04-03",
            "description": "Fournitures de bureau",
            "postings-TOTAL_FORMS": "2",
            "postings-INITIAL_FORMS": "0",
            "postings-0-account": acc("Expenses:Supplies").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "32.40",
            "postings-0-commodity": "EUR",
            "postings-1-account": acc("Assets:Cash").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-32.40",
            "postings-1-commodity": "EUR",
            "then": "post",
        },
    )
    tx.refresh_from_db()

    assert (tx.date, tx.description, tx.status) == (
        D(2026, 4, 3),
        "Fournitures de bureau",
        "posted",
    )
    assert sorted(tx.postings.values_list("amount_minor", "date")) == [
        (-3240, D(2026, 4, 3)),
        (3240, D(2026, 4, 3)),
    ]
    assert as_treasurer.get(BOOKS + f"transactions/{tx.pk}/edit/").status_code == 302


def test_an_imported_row_is_categorised_in_one_step(as_treasurer, sample, platform):
    waiting = sample["waiting"]
    fiesta = fund_project("fiesta-2026")

    as_treasurer.post(
        BOOKS + f"transactions/{waiting.pk}/categorise/",
        {"account": acc("Expenses:Hosting").pk, "fund": platform.pk},
    )
    assert sorted(waiting.postings.values_list("account__code", "fund__slug", "amount_minor")) == [
        ("Assets:Bank:Current", "plateforme", -1200),
        ("Expenses:Hosting", "plateforme", 1200),
    ]
    waiting.refresh_from_db()
    assert waiting.status == "draft"

    (other,) = books_load(
        """
        2026-03-06 ! "CB Imprimerie du Port"
          Assets:Bank:Current   -80.00 EUR
          Assets:Suspense        80.00 EUR
        """
    )
    listed = as_treasurer.get(BOOKS + "transactions/?status=waiting")
    assert [tx.pk for tx in listed.context["page"]] == [other.pk]
    assert f'id="id_cat{other.pk}_account"' in listed.content.decode()

    done = as_treasurer.post(
        BOOKS + f"transactions/{other.pk}/categorise/",
        {
            "account": acc("Expenses:Mediation:Fiestas").pk,
            "fund": fiesta.pk,
            "post": "on",
            "next": "/en/budget/books/transactions/?status=waiting",
        },
    )
    other.refresh_from_db()
    assert done["Location"] == "/en/budget/books/transactions/?status=waiting"
    assert other.status == "posted"
    assert set(other.postings.values_list("fund__slug", flat=True)) == {"fiesta-2026"}


def test_a_project_cost_refused_in_the_platform_fund_is_said_next_to_the_account(
    as_treasurer, sample, platform
):
    waiting = sample["waiting"]
    response = as_treasurer.post(
        BOOKS + f"transactions/{waiting.pk}/categorise/",
        {"account": acc("Expenses:Mediation:Fiestas").pk, "fund": platform.pk},
    )

    assert response.status_code == 400
    assert response.context["categorise_form"].errors["account"] == [
        "Expenses:Mediation:Fiestas is a mediation project's cost: it cannot land in the "
        "platform fund. Choose the project's fund."
    ]


def test_a_closed_month_refuses_posting_in_it(as_treasurer, platform):
    closed = as_treasurer.post(BOOKS + "closing/", {"period": "2026-03"})
    assert closed.status_code == 302
    assert ClosedPeriod.objects.get().end == D(2026, 3, 31)
    assert "March 2026" in as_treasurer.get(BOOKS + "closing/").content.decode()

    (tx,) = books_load(
        """
        2026-03-20 ! "Oubli de mars"
          Expenses:Bank-fees        4.50 EUR
          Assets:Bank:Current      -4.50 EUR
        """
    )
    refused = as_treasurer.post(BOOKS + f"transactions/{tx.pk}/post/", follow=True)
    tx.refresh_from_db()

    assert tx.status == "draft"
    assert (
        "2026-03-20 is in a closed period (2026-03-01 – 2026-03-31): date it in an open one."
        in refused.content.decode()
    )


def test_closing_a_month_with_drafts_says_so_next_to_the_period(as_treasurer, sample):
    response = as_treasurer.post(BOOKS + "closing/", {"period": "2026-03"})

    assert response.status_code == 400
    assert response.context["form"].errors["period"] == [
        "1 draft transactions are dated in 2026-03: post or delete them before closing."
    ]
    assert "status=draft&amp;period=2026-03" in response.content.decode()
    assert not ClosedPeriod.objects.exists()
    quarter = as_treasurer.post(BOOKS + "closing/", {"period": "2026-Q1"})
    assert quarter.context["form"].errors["period"] == [
        "A month (2026-10) or a year (2026) is closed, not a quarter."
    ]


def test_a_draft_is_deleted_after_a_confirmation(as_treasurer, sample):
    waiting = sample["waiting"]
    assert (
        "is a draft"
        in as_treasurer.get(BOOKS + f"transactions/{waiting.pk}/delete/").content.decode()
    )

    as_treasurer.post(BOOKS + f"transactions/{waiting.pk}/delete/")

    assert not Transaction.objects.filter(pk=waiting.pk).exists()
    posted = sample["posted"]
    as_treasurer.post(BOOKS + f"transactions/{posted.pk}/delete/")
    assert Transaction.objects.filter(pk=posted.pk).exists()


def test_a_receipt_is_attached_and_downloaded_by_treasurers_only(
    as_treasurer, sample, settings, client, make_user
):
    posted = sample["posted"]
    as_treasurer.post(
        BOOKS + f"transactions/{posted.pk}/attachments/",
        {"file": SimpleUploadedFile("recu don.pdf", b"%PDF-1.4 recu", "application/pdf")},
    )
    attachment = Attachment.objects.get(transaction=posted)
    assert attachment.name == "recu don.pdf"
    # Stored out of MEDIA_ROOT under a name that says nothing of the giver or the date.
    assert re.fullmatch(r"ledger/receipts/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).read_bytes() == b"%PDF-1.4 recu"

    address = f"/files/receipt/{attachment.pk}/"
    page = as_treasurer.get(BOOKS + f"transactions/{posted.pk}/").content.decode()
    assert f'href="{address}"' in page
    download = as_treasurer.get(address)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 recu"
    assert download["Content-Disposition"] == 'attachment; filename="recu_don.pdf"'

    as_treasurer.logout()
    as_treasurer.force_login(make_user("membre", roles=["member"]))
    assert as_treasurer.get(address).status_code == 403
    assert AuditEvent.objects.filter(action="ledger.attachment.added").count() == 1


def test_volunteer_hours_and_in_kind_are_recorded_in_their_accounts(as_treasurer, platform):
    as_treasurer.post(
        BOOKS + "transactions/hours/",
        {"date": "2026-04-10", "hours": "2,5", "fund": platform.pk, "description": "Traduction"},
    )
    hours = Transaction.objects.get(description="Traduction")
    assert sorted(hours.postings.values_list("account__code", "amount_minor", "commodity")) == [
        ("Expenses:Volunteering", 250, "HOUR"),
        ("Income:Community:Time", -250, "HOUR"),
    ]
    assert hours.status == "draft"

    as_treasurer.post(
        BOOKS + "transactions/in-kind/",
        {
            "date": "2026-04-11",
            "amount": "1 200",
            "commodity": "EUR",
            "fund": platform.pk,
            "description": "Salle prêtée",
            "post": "on",
        },
    )
    in_kind = Transaction.objects.get(description="Salle prêtée")
    assert in_kind.status == "posted"
    assert sorted(in_kind.postings.values_list("account__code", "amount_minor")) == [
        ("Expenses:In-kind", 120000),
        ("Income:Community:In-kind", -120000),
    ]
    refused = as_treasurer.post(
        BOOKS + "transactions/hours/",
        {"date": "2026-04-10", "hours": "-3", "fund": platform.pk, "description": "x"},
    )
    assert refused.context["form"].errors == {"hours": ["Type a positive amount."]}


def test_a_transfer_moves_money_between_two_funds(as_treasurer, platform):
    fiesta = fund_project("fiesta-2026")
    as_treasurer.post(
        BOOKS + "transactions/transfer/",
        {
            "date": "2026-05-01",
            "from_fund": platform.pk,
            "to_fund": fiesta.pk,
            "amount": "300",
            "commodity": "EUR",
            "account": acc("Assets:Bank:Current").pk,
            "post": "on",
        },
    )
    tx = Transaction.objects.get(is_transfer=True)
    assert tx.status == "posted"
    assert sorted(tx.postings.values_list("fund__slug", "account__code", "amount_minor")) == [
        ("fiesta-2026", "Assets:Bank:Current", 30000),
        ("fiesta-2026", "Equity:Transfers", -30000),
        ("plateforme", "Assets:Bank:Current", -30000),
        ("plateforme", "Equity:Transfers", 30000),
    ]
    same = as_treasurer.post(
        BOOKS + "transactions/transfer/",
        {
            "date": "2026-05-01",
            "from_fund": platform.pk,
            "to_fund": platform.pk,
            "amount": "1",
            "commodity": "EUR",
            "account": acc("Assets:Bank:Current").pk,
        },
    )
    assert same.context["form"].errors == {"to_fund": ["A transfer moves money between two funds."]}


def test_accounts_are_created_and_edited_but_never_change_code(as_treasurer):
    as_treasurer.post(
        BOOKS + "accounts/new/",
        {
            "code": "Income:Grants:Europe",
            "number": "7475",
            "name_fr": "Subventions européennes",
            "name_en": "European grants",
            "nature": "institutional_grants",
            "scope": "any",
        },
    )
    account = acc("Income:Grants:Europe")
    assert (account.type, account.nature, account.name["en"]) == (
        "income",
        "institutional_grants",
        "European grants",
    )

    missing = as_treasurer.post(
        BOOKS + "accounts/new/",
        {"code": "Income:Grants:Region", "name_fr": "Région", "scope": "any"},
    )
    assert missing.context["form"].errors == {
        "nature": ["Every income account has a resource nature."]
    }
    wrong = as_treasurer.post(
        BOOKS + "accounts/new/", {"code": "income:x", "name_fr": "x", "scope": "any"}
    )
    assert list(wrong.context["form"].errors) == ["code"]

    as_treasurer.post(
        BOOKS + f"accounts/{account.pk}/edit/",
        {
            "code": "Expenses:Hijack",
            "name_fr": "Subventions de l'Union européenne",
            "nature": "institutional_grants",
            "scope": "any",
        },
    )
    account.refresh_from_db()
    assert account.code == "Income:Grants:Europe"
    assert account.name == {"fr": "Subventions de l'Union européenne"}
    assert account.active is False  # the box was left unticked: closed


def test_a_mediation_project_fund_is_created_and_edited(as_treasurer):
    as_treasurer.post(
        BOOKS + "funds/new/",
        {
            "slug": "rencontres-dakar",
            "kind": "meeting",
            "name_fr": "Rencontres de Dakar",
            "reporting_currency": "xof",
        },
    )
    fund = Fund.objects.get(slug="rencontres-dakar")
    assert (fund.kind, fund.reporting_currency, fund.label) == (
        "meeting",
        "XOF",
        "Rencontres de Dakar",
    )
    kinds = [
        value
        for value, _label in as_treasurer.get(BOOKS + "funds/new/")
        .context["form"]
        .fields["kind"]
        .choices
    ]
    assert "platform" not in kinds

    as_treasurer.post(
        BOOKS + "funds/rencontres-dakar/edit/",
        {"name_fr": "Rencontres de Dakar 2026", "active": "on"},
    )
    fund.refresh_from_db()
    assert fund.name == {"fr": "Rencontres de Dakar 2026"} and fund.active


def test_needs_are_listed_per_year_created_and_deleted(as_treasurer, platform):
    as_treasurer.post(
        BOOKS + "needs/new/",
        {
            "fund": platform.pk,
            "period": "2026-q3",
            "account": acc("Expenses:Hosting").pk,
            "amount": "1 500,00",
            "commodity": "EUR",
            "note": "Serveurs",
        },
    )
    line = BudgetLine.objects.get()
    assert (line.start, line.end, line.amount_minor, line.category, line.note) == (
        D(2026, 7, 1),
        D(2026, 9, 30),
        150000,
        "hosting",
        {"en": "Serveurs"},
    )
    listed = as_treasurer.get(BOOKS + "needs/?year=2026")
    assert listed.context["totals"] == {"EUR": 150000}
    assert "2026-Q3" in listed.content.decode()
    assert as_treasurer.get(BOOKS + "needs/?year=2027").context["lines"] == []

    refused = as_treasurer.post(
        BOOKS + "needs/new/",
        {"fund": platform.pk, "period": "2026-13", "amount": "0", "commodity": "EUR"},
    )
    assert refused.status_code == 400
    assert set(refused.context["form"].errors) == {"period", "amount", "category"}

    as_treasurer.post(BOOKS + f"needs/{line.pk}/delete/")
    assert not BudgetLine.objects.exists()


def test_rates_are_recorded_and_an_hour_has_a_value(as_treasurer):
    as_treasurer.post(
        BOOKS + "rates/", {"date": "2026-01-01", "commodity": "hour", "quote": "EUR", "rate": "15"}
    )
    as_treasurer.post(
        BOOKS + "rates/",
        {"date": "2026-01-01", "commodity": "XOF", "quote": "EUR", "rate": "0,001524"},
    )
    rates = {(r.commodity, r.quote): r.rate for r in ExchangeRate.objects.all()}
    assert rates == {("HOUR", "EUR"): Decimal("15"), ("XOF", "EUR"): Decimal("0.001524")}
    page = as_treasurer.get(BOOKS + "rates/").content.decode()
    assert "1 HOUR = 15 EUR" in page and "value of an hour" in page
    assert "1 XOF = 0.001524 EUR" in page

    refused = as_treasurer.post(
        BOOKS + "rates/", {"date": "2026-01-01", "commodity": "EUR", "quote": "HOUR", "rate": "1"}
    )
    assert refused.context["form"].errors == {"quote": ["Hours are not a currency."]}


def test_the_reports_per_fund_and_consolidated(as_treasurer, platform):
    fiesta = fund_project("fiesta-2026")
    books_load(
        """
        2026-02-01 * "Subvention de la Région" region-aura
          Assets:Bank:Current        2000.00 EUR
          Income:Grants:Public      -2000.00 EUR

        2026-02-10 * "Hébergement"
          Expenses:Hosting            120.00 EUR
          Assets:Bank:Current        -120.00 EUR

        2026-02-12 * "Sono de la fête"
          Expenses:Mediation:Fiestas  300.00 EUR fiesta-2026
          Assets:Cash                -300.00 EUR fiesta-2026
        """
    )
    trial = as_treasurer.get(BOOKS + "reports/trial-balance/?on=2026-02-28").context["trial"]
    assert trial.balanced and trial.fund is None
    assert trial.totals == {"EUR": {"debit": 230000, "credit": 230000}}

    per_fund = as_treasurer.get(BOOKS + "reports/trial-balance/?fund=fiesta-2026&on=2026-02-28")
    assert per_fund.context["trial"].totals == {"EUR": {"debit": 30000, "credit": 30000}}
    assert "fiesta-2026" in per_fund.context["export_query"]

    statement = as_treasurer.get(
        BOOKS + "reports/income-statement/?fund=plateforme&period=2026-02"
    ).context
    assert statement["income_totals"] == {"EUR": 200000}
    assert statement["expense_totals"] == {"EUR": 12000}
    assert statement["result"] == {"EUR": 188000}

    sheet = as_treasurer.get(BOOKS + "reports/balance-sheet/?on=2026-02-28")
    assert sheet.context["asset_totals"] == {"EUR": 158000}
    assert sheet.context["claim_totals"] == {"EUR": 158000}
    assert sheet.context["result"] == {"EUR": 158000}
    assert fiesta.pk


def test_amounts_are_read_in_the_readers_locale():
    with translation.override("fr"):
        assert decimal_parse("1 240,50") == Decimal("1240.50")
        assert decimal_parse("1\u202f240,50") == Decimal("1240.50")
        assert decimal_parse("1240.50") == Decimal("1240.50")
        assert decimal_parse("−12,5") == Decimal("-12.5")
        assert decimal_parse("1,240") == Decimal("1.240")
    with translation.override("en"):
        assert decimal_parse("1,240.50") == Decimal("1240.50")
        assert decimal_parse("1 240,50") == Decimal("1240.50")
        assert decimal_parse("1,240") == Decimal("1240")
    with translation.override("es"):
        assert decimal_parse("1.240,50") == Decimal("1240.50")
        assert decimal_parse("1240.50") == Decimal("1240.50")
    for text in ("douze", "1e5", "1,2,3.4.5x", "", "NaN"):
        with pytest.raises(ValueError):
            decimal_parse(text)


def test_selectors_the_pages_use_agree_with_the_api_figures(as_treasurer, sample):
    page = as_treasurer.get(BOOKS + "reports/trial-balance/?on=2026-03-31").context["trial"]
    direct = selectors.trial_balance(fund=None, on=D(2026, 3, 31))

    assert [(r.account.code, r.minor) for r in page.rows] == [
        (r.account.code, r.minor) for r in direct.rows
    ]
    assert Posting.objects.filter(posted=False).count() == 2


def test_the_list_reads_the_database_a_fixed_number_of_times(
    as_treasurer, platform, django_assert_max_num_queries
):
    books_load(
        "\n\n".join(
            f"""
            2026-03-{day:02d} ! "Ligne {day}"
              Assets:Bank:Current   -{day}.00 EUR
              Assets:Suspense        {day}.00 EUR
            """
            for day in range(1, 29)
        )
    )
    with django_assert_max_num_queries(15):
        response = as_treasurer.get(BOOKS + "transactions/")
    assert response.context["page"].paginator.count == 28
    assert response.content.decode().count('name="account"') == 28 + 1  # the rows, the filter
