"""The contribute area's lists read the database as many times for thirty rows as for three."""

import datetime

import pytest
from django.utils import timezone

from remix.contributions import services
from remix.contributions.models import Visibility
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.core.tests.page_queries import page_queries_flat

pytestmark = pytest.mark.django_db


def test_the_wall_costs_its_page(client):
    def rows(start, stop):
        for n in range(start, stop):
            services.payment_record(
                fund=builders.platform(),
                amount=str(10 + n),
                date=timezone.localdate(),
                giver=Giver(name=f"Donatrice {n}"),
                visibility=Visibility.PUBLIC,
            )

    few, many = page_queries_flat(client, "/en/contribute/wall/", rows=rows)
    assert "Donatrice 2" in few and "Donatrice 29" in many and "€39" in many


def test_the_campaigns_cost_their_page(client):
    today = timezone.localdate()

    def rows(start, stop):
        for n in range(start, stop):
            services.campaign_create(
                slug=f"fiesta-{n}",
                title={"fr": f"Fiesta {n}", "en": f"Fiesta {n}"},
                fund=builders.fund(),
                goal="1000",
                opens=today - datetime.timedelta(days=10),
                deadline=today + datetime.timedelta(days=n + 1),
                rule="all_or_nothing",
            )

    few, many = page_queries_flat(client, "/en/contribute/campaigns/", rows=rows)
    assert "Fiesta 2" in few and "Fiesta 29" in many


def test_the_rounds_cost_their_page(client):
    def rows(start, stop):
        for n in range(start, stop):
            builders.round_(slug=f"round-{n}")

    few, many = page_queries_flat(client, "/en/contribute/rounds/", rows=rows)
    assert few.count('href="/en/contribute/rounds/round-') == 3
    assert many.count('href="/en/contribute/rounds/round-') == 30
