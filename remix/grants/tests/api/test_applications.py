"""The funding search's API: the applications, who sees which, and answering an opportunity
once whatever the retries."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.grants import services
from remix.grants.models import Application
from remix.grants.tests import builders
from remix.grants.tests.api.calls import (
    API,
    EN,
    at_stage,
    bearer,
    get,
    ids,
    new_application,
    post,
    refusal,
)

pytestmark = pytest.mark.django_db


def test_before_the_decision_applications_are_the_members_and_granted_ones_are_public(
    client, member, treasurer, visitor
):
    user, token = member
    drafting = at_stage("drafting", owner=user)
    refused = services.application_stage(
        application=at_stage("submitted", owner=user), to="refused", recorder=user
    )
    granted = at_stage("granted", owner=user, granter=treasurer[0])

    public = get(client, "/applications")
    as_visitor = get(client, "/applications", **visitor)
    as_member = get(client, "/applications", **token)

    assert ids(public) == ids(as_visitor) == [granted.pk]
    assert ids(as_member) == [granted.pk, refused.pk, drafting.pk]  # newest first
    shown = public.json()["items"][0]
    assert shown["stage"] == "granted" and shown["public"] is True
    assert (shown["amount_requested"], shown["amount_granted"], shown["withheld"]) == (
        "6000.00",
        "6000.00",
        "1200.00",
    )
    assert shown["owner"] is None  # who is in charge is the members' business
    assert as_member.json()["items"][0]["owner"] == "awa"
    for private in (drafting, refused):
        assert get(client, f"/applications/{private.pk}", **EN).status_code == 404
        assert get(client, f"/applications/{private.pk}", **visitor).status_code == 404
        assert get(client, f"/applications/{private.pk}/plan-check").status_code == 404
        assert get(client, f"/applications/{private.pk}", **token).status_code == 200
    detail = get(client, f"/applications/{granted.pk}").json()
    assert [event["to_stage"] for event in detail["events"]] == [
        "spotted",
        "qualified",
        "drafting",
        "submitted",
        "granted",
    ]
    assert {event["by"] for event in detail["events"]} == {None}
    assert detail["outstanding"] == "6000.00" and detail["receivable"] == granted.receivable_id
    assert [line["amount"] for line in detail["plan"]][:2] == ["6000.00", "4000.00"]
    by_member = get(client, f"/applications/{granted.pk}", **token).json()
    assert {event["by"] for event in by_member["events"]} == {"awa", "mateo"}


def test_applications_filter_by_stage_fund_and_opportunity(client, member):
    user, token = member
    call = builders.opportunity(title="Autre appel")
    drafting = at_stage("drafting", owner=user)
    other = at_stage("spotted", owner=user, opportunity=call, fund=builders.fund("revue"))

    def found(**query):
        return ids(client.get(f"{API}/applications", query, **token))

    assert found(stage="drafting") == [drafting.pk]
    assert found(fund="revue") == [other.pk]
    assert found(opportunity=call.pk) == [other.pk]
    assert refusal(client.get(f"{API}/applications", {"fund": "nope"}, **token, **EN)) == {
        "fund": "Unknown fund: nope."
    }


def test_a_member_answers_an_opportunity_with_its_plan_once_whatever_the_retries(
    client, member, api_token
):
    user, token = member
    call = builders.opportunity()
    builders.fund()
    key = {"HTTP_IDEMPOTENCY_KEY": "appel-ess-fiesta"}

    first = post(client, "/applications", new_application(call), **token, **key)
    again = post(client, "/applications", new_application(call), **token, **key)
    _other, raw = api_token(username="binta", roles=["member"])
    someone_else = post(client, "/applications", new_application(call), **bearer(raw), **key)

    assert (first.status_code, again.status_code, someone_else.status_code) == (201, 200, 201)
    body = first.json()
    assert again.json() == body  # the first application, as it was
    assert (body["stage"], body["owner"], body["amount_requested"]) == ("spotted", "awa", "6000.00")
    assert [(line["kind"], line["amount"], line["source"]) for line in body["plan"]] == [
        ("cost", "6000.00", None),
        ("cost", "4000.00", None),
        ("funding", "6000.00", "this_grant"),
        ("funding", "2500.00", "other_grant"),
        ("funding", "1500.00", "own"),
    ]
    assert Application.objects.count() == 2
    assert Application.objects.get(pk=body["id"]).owner == user


def test_a_member_may_name_another_member_as_owner_and_the_plan_may_wait(client, member, make_user):
    _user, token = member
    binta = make_user("binta", roles=["member"])

    created = post(
        client,
        "/applications",
        {"opportunity": builders.opportunity().pk, "fund": builders.fund().slug, "owner": "binta"},
        **token,
    )

    assert created.status_code == 201, created.content
    assert created.json()["owner"] == "binta" and created.json()["plan"] == []
    assert created.json()["amount_requested"] is None
    assert Application.objects.get().owner == binta


def test_application_writes_are_refused_without_token_role_or_good_fields(
    client, member, visitor, make_user
):
    _user, token = member
    call = builders.opportunity()
    builders.fund()
    make_user("ancien")  # an account, not a member
    role_revoke(user=make_user("parti"), role=Role.MEMBER, recorder=None)

    def refused(**change):
        return refusal(
            post(client, "/applications", new_application(call, **change), **token, **EN)
        )

    no_token = post(client, "/applications", new_application(call), **EN)
    no_role = post(client, "/applications", new_application(call), **visitor, **EN)
    unbalanced_source = [*builders.PLAN[:2], {**builders.PLAN[2], "source": None}]

    assert no_token.status_code == 401 and no_role.status_code == 403
    assert refused(opportunity=999999) == {"opportunity": "Unknown opportunity: 999999."}
    assert refused(fund="nope") == {"fund": "Unknown fund: nope."}
    assert refused(owner="parti") == {"owner": "Unknown member: parti."}
    assert refused(amount_requested="0") == {"amount_requested": "Give an amount above zero."}
    assert refused(plan=unbalanced_source) == {
        "plan.2.source": "Say where this funding comes from."
    }
    assert refused(plan=[{**builders.PLAN[0], "amount": "6 000"}]) == {
        "plan.0.amount": "A number is expected."
    }
    assert refused(plan=[{**builders.PLAN[0], "kind": "gift"}]) == {
        "plan.0.kind": "This value is not one of the allowed choices."
    }
    assert not Application.objects.exists()


# --- retries -------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_parallel_retries_with_one_key_create_one_application(member, monkeypatch):
    """The first retry has created its application but not committed when the second arrives:
    the second waits for the caller's lock, then answers with the first application."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database locks whole tables between threads and fails "
            "instead of waiting; the race is proven on PostgreSQL."
        )
    _user, token = member
    call = builders.opportunity()
    builders.fund()
    written, go_on = threading.Event(), threading.Event()
    real_audit = services.applications.audit_record

    def audit_then_hold(**kwargs):
        real_audit(**kwargs)
        if threading.current_thread().name == "first" and kwargs["action"] == "grants.plan.set":
            written.set()
            go_on.wait(timeout=10)

    monkeypatch.setattr(services.applications, "audit_record", audit_then_hold)
    answers = {}

    def send():
        try:
            answers[threading.current_thread().name] = post(
                Client(), "/applications", new_application(call), **token, HTTP_IDEMPOTENCY_KEY="r1"
            )
        finally:
            connection.close()

    first = threading.Thread(target=send, name="first")
    second = threading.Thread(target=send, name="second")
    first.start()
    assert written.wait(timeout=10)
    second.start()
    time.sleep(0.5)  # the second retry reaches the caller's lock and waits there
    go_on.set()
    first.join()
    second.join()

    assert (answers["first"].status_code, answers["second"].status_code) == (201, 200)
    assert answers["first"].json()["id"] == answers["second"].json()["id"]
    assert Application.objects.count() == 1
