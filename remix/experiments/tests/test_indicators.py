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
from remix.ledger.tests.test_selectors import year  # noqa: F401 (the books as a fixture)

D = datetime.date
JANUARY = maths.period_parse("2026-01")


@pytest.fixture
def books(year):  # noqa: F811 (the fixture imported above)
    """The ledger's own test books (``remix/ledger/tests/test_selectors.py``): January 2026 of the
    platform fund, 1 000 € of needs, 635 € received, 35 € of them users' gifts."""
    return year


def test_the_registry_names_each_indicator_once_with_a_known_unit():
    names = [indicator.name for indicator in indicators.REGISTRY]
    assert len(names) == len(set(names)) == 11
    assert {indicator.unit for indicator in indicators.REGISTRY} <= set(indicators.UNITS)


def test_the_open_budget_figures_come_from_its_report(books):
    value = {name: indicators.BY_NAME[name].value(JANUARY) for name in indicators.BY_NAME}
    assert value["users-share"] == Decimal("0.035")  # 35 € of gifts ÷ 1 000 € of needs
    assert value["coverage"] == Decimal("0.635")
    assert value["monthly-gap"] == Decimal("365.00")
    # Known sources: 600 €, 120 € of volunteer time, 20 €, 15 € from an anonymous giver.
    assert value["dependency"] == Decimal("0.7947")  # 600 ÷ 755
    assert value["diversification"] == Decimal("0.3421")  # 1 − (600² + 120² + 20² + 15²) ÷ 755²
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
    this_year = maths.period_of("year", today)
    assert indicators.campaign_success(this_year) == Decimal("0.5")  # kept: no verdict
    assert indicators.campaign_success(this_year.previous()) is None


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
