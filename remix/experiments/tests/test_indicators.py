"""Each indicator of the registry, a literal value on a small world of its own (not the demo)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from remix.allies.tests.builders import actor, theme
from remix.catalogue.tests.builders import doc
from remix.contributions import services as giving
from remix.contributions.tests.builders import campaign, giver, platform
from remix.experiments import indicators
from remix.ledger import maths
from remix.ledger import services as ledger
from remix.ledger.models import Account, Fund
from remix.ledger.tests.builders import books_load

D = datetime.date
JANUARY = maths.period_parse("2026-01")

BOOKS = """
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
"""


@pytest.fixture
def books(db):
    """January 2026 of the platform fund: 1 000 € of needs, 635 € received (35 € of gifts)."""
    platform_fund = Fund.objects.get(kind="platform")
    ledger.budget_line_create(
        fund=platform_fund,
        period=maths.period_parse("2026"),
        amount="2400",
        account=Account.objects.get(code="Expenses:Hosting"),
    )
    ledger.budget_line_create(
        fund=platform_fund, period=JANUARY, amount="800", category="coordination"
    )
    return books_load(BOOKS)


def test_the_registry_names_each_indicator_once_with_a_known_unit():
    names = [indicator.name for indicator in indicators.REGISTRY]
    assert len(names) == len(set(names)) == 11
    assert {indicator.unit for indicator in indicators.REGISTRY} <= set(indicators.UNITS)


def test_the_open_budget_figures_come_from_its_report(books):
    value = {name: indicators.BY_NAME[name].value(JANUARY) for name in indicators.BY_NAME}
    assert value["users-share"] == Decimal("0.035")  # 35 € of gifts ÷ 1 000 € of needs
    assert value["coverage"] == Decimal("0.635")
    assert value["monthly-gap"] == Decimal("365.00")
    # The anonymous giver is a known source: 600 € of 635 €; 1 − (600² + 20² + 15²) ÷ 635².
    assert value["dependency"] == Decimal("0.9449")
    assert value["diversification"] == Decimal("0.1056")
    assert value["runway"] == Decimal("8.1")  # 1 455 € at 180 € a month


def test_recurring_givers_count_each_giver_with_a_pledge_in_force(make_user):
    ana, ben = make_user("ana"), make_user("ben")
    start = D(2026, 1, 1)
    for who, frequency in ((ana, "monthly"), (ana, "yearly"), (ben, "once")):
        giving.pledge_create(
            fund=platform(), amount="10", frequency=frequency, start=start, giver=giver(who)
        )
    giving.pledge_create(
        fund=platform(),
        amount="5",
        frequency="monthly",
        start=start,
        end=D(2026, 1, 20),
        giver=giver(ben),
    )
    assert indicators.recurring_givers(JANUARY) == 1  # Ana once; Ben's ended, and his gift once
    assert indicators.recurring_givers(maths.period_parse("2025-12")) == 0


def test_documents_per_month_count_the_visible_ones_of_the_period(db):
    for title in ("Un", "Deux", "Trois"):
        doc(title)
    doc("Caché", hidden=True)
    quarter = maths.period_of("quarter", timezone.localdate())
    assert indicators.documents_per_month(quarter) == Decimal("1.0")  # 3 in 3 months
    assert indicators.documents_per_month(maths.period_of("month", timezone.localdate())) == 3


def test_trunk_documented_is_the_share_of_its_themes_with_a_document(db):
    water, seeds, food = theme("eau"), theme("semences"), theme("alimentation")
    actor("Régie", movements=("ess",), themes=[water, seeds, food])
    actor("Grainothèque", movements=("commons",), themes=[water, seeds])
    doc("L'eau commune", themes=[water])
    doc("Caché", themes=[seeds], hidden=True)
    period = maths.period_of("year", timezone.localdate())
    assert indicators.trunk_documented(period) == Decimal("0.5")  # water of water and seeds


def test_campaign_success_is_the_share_of_decided_goals_reached(make_user):
    today = timezone.localdate()
    reached = campaign(goal="10", slug="reached", deadline=today, opens=today)
    campaign(goal="10", slug="missed", deadline=today, opens=today)
    campaign(goal="10", slug="kept", rule="keep_it_all", deadline=today, opens=today)
    giving.pledge_create(
        fund=reached.fund, amount="10", campaign=reached, giver=giver(make_user("ana"))
    )
    from remix.contributions.models import Campaign

    for found in Campaign.objects.all():
        giving.campaign_close(campaign=found, today=today + datetime.timedelta(days=1))
    year = maths.period_of("year", today)
    assert indicators.campaign_success(year) == Decimal("0.5")  # kept: no verdict
    assert indicators.campaign_success(year.previous()) is None


def test_reciprocity_spread_is_the_gap_between_extreme_balances(db):
    from remix.stewardship.tests.test_reciprocity import TODAY, _world

    _world()
    # Les Semeurs received 2 500 €; the Mutuelle gave 660 € (its francs CFA have no rate).
    period = maths.period_of("month", TODAY)
    assert indicators.reciprocity_spread(period) == Decimal("3160.00")


def test_nothing_to_measure_is_none_not_zero(db):
    assert indicators.users_share(JANUARY) is None  # no need recorded
    assert indicators.trunk_documented(JANUARY) is None
    assert indicators.reciprocity_spread(JANUARY) is None
