"""The funding API's campaigns: started with tiers and stretch goals, pledged to, closed once."""

import datetime

import pytest

from remix.contributions import services
from remix.contributions.models import Campaign, Pledge
from remix.contributions.tests import builders
from remix.contributions.tests.api.calls import EN, bearer, days, get, post, refusal, today
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


def a_campaign(**changes):
    body = {
        "slug": "fiesta",
        "title": {"fr": "Fiesta des communs", "en": "Commons fiesta"},
        "fund": "fiesta-2026",
        "goal": "1000",
        "opens": days(-5),
        "deadline": days(20),
        "rule": "all_or_nothing",
        "tiers": [
            {
                "title": {"fr": "Affiche", "en": "Poster"},
                "amount": "30",
                "quantity": 1,
                "counterpart_value": "8",
            },
            {"title": {"fr": "Merci"}, "amount": "5", "free_amount": True},
        ],
        "stretch_goals": [{"amount": "1500", "title": {"fr": "Une scène", "en": "A stage"}}],
    }
    body.update(changes)
    return body


def test_a_treasurer_starts_a_campaign_with_tiers_and_stretch_goals(client, treasurer):
    builders.fund("fiesta-2026")

    created = post(client, "/campaigns", a_campaign(), **treasurer, **EN)
    listed = get(client, "/campaigns", **EN).json()

    assert created.status_code == 201
    body = created.json()
    assert listed["count"] == 1 and listed["items"][0] == body
    assert (body["label"], body["fund"], body["goal"], body["raised"]) == (
        "Commons fiesta",
        "fiesta-2026",
        "1000.00",
        "0.00",
    )
    assert (body["backers"], body["percent"], body["status"], body["days_left"]) == (
        0,
        0,
        "open",
        21,
    )
    assert [(t["label"], t["amount"], t["left"], t["free_amount"]) for t in body["tiers"]] == [
        ("Merci", "5.00", None, True),
        ("Poster", "30.00", 1, False),
    ]
    assert [t["counterpart_value"] for t in body["tiers"]] == ["0.00", "8.00"]
    assert body["stretch_goals"] == [
        {
            "amount": "1500.00",
            "title": {"fr": "Une scène", "en": "A stage"},
            "label": "A stage",
            "reached": False,
        }
    ]
    assert get(client, f"/campaigns/{body['id']}", **EN).json() == body


def test_members_pledge_to_a_campaign_and_a_limited_tier_runs_out(client, member, api_token):
    _user, token = member
    _lucia, raw = api_token(username="lucia", roles=["member"])
    campaign = builders.campaign(goal="50")
    poster = services.tier_add(campaign=campaign, title={"fr": "Affiche"}, amount="30", quantity=1)
    key = {"HTTP_IDEMPOTENCY_KEY": "fiesta-awa"}
    path = f"/campaigns/{campaign.pk}/pledges"

    first = post(client, path, {"tier": poster.pk}, **token, **key)
    again = post(client, path, {"tier": poster.pk}, **token, **key)
    sold_out = post(client, path, {"tier": poster.pk}, **bearer(raw), **EN)
    free = post(client, path, {"amount": "25", "visibility": "private"}, **bearer(raw))
    progress = get(client, f"/campaigns/{campaign.pk}").json()

    assert (first.status_code, again.status_code, free.status_code) == (201, 200, 201)
    assert first.json()["id"] == again.json()["id"]
    assert (first.json()["campaign"], first.json()["tier"]) == (campaign.pk, poster.pk)
    assert first.json()["amount"] == "30.00" and first.json()["frequency"] == "once"
    assert refusal(sold_out) == {"tier": "This counterpart is no longer available."}
    assert (progress["raised"], progress["backers"], progress["percent"]) == ("55.00", 2, 110)
    assert progress["tiers"][0]["left"] == 0 and progress["tiers"][0]["taken"] == 1
    assert Pledge.objects.count() == 2
    assert not Transaction.objects.exists()  # nothing reaches the books before the close


def test_campaign_refusals(client, member, treasurer):
    _user, token = member
    builders.fund("fiesta-2026")
    campaign = builders.campaign(slug="autre")
    path = f"/campaigns/{campaign.pk}/pledges"

    bad_tier = a_campaign(
        tiers=[{"title": {"fr": "Rien"}, "amount": "0"}],
    )
    refused_tier = post(client, "/campaigns", bad_tier, **treasurer, **EN)
    low_stretch = post(
        client,
        "/campaigns",
        a_campaign(stretch_goals=[{"amount": "10", "title": {"fr": "Moins"}}]),
        **treasurer,
        **EN,
    )
    by_member = post(client, "/campaigns", a_campaign(), **token)
    no_token = post(client, "/campaigns", a_campaign())
    same_slug = post(client, "/campaigns", a_campaign(slug="autre", tiers=[]), **treasurer, **EN)
    no_amount = post(client, path, {}, **token, **EN)
    unknown_tier = post(client, path, {"tier": 999}, **token, **EN)
    missing = get(client, "/campaigns/999", **EN)

    assert refusal(refused_tier) == {"tiers.0.amount": "Give an amount above zero."}
    assert refusal(low_stretch) == {"stretch_goals.0.amount": "A stretch goal is above the goal."}
    assert (by_member.status_code, no_token.status_code) == (403, 401)
    assert list(refusal(same_slug)) == ["slug"]
    assert refusal(no_amount) == {"amount": "This field is required."}
    assert refusal(unknown_tier) == {"tier": "Unknown counterpart: 999."}
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert list(Campaign.objects.values_list("slug", flat=True)) == ["autre"]


def test_a_campaign_closes_once_and_a_repeat_is_harmless(client, member, treasurer):
    _user, token = member
    campaign = builders.campaign(goal="20")
    post(client, f"/campaigns/{campaign.pk}/pledges", {"amount": "25"}, **token)

    early = post(client, f"/campaigns/{campaign.pk}/close", {}, **treasurer, **EN)
    Campaign.objects.filter(pk=campaign.pk).update(deadline=today() - datetime.timedelta(days=1))
    closed = post(client, f"/campaigns/{campaign.pk}/close", {}, **treasurer)
    again = post(client, f"/campaigns/{campaign.pk}/close", {}, **treasurer)
    by_member = post(client, f"/campaigns/{campaign.pk}/close", {}, **token)

    assert list(refusal(early)) == [""]
    assert closed.status_code == again.status_code == 200
    assert closed.json()["status"] == again.json()["status"] == "succeeded"
    assert closed.json()["raised"] == "25.00"
    assert Transaction.objects.count() == 1  # the receivable, once
    assert by_member.status_code == 403
    assert get(client, "/pledges", **token).json()["items"][0]["status"] == "receivable"
