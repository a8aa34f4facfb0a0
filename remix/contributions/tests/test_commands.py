"""`remix close-campaigns`: past campaigns closed once, whatever the number of runs."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from remix.contributions import services
from remix.contributions.models import Campaign, CampaignStatus, PledgeStatus
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.core.models import AuditEvent
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


def past(campaign: Campaign) -> Campaign:
    """The campaign as if its deadline were yesterday (pledges are only taken before it)."""
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        opens=today - datetime.timedelta(days=40), deadline=today - datetime.timedelta(days=1)
    )
    return Campaign.objects.get(pk=campaign.pk)


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("close-campaigns", *args, stdout=out)
    return out.getvalue()


def test_a_past_campaign_is_closed_once_and_a_second_run_does_nothing_more():
    fiesta = builders.campaign(goal="30", slug="fiesta")
    for name in ("Awa", "Bo"):
        services.pledge_create(
            fund=fiesta.fund, amount="20", giver=Giver(name=name), campaign=fiesta
        )
    running = builders.campaign(slug="running")
    past(fiesta)

    said = run()
    assert said == "Commons fiesta (fiesta): goal reached, €40.00 pledged of €30.00.\n"
    fiesta.refresh_from_db()
    running.refresh_from_db()
    assert fiesta.status == CampaignStatus.SUCCEEDED and running.status == CampaignStatus.OPEN
    assert set(fiesta.pledges.values_list("status", flat=True)) == {PledgeStatus.RECEIVABLE}
    written = (Transaction.objects.count(), AuditEvent.objects.count())
    assert written[0] == 2  # one receivable per pledge

    assert run() == "No campaign to close.\n"
    assert (Transaction.objects.count(), AuditEvent.objects.count()) == written


def test_a_missed_all_or_nothing_goal_releases_and_cron_hears_only_of_closings():
    fiesta = builders.campaign(goal="1000")
    services.pledge_create(fund=fiesta.fund, amount="20", giver=Giver(name="Awa"), campaign=fiesta)
    past(fiesta)
    assert run("--verbosity", "0") == (
        "Commons fiesta (fiesta): goal missed, pledges released, €20.00 pledged of €1,000.00.\n"
    )
    assert not Transaction.objects.exists()
    assert run("--verbosity", "0") == ""


def test_the_command_speaks_french_by_default():
    past(builders.campaign(goal="10", rule="keep_it_all"))
    out = io.StringIO()
    call_command("close-campaigns", stdout=out)
    assert "Fiesta des communs (fiesta)" in out.getvalue()
    assert "10,00\N{NO-BREAK SPACE}€" in out.getvalue()


def test_the_help_says_it_is_safe_from_cron():
    from django.core.management import load_command_class

    command = load_command_class("remix.contributions", "close-campaigns")
    assert "cron" in command.help and "--verbosity 0" in command.help
