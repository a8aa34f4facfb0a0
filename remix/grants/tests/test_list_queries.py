"""The funding search's lists read the database as many times for thirty rows as for three."""

import pytest

from remix.core.tests.page_queries import page_queries_flat
from remix.grants.tests import builders
from remix.grants.tests.test_pipeline import drafted

pytestmark = pytest.mark.django_db


def test_the_opportunities_cost_their_page(client):
    def rows(start, stop):
        for n in range(start, stop):
            builders.opportunity(
                title=f"Appel {n}",
                days=n + 1,
                funder=builders.funder(f"Fondation {n % 4}"),
            )

    few, many = page_queries_flat(client, "/en/funding/", rows=rows)
    assert "Appel 2" in few and "Appel 19" in many and "Fondation 3" in many


def test_the_pipeline_costs_its_page(client, make_user):
    member = make_user("mireille", roles=["member"])
    client.force_login(member)

    def rows(start, stop):
        for n in range(start, stop):
            drafted(member, title=f"Appel {n}")

    few, many = page_queries_flat(client, "/en/funding/pipeline/", rows=rows, large=12)
    assert "Appel 2" in few and "Appel 11" in many
