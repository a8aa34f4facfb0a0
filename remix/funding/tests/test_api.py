"""The funding API: gifts, pledges, campaigns and matching rounds over HTTP."""

import datetime
import json
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from openapi_spec_validator import validate

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.funding import services
from remix.funding.models import Campaign, Contribution, Pledge, Round
from remix.funding.services import Giver, payments
from remix.funding.tests import builders
from remix.ledger.models import Transaction

API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def days(n: int) -> str:
    return (today() + datetime.timedelta(days=n)).isoformat()


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, path, body, **extra):
    return client.post(
        f"{API}{path}", data=json.dumps(body), content_type="application/json", **extra
    )


def get(client, path, **extra):
    return client.get(f"{API}{path}", **extra)


def refusal(response) -> dict:
    """The refused fields as {field: reason}."""
    assert response.status_code == 422, response.content
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    return {item["field"]: item["reason"] for item in body["fields"]}


@pytest.fixture
def treasurer(api_token):
    _user, raw = api_token(username="tresoriere", roles=["treasurer"])
    return bearer(raw)


@pytest.fixture
def visitor(api_token):
    """An account without the member role: a signed-up person whose membership was removed."""
    user, raw = api_token(username="visiteur")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    return bearer(raw)


@pytest.fixture
def member(api_token):
    """Awa, a member, and her token."""
    user, raw = api_token(username="awa", roles=["member"])
    return user, bearer(raw)


# --- contributions -------------------------------------------------------------------------------


def three_gifts():
    """One gift per visibility, the private one the newest."""
    for day, name, visibility in (
        (datetime.date(2026, 3, 1), "Awa Diop", "public"),
        (datetime.date(2026, 3, 2), "Jean Secret", "amount"),
        (datetime.date(2026, 3, 3), "Paula Privée", "private"),
    ):
        services.payment_record(
            fund=builders.platform(),
            amount="25",
            date=day,
            giver=Giver(name=name),
            visibility=visibility,
        )


def test_the_public_list_hides_private_gifts_and_the_names_of_anonymous_ones(client, member):
    three_gifts()
    user, _token = member
    services.contribution_declare(
        giver=Giver(user=user),
        fund=builders.platform(),
        kind="time",
        amount="3",
        date=today(),
        description="Traduction",
    )
    lent, _created = services.contribution_declare(
        giver=Giver(user=user),
        fund=builders.platform(),
        kind="in_kind",
        amount="80",
        date=datetime.date(2026, 3, 4),
        description="Prêt du vidéoprojecteur d'Awa",
        visibility="amount",
    )
    services.contribution_validate(contribution=lent)

    page = get(client, "/contributions").json()

    assert page["count"] == 3  # the private gift and the time awaiting a treasurer are not listed
    shown = [(i["name"], i["kind"], i["amount"], i["description"]) for i in page["items"]]
    assert shown == [
        (None, "in_kind", "80.00", ""),
        (None, "money", "25.00", ""),
        ("Awa Diop", "money", "25.00", ""),
    ]
    assert page["items"][2]["status"] == "recorded" and page["items"][2]["transaction"]
    assert page["items"][0]["pledge"] is None and page["items"][0]["username"] is None
    text = json.dumps(page, ensure_ascii=False)
    assert "Paula" not in text and "Jean" not in text
    assert "Traduction" not in text and "vidéoprojecteur" not in text


def test_a_member_token_sees_the_public_list_and_a_treasurer_sees_everything(
    client, member, treasurer
):
    three_gifts()
    _user, token = member
    post(
        client,
        "/contributions",
        {"kind": "time", "amount": "2", "description": "Ateliers"},
        **token,
    )

    as_member = get(client, "/contributions", **token).json()
    everything = get(client, "/contributions", **treasurer).json()
    hours = get(client, "/contributions?kind=time", **treasurer).json()
    declared = get(client, "/contributions?status=declared", **treasurer).json()

    assert as_member["count"] == 2
    assert everything["count"] == 4
    assert {item["name"] for item in everything["items"]} == {
        "Awa",
        "Awa Diop",
        "Jean Secret",
        "Paula Privée",
    }
    assert [(i["amount"], i["commodity"], i["status"]) for i in hours["items"]] == [
        ("2.00", "HOUR", "declared")
    ]
    assert hours["items"][0]["username"] == "awa"
    assert declared["count"] == 1


