"""The money headline, said with its period, and what a project fund counts as its resources and
its sources: the transfers it received (a round's matching) in, income with no known source out
of the measures of sources."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from remix.ledger import maths, selectors, services
from remix.ledger.tests.builders import books_load, fund_project

D = datetime.date

PLATFORM = """
2026-03-10 * "Don" julien-moreau
  Assets:Bank:Current               500 EUR
  Income:Contributions:Donations   -500 EUR
"""

FIESTA = """
2026-02-01 * "Billetterie"
  Assets:Bank:Current               300 EUR fiesta-2026
  Income:Sales                     -300 EUR fiesta-2026

2026-02-03 * "Don" awa-diop
  Assets:Bank:Current               100 EUR fiesta-2026
  Income:Contributions:Donations   -100 EUR fiesta-2026

2026-03-01 * "Abondement du tour"
  Assets:Bank:Current              -400 EUR
  Equity:Transfers                  400 EUR
  Assets:Bank:Current               400 EUR fiesta-2026
  Equity:Transfers                 -400 EUR fiesta-2026
"""


@pytest.fixture
def platform(db):
    fund = selectors.platform_fund()
    services.budget_line_create(
        fund=fund, period=maths.period_parse("2026"), amount="2400", category="hosting"
    )
    books_load(PLATFORM)
    return fund


@pytest.fixture
def fiesta(platform):
    fund = fund_project("fiesta-2026")
    services.budget_line_create(
        fund=fund, period=maths.period_parse("2026"), amount="1200", category="events"
    )
    books_load(FIESTA)
    return fund


def headline(fund, period):
    found = selectors.money_headline(fund=fund, period=maths.period_parse(period))
    return (found.state, found.needs, found.resources, found.missing, found.missing_per_month)


def test_the_headline_says_each_period_its_own_figures(platform):
    # 2 400 € a year is 200 € a month; 500 € came in March.
    assert headline(platform, "2026-03") == ("covered", 20000, 50000, 0, 0)
    assert headline(platform, "2026-04") == ("missing", 20000, 0, 20000, 20000)
    assert headline(platform, "2026-Q1") == ("missing", 60000, 50000, 10000, 3333)
    # 1 900 € missing over the year: 158.33 € a month.
    assert headline(platform, "2026") == ("missing", 240000, 50000, 190000, 15833)
    assert headline(platform, "2027") == ("unknown", 0, 0, 0, 0)


def test_the_headline_is_read_from_the_report_cached_per_version(
    platform, django_assert_num_queries
):
    period = maths.period_parse("2026")
    selectors.money_headline(fund=platform, period=period)
    with django_assert_num_queries(1):  # the version of the books, then the cache
        again = selectors.money_headline(fund=platform, period=period)
    assert again.missing == 190000
    books_load(PLATFORM.replace("2026-03-10", "2026-04-10"))
    assert selectors.money_headline(fund=platform, period=period).missing == 140000


def test_a_project_counts_the_matching_it_received_among_its_resources(fiesta):
    with translation.override("en"):
        report = selectors.sustainability(fund=fiesta, period=maths.period_parse("2026"))

    assert report.transfers_in == 40000
    assert report.resources_monetary == 80000  # 300 + 100 + the 400 matched
    assert report.by_nature == {"commercial": 30000, "contributions": 10000}
    assert [(m["month"], m["monetary"]) for m in report.months if m["monetary"]] == [
        (D(2026, 2, 1), 40000),
        (D(2026, 3, 1), 40000),
    ]
    assert [(s["name"], s["amount"], s["share"]) for s in report.sources] == [
        ("Other funds (transfers, a round's matching)", 40000, Decimal("0.5")),
        ("Unattributed", 30000, Decimal("0.375")),
        ("Awa Diop", 10000, Decimal("0.125")),
    ]
    assert headline(fiesta, "2026") == ("missing", 120000, 80000, 40000, 3333)


def test_income_with_no_known_source_is_not_a_source_of_the_measures(fiesta):
    report = selectors.sustainability(fund=fiesta, period=maths.period_parse("2026"))
    figures = report.figures()

    assert report.unattributed == 30000
    # Over the known sources, 400 € and 100 €: the largest is 80 %.
    assert figures["dependency"] == Decimal("0.8")
    assert figures["diversification_sources"] == Decimal("0.32")  # 1 − (0.8² + 0.2²)


def test_what_a_fund_sent_to_another_is_not_its_resource_nor_counted_twice(fiesta, platform):
    year = maths.period_parse("2026")
    sent = selectors.sustainability(fund=platform, period=year)
    together = selectors.sustainability(fund=None, period=year)

    assert (sent.transfers_in, sent.resources_monetary) == (0, 50000)
    assert (together.transfers_in, together.resources_monetary) == (0, 90000)  # 500 + 300 + 100


def test_a_project_page_asks_no_platform_question_and_says_what_is_unknown(client, fiesta):
    html = client.get("/en/budget/?fund=fiesta-2026&period=2026").content.decode()

    assert "can the platform live from its users?" not in html
    assert "Received from other funds (transfers, a round's matching)" in html
    assert "€300.00 came in with no known source" in html
    assert "<strong>2026: €400 missing, that is €33.33 a month</strong>" in html
    platform = client.get("/en/budget/?period=2026").content.decode()
    assert "can the platform live from its users?" in platform


def test_the_api_says_what_the_project_page_says(client, fiesta):
    body = client.get("/api/v1/ledger/sustainability?fund=fiesta-2026&period=2026").json()

    assert body["resources"]["monetary"] == "800.00"
    assert (body["resources"]["transfers_in"], body["resources"]["unattributed"]) == (
        "400.00",
        "300.00",
    )
    assert [(s["transfer"], s["amount"]) for s in body["sources"]] == [
        (True, "400.00"),
        (False, "300.00"),
        (False, "100.00"),
    ]
    assert body["figures"]["dependency"] == "0.8000"
