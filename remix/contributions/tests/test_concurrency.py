"""Two pledges at the same moment never take a capped tier past its quantity.

Real threads, each with its own database connection, start together on the last poster left.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from remix.contributions import services
from remix.contributions.models import Pledge
from remix.contributions.services import Giver
from remix.contributions.tests import builders


@pytest.mark.django_db(transaction=True)
def test_the_last_unit_of_a_tier_goes_to_one_pledge_only():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database shares one cache between threads, which locks "
            "whole tables and fails instead of waiting; on a real SQLite file, IMMEDIATE "
            "transactions make writers wait their turn. The race is proven on PostgreSQL."
        )
    campaign = builders.campaign()
    tier = services.tier_add(campaign=campaign, title={"fr": "Affiche"}, amount="30", quantity=3)
    for name in ("A", "B"):
        services.pledge_create(
            fund=campaign.fund, amount="30", giver=Giver(name=name), campaign=campaign, tier=tier
        )
    start = threading.Barrier(4)
    outcomes = []

    def pledge(name):
        try:
            start.wait()
            services.pledge_create(
                fund=campaign.fund,
                amount="30",
                giver=Giver(name=name),
                campaign=campaign,
                tier=tier,
            )
            outcomes.append("taken")
        except ValidationError:
            outcomes.append("sold out")
        finally:
            connection.close()

    threads = [threading.Thread(target=pledge, args=(f"C{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["sold out", "sold out", "sold out", "taken"]
    tier.refresh_from_db()
    assert tier.taken == 3 == Pledge.objects.filter(tier=tier).count()
