"""The network's lists read the database as many times for thirty rows as for three: the
actors, the themes, the map and its data."""

import pytest

from remix.allies.services import relation_create
from remix.allies.tests.builders import actor, theme
from remix.core.tests.page_queries import page_queries_flat

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    return theme("semences", "Semences")


def actors(seeds):
    def rows(start, stop):
        for n in range(start, stop):
            made = actor(
                f"Coopérative {n:02d}",
                movements=("ess", "commons") if n % 2 else ("ess",),
                themes=[seeds],
                country="FR",
            )
            if n:
                relation_create(source=made, target=first, kind="partner_of")

    first = actor("Aa Réseau", themes=[seeds])
    return rows


def test_the_actors_cost_their_page(client, seeds):
    few, many = page_queries_flat(client, "/en/allies/actors/", rows=actors(seeds))
    assert "Coopérative 02" in few and "Coopérative 29" in many


def test_the_map_and_its_data_cost_the_same_for_more_actors(client, seeds):
    rows = actors(seeds)
    few, many = page_queries_flat(client, "/en/allies/", rows=rows)
    assert "Coopérative 02" in few and "Coopérative 29" in many
    page_queries_flat(
        client, "/allies/network.json", rows=lambda start, stop: rows(30 + start, 30 + stop)
    )


def test_the_themes_cost_their_page(client):
    def rows(start, stop):
        for n in range(start, stop):
            theme(f"theme-{n}", f"Thème {n}")

    few, many = page_queries_flat(client, "/allies/themes/", rows=rows)
    assert "Thème 2" in few and "Thème 29" in many
