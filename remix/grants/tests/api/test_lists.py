"""The funding search's lists read a page in as many queries at 3 rows as at 30: opportunities
with their funder, themes, funds and attachments; applications, a visitor's (the granted ones)
and a member's (all of them)."""

import pytest

from remix.allies.models import Theme
from remix.api.tests.lists import assert_list_cost_flat
from remix.grants.models import Application, Opportunity
from remix.grants.tests import builders
from remix.grants.tests.api.calls import at_stage

pytestmark = pytest.mark.django_db


def test_a_page_of_opportunities_costs_the_same_at_3_as_at_30(client):
    theme = Theme.objects.create(code="ess", labels={"fr": "ESS"})
    funders = [builders.funder(), builders.funder("Fondation des Communs", kind="foundation")]

    def rows(n: int) -> set[int]:
        start = Opportunity.objects.count()
        for number in range(start, start + n):
            builders.opportunity(
                title=f"Appel {number}",
                days=number + 1,
                funder=funders[number % 2],
                themes=[theme],
                funds=[builders.fund()],
            )
        return set(Opportunity.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/opportunities", rows=rows)


def _applications(owner, *, everyone: bool):
    def rows(n: int) -> set[int]:
        start = Application.objects.count()
        for number in range(start, start + n):
            call = builders.opportunity(title=f"Appel {number}", days=number + 1)
            at_stage("granted" if number % 2 else "drafting", owner=owner, opportunity=call)
        shown = Application.objects.all()
        if not everyone:
            shown = shown.filter(stage__in=["granted", "reporting", "closed"])
        return set(shown.values_list("pk", flat=True))

    return rows


def test_a_page_of_granted_applications_costs_the_same_at_3_as_at_30(client, member):
    user, _token = member
    assert_list_cost_flat(client, "/applications", rows=_applications(user, everyone=False))


def test_a_members_page_of_applications_costs_the_same_at_3_as_at_30(client, member):
    user, token = member
    assert_list_cost_flat(client, "/applications", rows=_applications(user, everyone=True), **token)
