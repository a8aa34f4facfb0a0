"""Reading the books: trial balance, statements and the sustainability report, to the cent."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from remix.ledger import maths, selectors, services
from remix.ledger.models import Account, Fund
from remix.ledger.tests.builders import books_load, fund_project

D = datetime.date

YEAR = """
2026-01-01 * "Solde d'ouverture"
  Assets:Bank:Current              1000 EUR
  Equity:Opening-balances         -1000 EUR

2026-01-05 * "Don" julien-moreau
  Assets:Bank:Current                20 EUR
  Income:Contributions:Donations    -20 EUR

2026-01-08 * "Don" lucia-herrera anonymous
  Assets:Bank:Current                15 EUR
  Income:Contributions:Donations    -15 EUR

2026-01-20 * "Subvention" ville-de-lyon
  Assets:Bank:Current               600 EUR
  Income:Grants:Public             -600 EUR

2026-01-25 * "Hébergement"
  Assets:Bank:Current              -180 EUR
  Expenses:Hosting                  180 EUR

2026-01-28 * "Modération bénévole" aminata-sow
  Expenses:Volunteering              10 HOUR
  Income:Community:Time             -10 HOUR

2026-02-05 * "Don mensuel" aminata-sow
  Assets:Bank:Current              6560 XOF
  Income:Contributions:Donations  -6560 XOF
