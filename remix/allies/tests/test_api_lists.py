"""The network's lists read a page in as many queries at 3 actors or relations as at 30, for a
visitor as for a steward (who also reads e-mails and phones)."""

import pytest

from remix.allies.models import Actor, Relation
from remix.allies.services import relation_create
from remix.allies.tests.builders import actor, theme
from remix.api.tests.calls import bearer
from remix.api.tests.lists import assert_list_cost_flat

pytestmark = pytest.mark.django_db


def _actors(prefix: str):
    water, seeds = theme("eau"), theme("semences")

    def rows(n: int) -> set[int]:
        start = Actor.objects.count()
        for number in range(start, start + n):
            actor(
                f"{prefix} {number:02}",
                movements=("ess", "commons")[: 1 + number % 2],
                themes=(water, seeds)[: 1 + number % 2],
                email=f"a{number}@example.org",
            )
        return set(Actor.objects.values_list("pk", flat=True))

    return rows


def test_a_page_of_actors_costs_the_same_at_3_as_at_30(client):
    assert_list_cost_flat(client, "/actors", rows=_actors("Collectif"))


def test_a_stewards_page_of_actors_with_their_e_mails_too(client, api_token):
    _steward, token = api_token(username="louise", roles=["steward"])
    assert_list_cost_flat(client, "/actors", rows=_actors("Coop"), **bearer(token))
    page = client.get("/api/v1/actors?limit=1", **bearer(token)).json()
    assert page["items"][0]["email"] == "a0@example.org"


def test_a_page_of_actors_filtered_by_theme(client):
    rows = _actors("Réseau")

    def with_seeds(n: int) -> set[int]:
        rows(n)
        return set(Actor.objects.filter(themes__code="semences").values_list("pk", flat=True))

    assert_list_cost_flat(client, "/actors", rows=with_seeds, params={"theme": "semences"})


def test_a_page_of_relations_costs_the_same_at_3_as_at_30(client):
    hub = actor("Coopérative des Communs")

    def rows(n: int) -> set[int]:
        start = Actor.objects.count()
        for number in range(start, start + n):
            relation_create(source=hub, target=actor(f"Partenaire {number}"), kind="partner_of")
        return set(Relation.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/relations", rows=rows)
