"""Campaign pages: the list, a campaign's page and its pledge form, updates, and the close."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from remix.contributions import services
from remix.contributions.models import CampaignStatus, Pledge, Tier, Visibility
from remix.contributions.services import Giver
from remix.contributions.tests import builders

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"contributions:{name}", kwargs=kwargs or None)


@pytest.fixture
def member(make_user):
    return make_user("awa", roles=["member"], language="en")


@pytest.fixture
def treasurer(make_user):
    return make_user("tresoriere", roles=["treasurer"], language="en")


@pytest.fixture
def fiesta():
    """A campaign of 1 000 €, a stretch goal at 1 500 €, three tiers, a pledge of 300 €."""
    campaign = builders.campaign(goal="1000")
    campaign.description = {"en": "Music and **soup** for the whole street."}
    campaign.save(update_fields=["description"])
    services.stretch_goal_add(campaign=campaign, amount="1500", title={"en": "A second stage"})
    services.tier_add(campaign=campaign, title={"en": "Poster"}, amount="30", quantity=1)
    services.tier_add(campaign=campaign, title={"en": "Patron"}, amount="100", free_amount=True)
    services.tier_add(campaign=campaign, title={"en": "T-shirt"}, amount="25", quantity=5)
    services.pledge_create(
        fund=campaign.fund, amount="300", giver=Giver(name="Lucía Public"), campaign=campaign
    )
    return campaign


def tier(campaign, title: str) -> Tier:
    return campaign.tiers.get(title__en=title)


def html(response) -> str:
    return response.content.decode()


@pytest.mark.dated
def test_a_campaign_page_says_its_goal_rule_deadline_progress_tiers_and_updates(client, fiesta):
    services.campaign_update_post(
        campaign=fiesta, title={"en": "The stage is booked"}, body={"en": "See you *there*."}
    )
    page = html(client.get(url("campaign", slug=fiesta.slug)))
    assert "<h1>Commons fiesta</h1>" in page
    assert "Music and <strong>soup</strong>" in page
    assert "if the goal of €1,000 is not reached by" in page and "no one pays anything" in page
    assert "21 days left" in page
    assert (
        '<progress id="campaign-progress" class="campaign-bar" max="1000.00" value="300.00"' in page
    )
    assert "€300 of €1,000 · 30%" in page and "1 backer" in page
    assert "A second stage" in page and "not reached yet" in page
    assert "from €100" in page and "1 left" in page and "5 left" in page
    assert "The stage is booked" in page and "See you <em>there</em>." in page
    assert 'id="wall"' in page and "Lucía Public" in page
    # A visitor sees the way in, not the form.
    assert 'id="pledge-form"' not in page and "Log in to pledge" in page


def test_the_list_puts_open_campaigns_first_with_their_progress(client, fiesta):
    closed = builders.campaign(
        slug="ancienne",
        opens=TODAY() - datetime.timedelta(days=60),
        deadline=TODAY() - datetime.timedelta(days=30),
    )
    services.campaign_close(campaign=closed)
    page = html(client.get(url("campaigns")))
    assert page.index(url("campaign", slug=fiesta.slug)) < page.index(
        url("campaign", slug="ancienne")
    )
    assert "€300 of €1,000 · 30%" in page and "Goal missed, pledges released" in page


def test_a_member_pledges_and_the_progress_and_the_wall_move(client, fiesta, member):
    client.force_login(member)
    page = html(client.get(url("campaign", slug=fiesta.slug)))
    assert 'id="pledge-form"' in page and 'id="id_amount"' in page
    assert 'id="id_visibility_0"' in page
    response = client.post(
        url("campaign_pledge", slug=fiesta.slug),
        {"tier": str(tier(fiesta, "Patron").pk), "amount": "250", "visibility": "public"},
        follow=True,
    )
    assert response.redirect_chain == [(url("campaign", slug=fiesta.slug), 302)]
    page = html(response)
    assert "your pledge of €250.00 is recorded" in page
    assert 'max="1000.00" value="550.00"' in page and "€550 of €1,000 · 55%" in page
    assert "2 backers" in page and "Awa" in page
    pledge = Pledge.objects.get(user=member)
    assert (pledge.campaign, pledge.tier.label, pledge.frequency) == (fiesta, "Patron", "once")


def test_the_same_pledge_form_sent_twice_makes_one_pledge(client, fiesta, member):
    client.force_login(member)
    page = html(client.get(url("campaign", slug=fiesta.slug)))
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page)[1]
    data = {"tier": str(tier(fiesta, "Poster").pk), "visibility": "public", "token": token}
    for _twice in range(2):
        assert client.post(url("campaign_pledge", slug=fiesta.slug), data).status_code == 302
    assert Pledge.objects.filter(user=member).count() == 1
    assert tier(fiesta, "Poster").taken == 1


def test_a_fixed_tier_needs_no_amount_and_counts_down(client, fiesta, member):
    client.force_login(member)
    client.post(
        url("campaign_pledge", slug=fiesta.slug),
        {"tier": str(tier(fiesta, "Poster").pk), "amount": "", "visibility": "amount"},
    )
    assert Pledge.objects.get(user=member).amount_minor == 3000
    page = html(client.get(url("campaign", slug=fiesta.slug)))
    assert "sold out" in page
    # Ordered by amount: no counterpart, the T-shirt (25), then the Poster (30), now disabled.
    assert f'value="{tier(fiesta, "Poster").pk}" id="id_tier_2" disabled' in page


def test_refusals_are_shown_by_their_field(client, fiesta, member, make_user):
    services.pledge_create(
        fund=fiesta.fund,
        amount="30",
        giver=Giver(name="First"),
        campaign=fiesta,
        tier=tier(fiesta, "Poster"),
    )
    client.force_login(member)
    sold_out = client.post(
        url("campaign_pledge", slug=fiesta.slug),
        {"tier": str(tier(fiesta, "Poster").pk), "amount": "30", "visibility": "public"},
    )
    assert sold_out.status_code == 200
    assert 'id="id_tier_error"' in html(sold_out)
    assert "This counterpart is no longer available." in html(sold_out)
    below = html(
        client.post(
            url("campaign_pledge", slug=fiesta.slug),
            {"tier": str(tier(fiesta, "Patron").pk), "amount": "20", "visibility": "public"},
        )
    )
    assert 'id="id_amount_error"' in below and "This counterpart starts at €100.00." in below
    nothing = html(
        client.post(url("campaign_pledge", slug=fiesta.slug), {"tier": "", "visibility": "public"})
    )
    assert "Type an amount." in nothing
    assert Pledge.objects.filter(user=member).count() == 0


def test_private_and_nameless_pledges_never_show_a_name(client, fiesta):
    for name, visibility in (("Jean Anonyme", Visibility.AMOUNT), ("Marie Cachée", "private")):
        services.pledge_create(
            fund=fiesta.fund,
            amount="45" if visibility == Visibility.AMOUNT else "77",
            giver=Giver(name=name),
            campaign=fiesta,
            visibility=visibility,
        )
    page = html(client.get(url("campaign", slug=fiesta.slug)))
    assert "Anonyme" not in page and "€45" in page
    assert "Cachée" not in page and "€77" not in page
    # Counted all the same: 300 + 45 + 77.
    assert "€422 of €1,000 · 42%" in page and "3 backers" in page


def test_only_members_pledge(client, fiesta, make_user):
    target = url("campaign_pledge", slug=fiesta.slug)
    data = {"amount": "10", "visibility": "public"}
    visitor = client.post(target, data)
    assert visitor.status_code == 302 and "/accounts/login/" in visitor.url
    outsider = make_user("passant")
    outsider.groups.clear()
    client.force_login(outsider)
    assert client.post(target, data).status_code == 403
    assert client.get(target).status_code == 405
    assert client.get(url("campaign", slug="nowhere")).status_code == 404


def test_a_closed_campaign_takes_no_pledge(client, member):
    over = builders.campaign(
        slug="finie",
        opens=TODAY() - datetime.timedelta(days=30),
        deadline=TODAY() - datetime.timedelta(days=1),
    )
    client.force_login(member)
    page = html(client.get(url("campaign", slug=over.slug)))
    assert 'id="pledge-form"' not in page and "no longer takes pledges" in page
    refused = html(
        client.post(
            url("campaign_pledge", slug=over.slug), {"amount": "10", "visibility": "public"}
        )
    )
    assert "This campaign no longer takes pledges." in refused
    assert not Pledge.objects.exists()


def test_treasurers_post_updates(client, fiesta, member, treasurer):
    target = url("campaign_update", slug=fiesta.slug)
    client.force_login(member)
    assert client.get(target).status_code == 403
    client.force_login(treasurer)
    assert "Post an update" in html(client.get(url("campaign", slug=fiesta.slug)))
    response = client.post(
        target, {"language": "en", "title": "Halfway there", "body": "Thank you **all**."}
    )
    assert response.status_code == 302
    page = html(client.get(url("campaign", slug=fiesta.slug)))
    assert "Halfway there" in page and "Thank you <strong>all</strong>." in page


@pytest.mark.dated
def test_a_treasurer_closes_a_campaign_after_its_deadline_only(client, fiesta, member, treasurer):
    client.force_login(member)
    assert client.post(url("campaign_close", slug=fiesta.slug)).status_code == 403
    client.force_login(treasurer)
    early = html(client.post(url("campaign_close", slug=fiesta.slug), follow=True))
    assert "This campaign takes pledges until" in early
    fiesta.refresh_from_db()
    assert fiesta.status == CampaignStatus.OPEN
    over = builders.campaign(
        slug="finie",
        goal="10",
        opens=TODAY() - datetime.timedelta(days=30),
        deadline=TODAY() - datetime.timedelta(days=1),
    )
    page = html(client.get(url("campaign", slug=over.slug)))
    assert url("campaign_close", slug=over.slug) in page
    response = client.post(
        url("campaign_close", slug=over.slug), {"next": url("treasury")}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("treasury")
    assert "is closed: goal missed, pledges released." in html(response)
    over.refresh_from_db()
    assert over.status == CampaignStatus.FAILED
    elsewhere = client.post(url("campaign_close", slug=over.slug), {"next": "https://evil.example"})
    assert elsewhere.url == url("campaign", slug=over.slug)