"""


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def year(db):
    services.rate_record(date=D(2026, 1, 1), commodity="HOUR", quote="EUR", rate="12")
    services.rate_record(date=D(2026, 1, 1), commodity="EUR", quote="XOF", rate="655.957")
    platform = Fund.objects.get(kind="platform")
    services.budget_line_create(
        fund=platform,
        period=maths.period_parse("2026"),
        amount="2400",
        account=Account.objects.get(code="Expenses:Hosting"),
    )
    services.budget_line_create(
        fund=platform, period=maths.period_parse("2026-01"), amount="800", category="coordination"
    )
    return books_load(YEAR)


def test_trial_balance_debits_equal_credits_per_commodity(year):
    trial = selectors.trial_balance(fund=None, on=D(2026, 1, 31))
    assert [(row.account.code, row.commodity, row.minor) for row in trial.rows] == [
        ("Assets:Bank:Current", "EUR", 145500),
        ("Equity:Opening-balances", "EUR", -100000),
        ("Expenses:Hosting", "EUR", 18000),
        ("Expenses:Volunteering", "HOUR", 1000),
        ("Income:Community:Time", "HOUR", -1000),
        ("Income:Contributions:Donations", "EUR", -3500),
        ("Income:Grants:Public", "EUR", -60000),
    ]
    assert trial.totals == {
        "EUR": {"debit": 163500, "credit": 163500},
        "HOUR": {"debit": 1000, "credit": 1000},
    }
    assert trial.balanced
    # The XOF gift of February is not there on 31 January.
    assert "XOF" in selectors.trial_balance(fund=None, on=D(2026, 2, 28)).totals


def test_sustainability_of_january(year):
    report = selectors.sustainability(
        fund=Fund.objects.get(kind="platform"), period=maths.period_parse("2026-01")
    )
    assert report.currency == "EUR"
    assert report.needs == 100000  # 2 400 € a year is 200 € a month, plus 800 € in January
    assert report.needs_by_category == {"coordination": 80000, "hosting": 20000}
    assert report.resources_monetary == 63500
    assert report.hours == 1000
    assert report.resources_valued == 12000  # 10 h at 12 €
    assert report.by_nature == {
        "contributions": 3500,
        "community_time": 12000,
        "public_authorities": 60000,
    }
    assert report.gap_per_month == 36500
    assert [(s["name"], s["amount"]) for s in report.sources] == [
        ("Ville De Lyon", 60000),
        ("Aminata Sow", 12000),
        ("Julien Moreau", 2000),
        ("Anonymous", 1500),
    ]
    figures = report.figures()
    assert figures["coverage"] == Decimal("0.635")
    assert figures["coverage_with_valued"] == Decimal("0.755")
    assert figures["contributions_share"] == Decimal("0.035")
    assert figures["dependency"] == Decimal("0.7947")
    assert report.cash == 145500
    assert report.monthly_burn == 18000
    assert figures["runway_months"] == Decimal("8.1")
    assert report.rates["used"] == [
        {"date": D(2026, 1, 1), "commodity": "HOUR", "quote": "EUR", "rate": Decimal("12")}
    ]


def test_the_anonymous_giver_is_never_named(year):
    report = selectors.sustainability(fund=None, period=maths.period_parse("2026"))
    names = [source["name"] for source in report.sources]
    assert "Lucia Herrera" not in names and "Anonymous" in names


def test_foreign_currencies_convert_at_the_rate_of_the_day(year):
    report = selectors.sustainability(fund=None, period=maths.period_parse("2026-02"))
    # 6 560 XOF at 1/655.957 € = 10.0006… € → 10,00 €
    assert report.by_nature == {"contributions": 1000}
    assert report.rates["used"][0]["commodity"] == "XOF"


def test_a_missing_rate_is_reported_not_guessed(db):
    books_load(
        """
        2026-05-06 * "Don" mutuelle
          Assets:Bank:Current                500 CAD
          Income:Contributions:Donations    -500 CAD
        """
    )
    report = selectors.sustainability(fund=None, period=maths.period_parse("2026-05"))
    assert report.resources_monetary == 0
    # The gift on its day, and the cash at the end of the period.
    assert report.rates["missing"] == [
        {"commodity": "CAD", "date": D(2026, 5, 6)},
        {"commodity": "CAD", "date": D(2026, 5, 31)},
    ]


def test_projects_are_apart_from_the_platform(year):
    fiesta = fund_project()
    books_load(
        """
        2026-01-27 * "Billetterie"
          Assets:Bank:Current   300 EUR fiesta-2026
          Income:Sales         -300 EUR fiesta-2026
        """
    )
    period = maths.period_parse("2026-01")
    platform = selectors.sustainability(fund=Fund.objects.get(kind="platform"), period=period)
    project = selectors.sustainability(fund=fiesta, period=period)
    everything = selectors.sustainability(fund=None, period=period)
    assert (platform.resources_monetary, project.resources_monetary) == (63500, 30000)
    assert everything.resources_monetary == 93500
    assert everything.resources_by_fund["fiesta-2026"] == {"commercial": 30000}


def test_needs_spread_over_months_add_up_to_the_cent(db):
    platform = Fund.objects.get(kind="platform")
    services.budget_line_create(
        fund=platform, period=maths.period_parse("2026"), amount="4000", category="hosting"
    )
    report = selectors.sustainability(fund=platform, period=maths.period_parse("2026"))
    assert report.needs == 400000
    assert sum(month["needs"] for month in report.months) == 400000
    assert [month["needs"] for month in report.months][:3] == [33333, 33334, 33333]


def test_income_statement_and_balance_sheet(year):
    statement = selectors.income_statement(fund=None, period=maths.period_parse("2026-01"))
    assert [(row.account.code, row.minor) for row in statement] == [
        ("Expenses:Hosting", 18000),
        ("Expenses:Volunteering", 1000),
        ("Income:Community:Time", -1000),
        ("Income:Contributions:Donations", -3500),
        ("Income:Grants:Public", -60000),
    ]
    sheet = selectors.balance_sheet(fund=None, on=D(2026, 1, 31))
    assert [row.minor for row in sheet["sections"]["asset"]] == [145500]
    assert sheet["result"] == {"EUR": -45500, "HOUR": 0}


def test_a_cached_report_never_outlives_a_write_to_the_books(year):
    platform = Fund.objects.get(kind="platform")
    period = maths.period_parse("2026-01")
    before = selectors.sustainability(fund=platform, period=period)
    assert selectors.sustainability(fund=platform, period=period) == before  # from the cache
    books_load(
        """
        2026-01-30 * "Don"
          Assets:Bank:Current                10 EUR
          Income:Contributions:Donations    -10 EUR
        """
    )
    after = selectors.sustainability(fund=platform, period=period)
    assert after.resources_monetary == before.resources_monetary + 1000
    services.rate_record(date=D(2026, 1, 1), commodity="HOUR", quote="EUR", rate="15")
    assert selectors.sustainability(fund=platform, period=period).resources_valued == 15000


def test_a_write_warms_the_reports_once_after_its_commit(db, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from remix.ledger.tasks import reports_warm

    cache.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        books_load(
            """
            2026-01-30 * "Don"
              Assets:Bank:Current                10 EUR
              Income:Contributions:Donations    -10 EUR

            2026-01-31 * "Don"
              Assets:Bank:Current                10 EUR
              Income:Contributions:Donations    -10 EUR
            """
        )
    assert len(callbacks) == 1  # four writes, one warm-up
    assert reports_warm.call() == 3
    version = selectors.books_version()
    assert cache.get(f"ledger:sustainability:{version}:all:{timezone.localdate():%Y}")


def test_the_cached_report_names_the_anonymous_in_the_readers_language(year):
    period = maths.period_parse("2026-01")
    with translation.override("fr"):
        french = [s["name"] for s in selectors.sustainability(fund=None, period=period).sources]
    spanish = [s["name"] for s in selectors.sustainability(fund=None, period=period).sources]
    assert "Anonyme" in french and "Anonymous" in spanish  # the fixture reads English
