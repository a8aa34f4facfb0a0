"""The funding lists read a page in as many queries at 3 rows as at 30: gifts (a visitor's and a
treasurer's list), pledges with what fell due and was received, campaigns with their progress,
tiers and stretch goals, and matching rounds with their projects."""

import datetime

import pytest

from remix.api.tests.lists import assert_list_cost_flat
from remix.contributions import services
from remix.contributions.models import Campaign, Contribution, Pledge, Round
from remix.contributions.services import Giver
from remix.contributions.tests import builders

pytestmark = pytest.mark.django_db

VISIBILITIES = ("public", "amount", "private")


def _gifts(n: int) -> None:
    start = Contribution.objects.count()
    for number in range(start, start + n):
        services.payment_record(
            fund=builders.fund() if number % 2 else builders.platform(),
            amount="25",
            date=datetime.date(2026, 3, 1) + datetime.timedelta(days=number),
            giver=Giver(name=f"Donateur {number}"),
            visibility=VISIBILITIES[number % 3],
        )


def test_a_page_of_gifts_costs_the_same_at_3_as_at_30(client):
    def rows(n: int) -> set[int]:
        _gifts(n)
        return set(Contribution.objects.shown_publicly().values_list("pk", flat=True))

    assert_list_cost_flat(client, "/contributions", rows=rows)


def test_a_treasurers_page_of_gifts_costs_the_same_at_3_as_at_30(client, treasurer):
    def rows(n: int) -> set[int]:
        _gifts(n)
        return set(Contribution.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/contributions", rows=rows, **treasurer)


def _pledges(user):
    def rows(n: int) -> set[int]:
        start = Pledge.objects.count()
        for number in range(start, start + n):
            pledge, _new = services.pledge_create(
                fund=builders.fund(),
                amount=f"{10 + number}",
                frequency=("once", "monthly")[number % 2],
                start=datetime.date(2026, 1, 5),
                giver=Giver(user=user),
            )
            if number % 2:
                services.payment_record(pledge=pledge, amount="5", date=datetime.date(2026, 2, 5))
                services.pledge_pause(pledge=pledge, start=datetime.date(2026, 3, 1))
        return set(Pledge.objects.filter(user=user).values_list("pk", flat=True))

    return rows


def test_a_page_of_my_pledges_costs_the_same_at_3_as_at_30(client, member):
    user, token = member
    assert_list_cost_flat(client, "/pledges", rows=_pledges(user), **token)


def test_a_treasurers_page_of_every_pledge_costs_the_same(client, member, treasurer):
    user, _token = member
    assert_list_cost_flat(
        client, "/pledges", rows=_pledges(user), params={"all": "true"}, **treasurer
    )


def test_a_page_of_campaigns_costs_the_same_at_3_as_at_30(client, member):
    user, _token = member

    def rows(n: int) -> set[int]:
        start = Campaign.objects.count()
        for number in range(start, start + n):
            campaign = builders.campaign(slug=f"fiesta-{number}")
            tier = services.tier_add(campaign=campaign, title={"fr": "Affiche"}, amount="20")
            services.stretch_goal_add(campaign=campaign, amount="2000", title={"fr": "Scène"})
            services.pledge_create(
                fund=campaign.fund,
                amount="20",
                giver=Giver(user=user),
                campaign=campaign,
                tier=tier,
            )
        return set(Campaign.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/campaigns", rows=rows)


def test_a_page_of_rounds_costs_the_same_at_3_as_at_30(client, make_user):
    keeper = make_user("tresoriere", roles=["treasurer"])

    def rows(n: int) -> set[int]:
        start = Round.objects.count()
        for number in range(start, start + n):
            matching = builders.round_(slug=f"round-{number}")
            services.round_project_add(
                round=matching, fund=builders.fund(f"projet-{number}"), recorder=keeper
            )
        return set(Round.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/rounds", rows=rows)
