"""The funding self-checks find what a bug or a hand in the database would break."""

import datetime

import pytest

from remix.contributions import services
from remix.contributions.models import Contribution, ReceiptCounter, Tier
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.core.selfchecks import selfchecks_run

pytestmark = [pytest.mark.django_db, pytest.mark.no_selfchecks]


def problems(prefix):
    return [p.message for p in selfchecks_run() if p.check.startswith(prefix)]


def test_a_tier_count_out_of_step_is_found():
    campaign = builders.campaign()
    tier = services.tier_add(campaign=campaign, title={"fr": "Affiche"}, amount="30", quantity=5)
    services.pledge_create(
        fund=campaign.fund, amount="30", giver=Giver(name="A"), campaign=campaign, tier=tier
    )
    assert problems("funding.tiers") == []
    Tier.objects.filter(pk=tier.pk).update(taken=0)
    assert problems("funding.tiers") == [f"tier {tier.pk} says 0 taken but 1 pledges hold one"]


def test_a_gift_that_disagrees_with_its_transaction_is_found():
    gift, _ = services.payment_record(
        fund=builders.platform(), amount="30", date=datetime.date(2026, 3, 1), giver=Giver(name="A")
    )
    Contribution.objects.filter(pk=gift.pk).update(amount_minor=2000)
    assert problems("funding.gifts_in_books") == [
        f"contribution {gift.pk} is 2000 EUR but its transaction brings 3000 into its fund"
    ]


def test_a_gap_in_receipt_numbers_is_found(settings):
    settings.REMIX_RECEIPTS = {"issuer": "Association Remix"}
    gift, _ = services.payment_record(
        fund=builders.platform(), amount="30", date=datetime.date(2026, 3, 1), giver=Giver(name="A")
    )
    services.receipt_issue(contribution=gift)
    assert problems("funding.receipts") == []
    ReceiptCounter.objects.filter(year=2026).update(last=2)
    assert problems("funding.receipts") != []
