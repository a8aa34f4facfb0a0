"""The funding API's pledges: a member's own, what fell due and what came, a key sent twice."""

import pytest

from remix.contributions import services
from remix.contributions.models import Pledge
from remix.contributions.tests import builders
from remix.contributions.tests.api.calls import EN, bearer, days, get, post, refusal, today

pytestmark = pytest.mark.django_db


def test_a_member_pledges_and_sees_what_fell_due_what_came_and_what_is_late(
    client, member, treasurer
):
    _user, token = member
    start = days(-30)

    created = post(
        client,
        "/pledges",
        {
            "fund": "plateforme",
            "amount": "120.00",
            "frequency": "yearly",
            "start": start,
            "visibility": "amount",
        },
        **token,
    )
    late = get(client, "/pledges", **token).json()["items"][0]
    post(
        client,
        "/contributions",
        {"pledge": created.json()["reference"], "amount": "120"},
        **treasurer,
    )
    paid = get(client, "/pledges", **token).json()["items"][0]

    assert created.status_code == 201
    body = created.json()
    assert body["reference"].startswith("RF") and body["name"] == "Awa"
    assert (body["amount"], body["commodity"], body["frequency"]) == ("120.00", "EUR", "yearly")
    assert (body["status"], body["visibility"], body["paused"]) == ("active", "amount", False)
    assert late["reconciliation"] == {
        "on": today().isoformat(),
        "scheduled": "120.00",
        "received": "0.00",
        "advance": "0.00",
        "late": "120.00",
        "late_instalments": [start],
    }
    assert paid["reconciliation"]["received"] == "120.00"
    assert paid["reconciliation"]["late"] == "0.00"


def test_a_member_lists_only_their_own_pledges_and_a_treasurer_everyones(
    client, member, treasurer, api_token
):
    _user, token = member
    _lucia, raw = api_token(username="lucia", roles=["member"])
    fiesta = builders.fund("fiesta-2026")
    post(client, "/pledges", {"fund": "plateforme", "amount": "5"}, **token)
    post(client, "/pledges", {"fund": fiesta.slug, "amount": "8"}, **bearer(raw))

    mine = get(client, "/pledges", **token).json()
    everyone = get(client, "/pledges?all=true", **treasurer).json()
    fiesta_only = get(client, "/pledges?all=true&fund=fiesta-2026", **treasurer).json()
    member_asks_all = get(client, "/pledges?all=true", **token)
    no_token = get(client, "/pledges")

    assert [item["name"] for item in mine["items"]] == ["Awa"]
    assert {item["name"] for item in everyone["items"]} == {"Awa", "Lucia"}
    assert [item["amount"] for item in fiesta_only["items"]] == ["8.00"]
    assert member_asks_all.status_code == 403
    assert no_token.status_code == 401


def test_a_repeated_idempotency_key_makes_one_pledge(client, member):
    _user, token = member
    key = {"HTTP_IDEMPOTENCY_KEY": "pledge-1"}
    pledge = {"fund": "plateforme", "amount": "15", "frequency": "monthly"}

    first = post(client, "/pledges", pledge, **token, **key)
    again = post(client, "/pledges", pledge, **token, **key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert Pledge.objects.count() == 1


def test_a_pledge_to_a_round_project_is_for_verified_members(client, member, make_user):
    user, token = member
    round_ = builders.round_()
    project = services.round_project_add(round=round_, fund=builders.fund())

    unverified = post(
        client, "/pledges", {"amount": "10", "round_project": project.pk}, **token, **EN
    )
    builders.verified(user)
    verified = post(client, "/pledges", {"amount": "10", "round_project": project.pk}, **token)

    assert refusal(unverified)["user"].startswith("Only verified member accounts")
    assert verified.status_code == 201
    assert verified.json()["round"] == round_.pk and verified.json()["fund"] == "fiesta-2026"


def test_bad_pledges_are_refused_with_the_field(client, member, visitor):
    _user, token = member

    words = post(client, "/pledges", {"fund": "plateforme", "amount": "ten"}, **token, **EN)
    no_fund = post(client, "/pledges", {"amount": "10"}, **token, **EN)
    unknown = post(client, "/pledges", {"fund": "nowhere", "amount": "10"}, **token, **EN)
    weekly = post(
        client,
        "/pledges",
        {"fund": "plateforme", "amount": "1", "frequency": "weekly"},
        **token,
        **EN,
    )
    backwards = post(
        client,
        "/pledges",
        {"fund": "plateforme", "amount": "1", "start": "2026-05-01", "end": "2026-04-01"},
        **token,
        **EN,
    )
    no_project = post(client, "/pledges", {"amount": "1", "round_project": 999}, **token, **EN)
    no_role = post(client, "/pledges", {"fund": "plateforme", "amount": "1"}, **visitor)
    no_token = post(client, "/pledges", {"fund": "plateforme", "amount": "1"})

    assert refusal(words) == {"amount": "A number is expected."}
    assert refusal(no_fund) == {"fund": "Choose the fund the gift goes to."}
    assert refusal(unknown) == {"fund": "Unknown fund: nowhere."}
    assert refusal(weekly) == {"frequency": "This value is not one of the allowed choices."}
    assert refusal(backwards) == {"end": "A pledge ends after it starts."}
    assert refusal(no_project) == {"round_project": "Unknown round project: 999."}
    assert (no_role.status_code, no_token.status_code) == (403, 401)
    assert not Pledge.objects.exists()
