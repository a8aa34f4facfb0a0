"""The demo's gifts: loaded twice, the same; every check passes; each part of the issue shows."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from remix.accounts.models import User
from remix.contributions import receipts, selectors
from remix.contributions.models import (
    Campaign,
    CampaignStatus,
    Contribution,
    ContributionStatus,
    Pledge,
    Round,
    RoundRemainder,
    RoundStatus,
    TaxReceipt,
    Tier,
)
from remix.contributions.tests.pdfs import pdf_text
from remix.core.selfchecks import selfchecks_run

pytestmark = [pytest.mark.django_db, pytest.mark.dated]


def test_the_demo_shows_a_campaign_a_closed_round_and_recurring_pledges():
    call_command("demo", verbosity=0)
    counts = (Pledge.objects.count(), Contribution.objects.count())
    call_command("demo", verbosity=0)  # idempotent
    assert (Pledge.objects.count(), Contribution.objects.count()) == counts
    assert selfchecks_run() == []
    today = timezone.localdate()

    fiesta = Campaign.objects.get(status=CampaignStatus.OPEN)
    progress = selectors.campaign_progress(campaign=fiesta, today=today)
    assert 0 < progress.raised < progress.goal and progress.backers >= 10

    assert fiesta.opens <= today < fiesta.deadline

    lyon = Round.objects.get(status=RoundStatus.CLOSED)
    assert lyon.funder.name == "Ville de Lyon" and lyon.pool_transaction.is_posted
    # Closed last month, as the README says, whatever today is.
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    assert (lyon.closes.year, lyon.closes.month) == (last_month.year, last_month.month)
    assert timezone.localtime(lyon.closed_at).date() == lyon.closes + datetime.timedelta(days=1)
    matches = list(lyon.matches.all())
    # The ideals fall short of the 5,000 € pool: each project earns its own, the rest stays.
    assert lyon.remainder == RoundRemainder.KEEP
    ideals = {p.project: p.ideal for p in selectors.round_matching(round=lyon).projects}
    assert all(abs(m.match_minor - ideals[m.project_id]) < 1 for m in matches)
    assert 0 < sum(m.match_minor for m in matches) < lyon.pool_minor
    assert all(m.transaction.is_posted for m in matches if m.match_minor)
    lines = selectors.round_lines(round=lyon)
    # Many small gifts outweigh a few large ones.
    assert lines[0].project.fund.slug == "rencontre-semences"

    recurring = Pledge.objects.filter(frequency="monthly")
    assert recurring.count() >= 3
    late = {
        pledge.user.username: state.late
        for pledge in recurring
        if (state := selectors.pledge_reconciliation(pledge=pledge, today=today)).late
    }
    # Amina alone is behind, by one gift more than the ten days of grace late, as in life.
    assert list(late) == ["amina"] and len(late["amina"]) == 1
    assert 10 < (today - late["amina"][0].due_on).days <= 41
    assert Contribution.objects.filter(status=ContributionStatus.DECLARED).exists()


def test_the_demo_names_its_receipt_issuer_and_has_a_receipt_to_download(client):
    call_command("demo", verbosity=0)
    louise = User.objects.get(username="louise")
    receipt = TaxReceipt.objects.get()
    assert receipt.contribution.user == louise
    assert receipt.issuer["issuer"] == "Association Remix des communs (démo)"
    text = pdf_text(receipts.receipt_pdf(receipt))
    assert "Louise Tremblay, présidente" in text and "virement bancaire" in text
    # Every money gift in euros of a member can have one: the pledges paid by transfer and the
    # round's gifts; the campaign is still running, so no tier's gift is paid yet.
    asked = Contribution.objects.filter(
        kind="money", status="recorded", commodity="EUR", user__isnull=False
    )
    assert asked.count() > 10
    assert set(asked.values_list("payment_method", flat=True)) == {"transfer"}
    tiers = {tier.counterpart_value_minor for tier in Tier.objects.all()}
    assert tiers == {0, 800, 1200}
    client.force_login(louise)
    download = client.get(
        reverse(
            "contributions:receipt",
            kwargs={"year": receipt.year, "sequence": receipt.sequence},
        )
    )
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
