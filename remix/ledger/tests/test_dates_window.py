"""The dates the books accept, and the public pages when older rows lie outside them.

One draft dated 0001-01-01 used to make /budget/, the dashboard and their twins answer 500; a
transaction dated 9999-12-31 made each page build a menu of 8,000 years; a posted one could never
be reversed. Rows outside the window are written here with the ORM, as they were before the rule.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from remix.core.dates import date_window
from remix.ledger import maths, services
from remix.ledger.models import Account, Fund, Posting, Transaction
from remix.ledger.tests.builders import books_load

YEAR_ONE = datetime.date(1, 1, 1)
LAST_DAY = datetime.date(9999, 12, 31)

PUBLIC_PAGES = [
    "/budget/",
    "/budget/dashboard/",
    "/budget/summary.json",
    "/budget/summary.csv",
    "/budget/transactions.json",
    "/budget/transactions.csv",
    "/budget/months.json",
    "/budget/months.csv",
    "/budget/flows.json",
    "/budget/flows.csv",
]


def _gift(day: datetime.date, *, posted: bool) -> Transaction:
    """A gift of 5 € dated ``day``, written around the services as an old slip was."""
    (tx,) = books_load(
        f'{timezone.localdate():%Y-%m-%d} ! "Don"\n'
        "  Assets:Bank:Current              5.00 EUR\n"
        "  Income:Contributions:Donations  -5.00 EUR"
    )
    Posting.objects.filter(transaction=tx).update(date=day)
    Transaction.objects.filter(pk=tx.pk).update(date=day)
    if posted:
        Posting.objects.filter(transaction=tx).update(posted=True)
        Transaction.objects.filter(pk=tx.pk).update(status="posted", posted_at=timezone.now())
    return Transaction.objects.get(pk=tx.pk)


def _legs(amount="5.00"):
    platform = Fund.objects.get(kind="platform")
    return [
        services.Leg.of(Account.objects.get(code="Assets:Bank:Current"), platform, amount, "EUR"),
        services.Leg.of(
            Account.objects.get(code="Income:Contributions:Donations"),
            platform,
            f"-{amount}",
            "EUR",
        ),
    ]


# --- the public pages meet rows outside the window ------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_draft_dated_year_one_leaves_every_budget_page_standing(client, db, url):
    _gift(YEAR_ONE, posted=False)

    response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("day", [YEAR_ONE, LAST_DAY], ids=["year-one", "year-9999"])
def test_a_posted_gift_far_away_shows_the_rest_and_offers_only_the_years_of_the_window(
    client, db, day
):
    _gift(day, posted=True)
    books_load(
        f'{timezone.localdate():%Y-%m-%d} * "Don de Awa"\n'
        "  Assets:Bank:Current              50.00 EUR\n"
        "  Income:Contributions:Donations  -50.00 EUR"
    )
    first, last = date_window()

    html = client.get("/en/budget/").content.decode()
    dashboard = client.get("/en/budget/dashboard/")

    assert dashboard.status_code == 200
    assert "Don de Awa" in html  # the rest is drawn
    assert f'value="{first.year - 1}"' not in html
    assert f'value="{last.year + 1}"' not in html
    assert 'value="9999"' not in html and 'value="0001"' not in html
    # The menu offers this year only: the far row adds no year, let alone thousands.
    assert html.count('<optgroup label="') == 1


@pytest.mark.parametrize("day", [YEAR_ONE, LAST_DAY], ids=["year-one", "year-9999"])
def test_a_posted_gift_outside_the_window_can_still_be_reversed(db, day):
    slip = _gift(day, posted=True)

    reversal = services.transaction_reverse(transaction=slip, reason="Date saisie par erreur")

    assert reversal.is_posted and reversal.date == timezone.localdate()
    assert reversal.reverses == slip


# --- the services refuse dates outside the window -------------------------------------------------


@pytest.mark.parametrize("day", [YEAR_ONE, LAST_DAY], ids=["year-one", "year-9999"])
def test_a_transaction_dated_outside_the_window_is_refused_in_the_readers_language(db, day):
    from django.utils import translation

    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        services.transaction_create(date=day, description="Don", legs=_legs(), post=True)

    assert "est hors des dates que la plateforme accepte" in caught.value.message_dict["date"][0]
    assert not Transaction.objects.exists()


def test_the_window_runs_whole_years_and_a_steward_widens_it_within_bounds(db, settings):
    today = timezone.localdate()
    just_before = datetime.date(today.year - 10, 1, 1) - datetime.timedelta(days=1)

    assert date_window() == (
        datetime.date(today.year - 10, 1, 1),
        datetime.date(today.year + 5, 12, 31),
    )
    with pytest.raises(ValidationError):
        services.transaction_create(date=just_before, description="Vieux don", legs=_legs())

    settings.REMIX_DATES_YEARS_BACK = 20
    services.transaction_create(date=just_before, description="Vieux don", legs=_legs())

    settings.REMIX_DATES_YEARS_BACK = 5000
    settings.REMIX_DATES_YEARS_AHEAD = 8000
    first, last = date_window()
    assert first.year == today.year - 100 and last.year == today.year + 100


def test_a_need_rate_or_closing_outside_the_window_is_refused(db):
    platform = Fund.objects.get(kind="platform")
    far = maths.period_parse("9999")

    with pytest.raises(ValidationError) as need:
        services.budget_line_create(fund=platform, period=far, amount="10.00", category="hosting")
    with pytest.raises(ValidationError) as rate:
        services.rate_record(date=YEAR_ONE, commodity="HOUR", quote="EUR", rate="15")
    with pytest.raises(ValidationError) as closing:
        services.period_close(period=maths.period_parse("1000"))

    assert "period" in need.value.message_dict
    assert "date" in rate.value.message_dict
    assert "period" in closing.value.message_dict


def test_a_draft_outside_the_window_is_not_posted_but_may_be_deleted(db):
    draft = _gift(YEAR_ONE, posted=False)

    with pytest.raises(ValidationError):
        services.transaction_post(transaction=draft)
    services.transaction_delete(transaction=draft)

    assert not Transaction.objects.exists()


# --- dates read from the address ------------------------------------------------------------------


@pytest.mark.parametrize("period", ["9999", "0001", "1000-Q1", "9999-12"])
def test_a_period_outside_the_window_in_the_address_is_a_400_that_says_why(client, db, period):
    html = client.get(f"/en/budget/?period={period}")
    data = client.get(f"/es/budget/summary.json?period={period}")

    assert html.status_code == data.status_code == 400
    assert "is outside the years the books show" in html.content.decode()
    assert "está fuera de los años" in data.json()["error"]["message"]


@pytest.mark.parametrize(
    "query", ["period=9999", "on=0001-01-01", "on=9999-12-31", "on=2026-02-30"]
)
def test_the_treasurers_exports_refuse_a_date_outside_the_window(client, make_user, query):
    client.force_login(make_user(roles=["treasurer"]))

    response = client.get(f"/en/budget/books/exports/transactions/?{query}")

    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/en/budget/books/transactions/?period=9999",
        "/en/budget/books/reports/trial-balance/?on=0001-01-01",
        "/en/budget/books/reports/income-statement/?period=1000",
    ],
)
def test_the_treasurers_pages_answer_400_to_a_date_outside_the_window_and_say_why(
    client, make_user, url
):
    client.force_login(make_user(roles=["treasurer"]))

    response = client.get(url)

    assert response.status_code == 400
    assert "is outside the dates the platform accepts" in response.content.decode()


def test_a_bank_file_with_a_row_dated_9999_is_refused_on_its_line_and_writes_nothing(db):
    from django.utils import translation

    from remix.ledger import imports
    from remix.ledger.bankfiles import ImportRefused

    bank = Account.objects.get(code="Assets:Bank:Current")
    platform = Fund.objects.get(kind="platform")
    today = timezone.localdate()
    data = (
        f"Compte courant;\n;\nDate;Libellé;Débit;Crédit\n{today:%d/%m/%Y};A;1,00;\n"
        "31/12/9999;B;;2,00\n"
    ).encode()
    batch = imports.bank_import_prepare(data=data, filename="far.csv", account=bank, fund=platform)

    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        imports.bank_import_run(bank_import=batch, data=data)

    assert refused.value.line == 5
    assert "9999-12-31 is outside the dates the platform accepts" in refused.value.reason
    assert not Transaction.objects.exists()
