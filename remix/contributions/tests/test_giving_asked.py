"""Giving as a member meets it: every currency the books can convert offered, a pledge that
repeats a standing one asked about before it is made, and a round's matching counted in the
project's resources."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from remix.contributions import selectors, services
from remix.contributions.models import Pledge, RoundMatch
from remix.contributions.tests import builders
from remix.ledger import maths
from remix.ledger import selectors as ledger_selectors
from remix.ledger import services as ledger

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"contributions:{name}", kwargs=kwargs or None)


@pytest.fixture
def member(make_user, client):
    user = make_user("awa", roles=["member"], language="en")
    client.force_login(user)
    return user


def token(client, page: str) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', client.get(page).content.decode())[1]


def give(client, page: str, **data):
    return client.post(page, {"token": token(client, page), "visibility": "amount", **data})


# --- currencies ----------------------------------------------------------------------------------


def rates():
    day = datetime.date(2026, 1, 1)
    # The franc CFA is stored as the euro quoted in it; the dollar as quoted in euros.
    ledger.rate_record(date=day, commodity="EUR", quote="XOF", rate="655.957")
    ledger.rate_record(date=day, commodity="USD", quote="EUR", rate="0.9")
    ledger.rate_record(date=day, commodity="HOUR", quote="EUR", rate="15")


def test_every_currency_with_a_rate_either_way_round_is_offered():
    rates()
    assert selectors.giving_currencies(fund=builders.platform()) == ("EUR", "USD", "XOF")
    assert ledger_selectors.commodities_convertible(quote="XOF") == ["EUR"]


def test_a_member_gives_in_francs_cfa(client, member):
    rates()
    page = url("give", fund=builders.platform().slug)
    assert '<option value="XOF">XOF</option>' in client.get(page).content.decode()
    response = give(client, page, amount="6560", currency="XOF", frequency="once")
    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert (pledge.amount_minor, pledge.commodity) == (6560, "XOF")


# --- a pledge made twice -------------------------------------------------------------------------


def test_the_same_pledge_again_is_asked_about_then_made_when_meant(client, member):
    page = url("give", fund=builders.platform().slug)
    assert give(client, page, amount="15", frequency="monthly").status_code == 302
    first = Pledge.objects.get()

    again = give(client, page, amount="15", frequency="monthly")
    html = again.content.decode()
    assert again.status_code == 200 and Pledge.objects.count() == 1
    assert 'id="repeat-ask"' in html and 'name="repeat" value="1"' in html
    assert "You already pledged €15.00 to the platform (every month) on " in html
    assert url("pledge", reference=first.reference.replace(" ", "")) in html

    sent = re.search(r'name="token" value="([0-9a-f]{32})"', html)[1]
    data = {"token": sent, "visibility": "amount", "amount": "15", "frequency": "monthly"}
    meant = client.post(page, {**data, "repeat": "1"})
    assert meant.status_code == 302 and Pledge.objects.count() == 2


def test_another_amount_or_frequency_is_not_a_repeat(client, member):
    page = url("give", fund=builders.platform().slug)
    give(client, page, amount="15", frequency="monthly")
    assert give(client, page, amount="20", frequency="monthly").status_code == 302
    assert give(client, page, amount="15", frequency="once").status_code == 302
    assert Pledge.objects.count() == 3


def test_the_same_counterpart_again_is_asked_about(client, member):
    campaign = builders.campaign()
    shirt = services.tier_add(campaign=campaign, title={"en": "T-shirt"}, amount="25", quantity=5)
    page = url("campaign", slug=campaign.slug)
    pledge = url("campaign_pledge", slug=campaign.slug)

    def post(**extra):
        return client.post(
            pledge,
            {"token": token(client, page), "tier": shirt.pk, "visibility": "amount", **extra},
        )

    assert post().status_code == 302
    asked = post()
    assert asked.status_code == 200 and Pledge.objects.count() == 1
    assert "You already pledged €25.00 for “T-shirt”" in asked.content.decode()
    assert post(repeat="1").status_code == 302 and Pledge.objects.count() == 2


# --- a round's matching --------------------------------------------------------------------------


def test_the_matching_a_project_received_is_among_its_resources(make_user):
    round_ = builders.round_()
    revue = builders.fund("revue")
    project = services.round_project_add(round=round_, fund=revue)
    for index in range(2):
        person = builders.verified(make_user(f"m{index}", roles=["member"]))
        services.payment_record(
            amount="10", date=TODAY(), giver=builders.giver(person), round_project=project
        )
    closed_on = round_.closes + datetime.timedelta(days=1)
    services.round_close(round=round_, today=closed_on)
    match = RoundMatch.objects.get(project=project).match_minor

    report = ledger_selectors.sustainability(fund=revue, period=maths.period_of("year", closed_on))
    assert match > 0 and report.transfers_in == match
    gifts = 2000 if TODAY().year == closed_on.year else 0
    assert report.resources_monetary == gifts + match
    assert any(source.get("transfer") for source in report.sources)