def test_the_list_reads_a_page_in_a_few_queries_whoever_asks(
    client, treasurer, django_assert_max_num_queries
):
    for n in range(30):
        services.payment_record(
            fund=builders.platform(), amount="1", date=today(), giver=Giver(name=f"G{n}")
        )

    with django_assert_max_num_queries(3):
        public = get(client, "/contributions")
    with django_assert_max_num_queries(6):
        everything = get(client, "/contributions", **treasurer)

    assert public.json()["count"] == everything.json()["count"] == 30


def test_the_list_filters_by_fund_and_refuses_an_unknown_one(client):
    three_gifts()
    fiesta = builders.fund("fiesta-2026")
    services.payment_record(fund=fiesta, amount="7", date=today(), giver=Giver(name="Lucía"))

    only = get(client, "/contributions?fund=fiesta-2026").json()
    unknown = get(client, "/contributions?fund=nowhere", **EN)

    assert [(item["fund"], item["name"]) for item in only["items"]] == [("fiesta-2026", "Lucía")]
    assert refusal(unknown) == {"fund": "Unknown fund: nowhere."}


def test_a_treasurer_records_money_for_a_pledge_by_its_reference_with_or_without_spaces(
    client, member, treasurer
):
    user, token = member
    pledge = post(
        client,
        "/pledges",
        {"fund": "plateforme", "amount": "10", "frequency": "monthly", "start": days(-5)},
        **token,
    ).json()
    grouped = pledge["reference"]
    compact = grouped.replace(" ", "").lower()

    first = post(client, "/contributions", {"pledge": compact, "amount": "10.00"}, **treasurer)
    second = post(client, "/contributions", {"pledge": grouped, "amount": "10"}, **treasurer)

    assert first.status_code == second.status_code == 201
    gift = first.json()
    assert gift["pledge"] == grouped and gift["name"] == "Awa" and gift["username"] == "awa"
    assert gift["kind"] == "money" and gift["fund"] == "plateforme" and gift["recurring"]
    mine = get(client, "/pledges", **token).json()["items"][0]
    assert mine["reconciliation"]["received"] == "20.00"
    assert Transaction.objects.count() == 2


def test_money_for_a_pledge_is_in_the_pledge_s_currency_when_none_is_given(client, treasurer):
    pledge, _created = services.pledge_create(
        fund=builders.platform(), amount="5000", commodity="XOF", giver=Giver(name="Moussa")
    )

    paid = post(
        client, "/contributions", {"pledge": pledge.reference, "amount": "5000"}, **treasurer
    )
    euros = post(
        client,
        "/contributions",
        {"pledge": pledge.reference, "amount": "5000", "commodity": "EUR"},
        **treasurer,
        **EN,
    )

    assert (paid.status_code, paid.json()["amount"], paid.json()["commodity"]) == (
        201,
        "5000",
        "XOF",
    )
    assert refusal(euros) == {"commodity": "This pledge is in XOF."}


def test_a_treasurer_records_a_gift_to_a_fund_from_a_member_or_a_name(client, member, treasurer):
    builders.fund("fiesta-2026")

    from_member = post(
        client,
        "/contributions",
        {"fund": "fiesta-2026", "amount": "30", "user": "awa", "visibility": "amount"},
        **treasurer,
    )
    from_name = post(
        client,
        "/contributions",
        {"amount": "12.50", "name": "Association Voisins", "date": "2026-02-01"},
        **treasurer,
    )

    assert from_member.status_code == from_name.status_code == 201
    assert from_member.json()["name"] == "Awa" and from_member.json()["visibility"] == "amount"
    assert from_name.json()["fund"] == "plateforme" and from_name.json()["date"] == "2026-02-01"
    public = get(client, "/contributions").json()["items"]
    assert [(item["name"], item["amount"]) for item in public] == [
        (None, "30.00"),
        ("Association Voisins", "12.50"),
    ]
    assert Transaction.objects.get(pk=from_member.json()["transaction"]).anonymous


def test_a_repeated_idempotency_key_records_one_gift(client, treasurer, api_token):
    gift = {"amount": "40", "name": "Awa Diop"}
    key = {"HTTP_IDEMPOTENCY_KEY": "gift-2026-03-01"}

    first = post(client, "/contributions", gift, **treasurer, **key)
    again = post(client, "/contributions", gift, **treasurer, **key)
    _other, raw = api_token(username="tresorier2", roles=["treasurer"])
    someone_else = post(client, "/contributions", gift, **bearer(raw), **key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert someone_else.status_code == 201  # a key is its sender's own
    assert Transaction.objects.count() == 2
    assert Contribution.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_parallel_retries_with_one_key_record_one_gift(treasurer, monkeypatch):
    """The first retry has written its gift but not committed when the second one arrives: the
    second waits on the key's unique index, then answers with the first gift."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database locks whole tables between threads and fails "
            "instead of waiting; the race is proven on PostgreSQL."
        )
    written, go_on = threading.Event(), threading.Event()
    real_audit = payments.audit_record

    def audit_then_hold(**kwargs):
        real_audit(**kwargs)
        if threading.current_thread().name == "first":
            written.set()
            go_on.wait(timeout=10)

    monkeypatch.setattr(payments, "audit_record", audit_then_hold)
    answers = {}

    def send():
        try:
            answers[threading.current_thread().name] = post(
                Client(),
                "/contributions",
                {"amount": "40", "name": "Awa Diop"},
                **treasurer,
                HTTP_IDEMPOTENCY_KEY="retry-1",
            )
        finally:
            connection.close()

    first = threading.Thread(target=send, name="first")
    second = threading.Thread(target=send, name="second")
    first.start()
    assert written.wait(timeout=10)
    second.start()
    time.sleep(0.5)  # the second retry reaches the unique index and waits there
    go_on.set()
    first.join()
    second.join()

    assert (answers["first"].status_code, answers["second"].status_code) == (201, 200)
    assert answers["first"].json()["id"] == answers["second"].json()["id"]
    assert Contribution.objects.count() == 1 and Transaction.objects.count() == 1


def test_a_member_declares_time_in_hours_and_in_kind_at_its_value(client, member):
    _user, token = member
    key = {"HTTP_IDEMPOTENCY_KEY": "hours-1"}

    hours = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "6.5", "description": "Traduction des pages"},
        **token,
        **key,
    )
    again = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "6.5", "description": "Traduction des pages"},
        **token,
        **key,
    )
    projector = post(
        client,
        "/contributions",
        {"kind": "in_kind", "amount": "120", "description": "Vidéoprojecteur"},
        **token,
    )

    assert (hours.status_code, again.status_code, projector.status_code) == (201, 200, 201)
    body = hours.json()
    assert (body["amount"], body["commodity"], body["status"]) == ("6.50", "HOUR", "declared")
    assert body["transaction"] is None and body["provider"] == "declared"
    assert again.json()["id"] == body["id"]
    assert (projector.json()["amount"], projector.json()["commodity"]) == ("120.00", "EUR")
    assert Contribution.objects.count() == 2
    assert not Transaction.objects.exists()  # declared, not yet validated by a treasurer


def test_contribution_writes_are_refused_without_token_or_role(client, member, visitor):
    _user, token = member
    gift = {"amount": "10", "name": "Awa"}

    no_token = post(client, "/contributions", gift, **EN)
    member_records_money = post(client, "/contributions", gift, **token, **EN)
    no_role_declares = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "1", "description": "Aide"},
        **visitor,
        **EN,
    )

    assert no_token.status_code == 401 and no_token["WWW-Authenticate"] == "Bearer"
    assert member_records_money.status_code == no_role_declares.status_code == 403
    assert member_records_money.json()["error"]["message"] == "You are not allowed to do this."
    assert not Contribution.objects.exists()


def test_bad_contributions_are_refused_with_the_field_in_english(client, member, treasurer):
    _user, token = member

    comma = post(client, "/contributions", {"amount": "12,50", "name": "A"}, **treasurer, **EN)
    nobody = post(client, "/contributions", {"amount": "12"}, **treasurer, **EN)
    unknown_pledge = post(
        client, "/contributions", {"amount": "12", "pledge": "RF00 NOPE"}, **treasurer, **EN
    )
    unknown_user = post(
        client, "/contributions", {"amount": "12", "user": "ghost"}, **treasurer, **EN
    )
    nothing = post(client, "/contributions", {"amount": "0", "name": "A"}, **treasurer, **EN)
    for_someone = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "2", "description": "Aide", "user": "tresoriere"},
        **token,
        **EN,
    )
    no_description = post(
        client, "/contributions", {"kind": "in_kind", "amount": "20"}, **token, **EN
    )
    future = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "2", "description": "Aide", "date": days(3)},
        **token,
        **EN,
    )

    assert refusal(comma) == {"amount": "A number is expected."}
    assert refusal(nobody) == {"name": "Say who gives."}
    assert refusal(unknown_pledge) == {"pledge": "Unknown pledge reference: RF00 NOPE."}
    assert refusal(unknown_user) == {"user": "Unknown member: ghost."}
    assert refusal(nothing) == {"amount": "Give an amount above zero."}
    assert refusal(for_someone) == {
        "user": "Time and in-kind are declared by the giver, for themself."
    }
    assert refusal(no_description) == {"description": "Say what was given."}
    assert refusal(future) == {"date": "Declare what was already given."}
    assert not Contribution.objects.exists() and not Transaction.objects.exists()


# --- pledges -------------------------------------------------------------------------------------


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


# --- campaigns -----------------------------------------------------------------------------------


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
            {"title": {"fr": "Affiche", "en": "Poster"}, "amount": "30", "quantity": 1},
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


# --- rounds --------------------------------------------------------------------------------------


def a_round(**changes):
    body = {
        "slug": "abondement-2026",
        "title": {"fr": "Abondement 2026", "en": "Matching 2026"},
        "funder": builders.funder().slug,
        "pool": "10",
        "pool_fund": "plateforme",
        "pool_account": "Income:Grants:Institutional",
        "opens": days(-10),
        "closes": days(10),
        "cap_share": "0.9",
    }
    body.update(changes)
    return body


def test_a_treasurer_opens_a_round_whose_pool_reaches_the_books(client, treasurer):
    created = post(client, "/rounds", a_round(), **treasurer, **EN)
    project = post(
        client,
        f"/rounds/{created.json()['id']}/projects",
        {"fund": builders.fund().slug, "description": {"fr": "La fiesta"}},
        **treasurer,
        **EN,
    )
    listed = get(client, "/rounds", **EN).json()

    assert created.status_code == project.status_code == 201
    body = created.json()
    assert (body["label"], body["pool"], body["commodity"], body["cap_share"]) == (
        "Matching 2026",
        "10.00",
        "EUR",
        "0.9",
    )
    assert body["funder"] == {"slug": "metropole-de-lyon", "name": "Métropole de Lyon"}
    assert (body["status"], body["pool_fund"], body["projects"]) == ("open", "plateforme", [])
    assert project.json() == {
        "id": project.json()["id"],
        "fund": "fiesta-2026",
        "name": "fiesta-2026",
        "description": {"fr": "La fiesta"},
    }
    assert listed["items"][0]["projects"] == [project.json()]
    assert get(client, f"/rounds/{body['id']}", **EN).json() == listed["items"][0]
    pool = Transaction.objects.get()
    assert pool.is_posted and pool.counterparty.slug == "metropole-de-lyon"
    accounts = {p.account.code: p.amount_minor for p in pool.postings.all()}
    assert accounts == {"Assets:Bank:Current": 1000, "Income:Grants:Institutional": -1000}


def test_round_refusals(client, member, treasurer):
    _user, token = member
    round_ = builders.round_()

    bad_account = post(client, "/rounds", a_round(pool_account="Income:Sales"), **treasurer, **EN)
    unknown_funder = post(client, "/rounds", a_round(funder="nobody"), **treasurer, **EN)
    backwards = post(client, "/rounds", a_round(closes=days(-20)), **treasurer, **EN)
    too_big_cap = post(client, "/rounds", a_round(cap_share="2"), **treasurer, **EN)
    by_member = post(client, "/rounds", a_round(), **token)
    pool_fund = post(
        client, f"/rounds/{round_.pk}/projects", {"fund": "plateforme"}, **treasurer, **EN
    )
    project_by_member = post(
        client, f"/rounds/{round_.pk}/projects", {"fund": "plateforme"}, **token
    )
    missing = post(client, "/rounds/999/projects", {"fund": "plateforme"}, **treasurer)

    assert refusal(bad_account) == {"pool_account": "This value is not one of the allowed choices."}
    assert refusal(unknown_funder) == {"funder": "Unknown actor: nobody."}
    assert refusal(backwards) == {"closes": "A round closes after it opens."}
    assert refusal(too_big_cap) == {"cap_share": "The cap is a share above 0 and at most 1."}
    assert by_member.status_code == project_by_member.status_code == 403
    assert refusal(pool_fund) == {"fund": "A project receives into its own fund, not the pool's."}
    assert missing.status_code == 404
    assert Round.objects.count() == 1 and Transaction.objects.count() == 1


def gifts_path(round_) -> str:
    return f"/rounds/{round_.pk}/contributions"


def test_a_treasurer_records_round_gifts_from_verified_members_once(
    client, treasurer, member, make_user
):
    user, token = member
    round_ = builders.round_()
    project = services.round_project_add(round=round_, fund=builders.fund())
    gift = {"project": project.pk, "user": "awa", "amount": "10", "visibility": "amount"}
    key = {"HTTP_IDEMPOTENCY_KEY": "round-awa-1"}

    unverified = post(client, gifts_path(round_), gift, **treasurer, **EN)
    builders.verified(user)
    first = post(client, gifts_path(round_), gift, **treasurer, **key)
    again = post(client, gifts_path(round_), gift, **treasurer, **key)
    by_member = post(client, gifts_path(round_), gift, **token)
    other_project = post(client, gifts_path(round_), {**gift, "project": 999}, **treasurer, **EN)
    outside = post(client, gifts_path(round_), {**gift, "date": days(-30)}, **treasurer, **EN)

    assert refusal(unverified)["user"].startswith("Only verified member accounts")
    assert (first.status_code, again.status_code, by_member.status_code) == (201, 200, 403)
    assert first.json()["id"] == again.json()["id"]
    assert (first.json()["round_project"], first.json()["fund"]) == (project.pk, "fiesta-2026")
    assert refusal(other_project) == {"project": "Unknown project in this round: 999."}
    assert list(refusal(outside)) == ["date"]
    assert Transaction.objects.count() == 2  # the pool and one gift
    assert get(client, "/contributions").json()["items"][0]["name"] is None


def give_in_round(round_, project, people, amount, make_user, day=None):
    for name in people:
        user = make_user(name, roles=["member"])
        builders.verified(user)
        services.payment_record(
            amount=amount,
            date=day or today(),
            giver=Giver(user=user),
            round_project=project,
        )


def test_the_matching_shares_exactly_the_pool_when_ideals_exceed_it(client, make_user):
    round_ = builders.round_(pool="10", cap_share=Decimal("0.9"))
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    revue = services.round_project_add(round=round_, fund=builders.fund("revue-2026"))
    radio = services.round_project_add(round=round_, fund=builders.fund("radio-2026"))
    give_in_round(round_, fiesta, ["a", "b", "c", "d"], "10", make_user)
    give_in_round(round_, revue, ["e", "f"], "25", make_user)
    give_in_round(round_, radio, ["g"], "100", make_user)

    body = get(client, f"/rounds/{round_.pk}/matching", **EN).json()

    # Ideals: fiesta (4·√10)² − 40 = 120 €, revue (2·√25)² − 50 = 50 €: far above a 10 € pool.
    assert (body["estimate"], body["status"], body["pool"]) == (True, "open", "10.00")
    assert (body["matched"], body["unallocated"]) == ("10.00", "0.00")
    lines = {line["fund"]: line for line in body["projects"]}
    assert (lines["fiesta-2026"]["total"], lines["fiesta-2026"]["contributors"]) == ("40.00", 4)
    assert lines["fiesta-2026"]["match"] == "7.06" and lines["revue-2026"]["match"] == "2.94"
    assert lines["radio-2026"]["match"] == "0.00" and not lines["radio-2026"]["capped"]
    assert sum(Decimal(line["match"]) for line in body["projects"]) == Decimal("10.00")
    assert lines["fiesta-2026"]["explanation"].startswith("4 people gave")
    assert "one giver alone earns no match" in lines["radio-2026"]["explanation"]


def test_a_round_closes_once_with_final_figures_and_a_repeat_is_harmless(
    client, treasurer, make_user
):
    round_ = builders.round_(
        pool="100",
        opens=today() - datetime.timedelta(days=20),
        closes=today() - datetime.timedelta(days=1),
    )
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    give_in_round(round_, fiesta, ["a", "b"], "10", make_user, day=round_.opens)
    estimate = get(client, f"/rounds/{round_.pk}/matching").json()
    before = Transaction.objects.count()

    closed = post(client, f"/rounds/{round_.pk}/close", {}, **treasurer)
    after_close = Transaction.objects.count()
    again = post(client, f"/rounds/{round_.pk}/close", {}, **treasurer)
    final = get(client, f"/rounds/{round_.pk}/matching").json()

    assert closed.status_code == again.status_code == 200
    assert estimate["estimate"] and not closed.json()["estimate"]
    assert closed.json() == again.json() == final
    assert final["status"] == "closed" and final["projects"][0]["match"] == "100.00"
    assert after_close == before + 1  # one transfer for the one project with a match
    assert Transaction.objects.count() == after_close


def test_a_round_is_not_closed_before_its_last_day_nor_by_a_member(client, treasurer, member):
    _user, token = member
    round_ = builders.round_()

    early = post(client, f"/rounds/{round_.pk}/close", {}, **treasurer, **EN)
    by_member = post(client, f"/rounds/{round_.pk}/close", {}, **token)
    no_token = post(client, f"/rounds/{round_.pk}/close", {})

    assert refusal(early) == {"": f"This round counts gifts until {round_.closes}."}
    assert (by_member.status_code, no_token.status_code) == (403, 401)
    assert Round.objects.get().status == "open"


# --- the schema ----------------------------------------------------------------------------------


def test_the_openapi_schema_is_valid_and_documents_funding(client):
    schema = client.get(f"{API}/openapi.json").json()

    validate(schema)
    paths = schema["paths"]
    assert {
        f"{API}/contributions",
        f"{API}/pledges",
        f"{API}/campaigns",
        f"{API}/campaigns/{{campaign_id}}",
        f"{API}/campaigns/{{campaign_id}}/pledges",
        f"{API}/campaigns/{{campaign_id}}/close",
        f"{API}/rounds",
        f"{API}/rounds/{{round_id}}",
        f"{API}/rounds/{{round_id}}/projects",
        f"{API}/rounds/{{round_id}}/contributions",
        f"{API}/rounds/{{round_id}}/matching",
        f"{API}/rounds/{{round_id}}/close",
    } <= set(paths)
    for path, method in (
        ("/contributions", "post"),
        ("/pledges", "post"),
        ("/campaigns/{campaign_id}/pledges", "post"),
        ("/rounds/{round_id}/contributions", "post"),
    ):
        operation = paths[f"{API}{path}"][method]
        assert "Idempotency-Key" in [p["name"] for p in operation["parameters"]], path
        assert {"201", "200", "401", "403", "422"} <= set(operation["responses"]), path
    funding = [op for path, ops in paths.items() for op in ops.values() if "funding" in op["tags"]]
    assert len(funding) == 16
    assert all(op["summary"] and op.get("description", op["summary"]) for op in funding)
    components = schema["components"]["schemas"]
    amount = components["PledgeIn"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"]
    assert {"name", "visibility", "amount", "commodity"} <= set(
        components["ContributionOut"]["properties"]
    )
    assert {"match", "capped", "explanation"} <= set(components["MatchLineOut"]["properties"])
