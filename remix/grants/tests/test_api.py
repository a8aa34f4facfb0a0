"""The funding search's API: opportunities, applications, their stages and the plan check."""

import datetime
import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from openapi_spec_validator import validate

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.allies.models import Actor, Theme
from remix.core.models import AuditEvent
from remix.grants import services
from remix.grants.models import Application, Funder, Opportunity, Stage
from remix.grants.tests import builders
from remix.ledger.models import Transaction

API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

pytestmark = pytest.mark.django_db


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


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def member(api_token):
    """Awa, a member coordinating the fiesta's funding, and her token."""
    user, raw = api_token(username="awa", roles=["member"])
    return user, bearer(raw)


@pytest.fixture
def treasurer(api_token):
    """Mateo keeps the books: he records the funder's decisions."""
    user, raw = api_token(username="mateo", roles=["member", "treasurer"])
    return user, bearer(raw)


@pytest.fixture
def visitor(api_token):
    """An account without the member role: a signed-up person whose membership was removed."""
    user, raw = api_token(username="visiteur")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    return bearer(raw)


def at_stage(stage: str, *, owner=None, opportunity=None, fund=None, granter=None) -> Application:
    """An application moved through the services up to ``stage`` (granted: 6 000 €)."""
    application = services.application_create(
        opportunity=opportunity or builders.opportunity(),
        fund=fund or builders.fund(),
        owner=owner,
        amount_requested="6000",
        recorder=owner,
    )
    services.plan_set(application=application, lines=builders.PLAN)
    path = ["qualified", "drafting", "submitted", "granted", "reporting"]
    for step in path[: path.index(stage) + 1] if stage != "spotted" else []:
        application = services.application_stage(
            application=application,
            to=step,
            amount_granted="6000",
            decided_on=datetime.date(2026, 11, 2),
            # granting is a treasurer's decision (None: the platform's, as a fixture)
            recorder=granter if step == "granted" else owner,
        )
    return application


# --- opportunities -------------------------------------------------------------------------------


def test_opportunities_are_public_soonest_deadline_first_with_funder_amounts_rules_and_dates(
    client,
):
    theme = Theme.objects.create(code="numerique", labels={"fr": "Numérique", "en": "Digital"})
    fiesta = builders.fund()
    later = builders.opportunity(title="Fondation des communs", days=60)
    rolling = builders.opportunity(title="Mécénat au fil de l'eau", deadline=None)
    soon = builders.opportunity(
        title="Appel ESS 2027",
        days=10,
        amount_min_minor=500000,
        amount_max_minor=2000000,
        territory="Auvergne-Rhône-Alpes",
        beneficiary_types=["association", "scic"],
        volunteer_time_counts=True,
        themes=[theme],
        funds=[fiesta],
        opens_on=datetime.date(2026, 9, 1),
    )

    listed = get(client, "/opportunities", **EN)

    assert ids(listed) == [soon.pk, later.pk, rolling.pk]  # no deadline: last
    first = listed.json()["items"][0]
    assert first["funder"] == {
        "id": soon.funder.pk,
        "actor": "région-auvergne-rhône-alpes",
        "name": "Région Auvergne-Rhône-Alpes",
        "kind": "local_authority",
        "public": True,
    }
    assert (first["commodity"], first["amount_min"], first["amount_max"]) == (
        "EUR",
        "5000.00",
        "20000.00",
    )
    assert first["amount_typical"] is None
    assert first["rules"] == {
        "max_share": "0.6",
        "withheld_share": "0.2",
        "volunteer_time_counts": True,
    }
    assert first["eligibility"] == {
        "beneficiary_types": ["association", "scic"],
        "territory": "Auvergne-Rhône-Alpes",
    }
    assert first["themes"] == [{"code": "numerique", "label": "Digital"}]
    assert first["funds"] == [{"slug": "fiesta-2026", "label": "fiesta-2026"}]
    assert first["opens_on"] == "2026-09-01" and first["open"] is True
    deadline = datetime.datetime.fromisoformat(first["deadline"])
    assert abs(deadline - soon.deadline) < datetime.timedelta(milliseconds=1)  # JSON keeps ms
    assert first["deadline"].endswith(("+01:00", "+02:00"))  # Paris time, with its offset
    one = get(client, f"/opportunities/{soon.pk}", **EN)
    assert one.status_code == 200 and one.json() == first
    assert get(client, "/opportunities/999999", **EN).status_code == 404


def test_opportunities_filter_by_kind_funder_territory_theme_fund_deadline_and_open(client):
    theme = Theme.objects.create(code="ess", labels={"fr": "ESS"})
    foundation = builders.funder("Fondation Abeille", kind="foundation")
    fiesta = builders.fund()
    region = builders.opportunity(
        title="Région", days=20, territory="FR", themes=[theme], funds=[fiesta]
    )
    prize = builders.opportunity(title="Prix", days=40, kind="prize", funder=foundation)
    past = builders.opportunity(title="Passé", days=-3, territory="fr")
    day = timezone.localdate() + datetime.timedelta(days=20)

    def found(**query):
        return ids(client.get(f"{API}/opportunities", query))

    assert found(kind="prize") == [prize.pk]
    assert found(funder_kind="foundation") == [prize.pk]
    # Any case; those open anywhere fit every territory, as on the search page.
    assert found(territory="FR") == [past.pk, region.pk, prize.pk]
    assert found(territory="SN") == [prize.pk]
    assert found(theme="ess") == [region.pk]
    assert found(fund="fiesta-2026") == [region.pk]
    assert found(deadline_after=day.isoformat()) == [region.pk, prize.pk]
    assert found(deadline_before=day.isoformat()) == [past.pk, region.pk]
    assert found(deadline_after=day.isoformat(), deadline_before=day.isoformat()) == [region.pk]
    assert found(open="true") == [region.pk, prize.pk]
    assert found(open="false") == [past.pk]
    unknown = client.get(f"{API}/opportunities", {"fund": "nope", "theme": "ess"}, **EN)
    assert refusal(unknown) == {"fund": "Unknown fund: nope."}
    assert refusal(client.get(f"{API}/opportunities", {"theme": "nope"}, **EN)) == {
        "theme": "Unknown theme: nope."
    }
    assert refusal(client.get(f"{API}/opportunities", {"kind": "lottery"}, **EN)) == {
        "kind": "This value is not one of the allowed choices."
    }


OPPORTUNITY = {
    "funder": "fondation-abeille",
    "funder_kind": "foundation",
    "title": "Appel à communs numériques 2027",
    "url": "https://example.org/appel",
    "kind": "call_commons",
    "amount_min": "5000",
    "amount_max": "20000.00",
    "max_share": "0.6",
    "withheld_share": "0.2",
    "volunteer_time_counts": True,
    "beneficiary_types": ["association"],
    "territory": "FR",
    "themes": ["numerique"],
    "funds": ["fiesta-2026"],
    "deadline": "2027-03-15T12:00:00+01:00",
    "decision_on": "2027-05-30",
    "recurrence": "yearly",
    "notes": "Un **dossier** court.",
}


@pytest.fixture
def abeille():
    Theme.objects.create(code="numerique", labels={"fr": "Numérique"})
    builders.fund()
    return Actor.objects.create(name="Fondation Abeille", slug="fondation-abeille", kind="funder")


def test_a_member_adds_an_opportunity_and_an_actor_becomes_its_funder(client, member, abeille):
    user, token = member

    created = post(client, "/opportunities", OPPORTUNITY, **token)
    again = post(
        client,
        "/opportunities",
        {**OPPORTUNITY, "funder_kind": None, "title": "Appel 2028"},
        **token,
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["slug"] == "appel-a-communs-numeriques-2027"
    assert body["funder"]["kind"] == "foundation" and body["funder"]["public"] is False
    assert (body["amount_min"], body["amount_max"]) == ("5000.00", "20000.00")
    assert body["rules"]["max_share"] == "0.6" and body["recurrence"] == "yearly"
    assert body["themes"][0]["code"] == "numerique" and body["funds"][0]["slug"] == "fiesta-2026"
    assert datetime.datetime.fromisoformat(body["deadline"]) == datetime.datetime(
        2027, 3, 15, 11, tzinfo=datetime.UTC
    )
    assert again.status_code == 201, again.content  # the actor is a funder now: no kind needed
    assert Funder.objects.get().kind == "foundation"
    saved = Opportunity.objects.get(pk=body["id"])
    assert (saved.amount_min_minor, saved.created_by) == (500000, user)
    assert (
        AuditEvent.objects.filter(action="grants.opportunity.created", recorder=user).count() == 2
    )


def test_opportunity_writes_are_refused_without_token_role_or_good_fields(
    client, member, visitor, abeille
):
    _user, token = member

    def refused(**change):
        return refusal(post(client, "/opportunities", {**OPPORTUNITY, **change}, **token, **EN))

    no_token = post(client, "/opportunities", OPPORTUNITY, **EN)
    no_role = post(client, "/opportunities", OPPORTUNITY, **visitor, **EN)

    assert no_token.status_code == 401 and no_token["WWW-Authenticate"] == "Bearer"
    assert no_role.status_code == 403
    assert no_role.json()["error"]["message"] == "You are not allowed to do this."
    assert refused(funder="nobody") == {"funder": "Unknown actor: nobody."}
    assert refused(funder_kind=None) == {
        "funder_kind": "Say what kind of funder Fondation Abeille is."
    }
    assert refused(amount_min="5000,50") == {"amount_min": "A number is expected."}
    assert refused(amount_min="12.345") == {
        "amount_min": "12.345 is not an amount in EUR (at most 2 decimals)."
    }
    assert refused(amount_min="30000") == {"amount_max": "The maximum is below the minimum."}
    assert refused(commodity="ZZZ") == {"commodity": "Unknown currency: ZZZ."}
    assert refused(commodity="HOUR") == {"commodity": "This text is too long."}
    assert refused(max_share="1.5") == {"max_share": "A share above 0 and at most 1: 0.6 for 60 %."}
    assert refused(themes=["nope"]) == {"themes": "Unknown theme: nope."}
    assert refused(funds=["nope"]) == {"funds": "Unknown fund: nope."}
    assert refused(title="") == {"title": "This text is too short."}
    assert refused(kind="lottery") == {"kind": "This value is not one of the allowed choices."}
    assert not Opportunity.objects.exists() and not Funder.objects.exists()


# --- applications --------------------------------------------------------------------------------


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


def new_application(call, /, **extra) -> dict:
    return {
        "opportunity": call.pk,
        "fund": "fiesta-2026",
        "amount_requested": "6000",
        "plan": builders.PLAN,
        **extra,
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


# --- stages --------------------------------------------------------------------------------------


def test_a_member_submits_a_treasurer_grants_and_the_grant_is_owed_in_the_books(
    client, member, treasurer
):
    user, token = member
    application = at_stage("drafting", owner=user)

    def move(stage, token=token, **body):
        return post(
            client, f"/applications/{application.pk}/stage", {"stage": stage, **body}, **token
        )

    submitted = move("submitted", note="Envoyé par le portail")
    # the probe: a member granted 99,999,999 € and a posted transaction reached the budget
    refused = move("granted", amount_granted="99999999", decided_on="2026-11-02")
    assert refused.status_code == 403, refused.content
    assert refused.json()["error"]["code"] == "forbidden"
    assert not Transaction.objects.exists()
    granted = move(
        "granted",
        amount_granted="6000",
        decided_on="2026-11-02",
        reasons="Retenu",
        token=treasurer[1],
    )
    repeated = move("granted", amount_granted="6000", token=treasurer[1])

    assert submitted.status_code == 200 and submitted.json()["stage"] == "submitted"
    assert submitted.json()["events"][-1]["note"] == "Envoyé par le portail"
    assert granted.status_code == 200, granted.content
    body = granted.json()
    assert (body["stage"], body["amount_granted"], body["withheld"]) == (
        "granted",
        "6000.00",
        "1200.00",
    )
    assert body["decided_on"] == "2026-11-02" and body["decision_reasons"] == "Retenu"
    receivable = Transaction.objects.get(pk=body["receivable"])
    assert receivable.external_key == f"grant:{application.pk}"
    assert repeated.status_code == 200 and repeated.json()["receivable"] == body["receivable"]
    assert Transaction.objects.count() == 1
    public = get(client, f"/applications/{application.pk}")  # public now, with its amounts
    assert public.status_code == 200
    assert (public.json()["amount_granted"], public.json()["decision_reasons"]) == ("6000.00", "")


def test_a_refused_move_is_a_422_with_the_reason_in_english(client, member, treasurer, visitor):
    user, token = member
    token = treasurer[1]  # granting is the treasurer's: the reasons are theirs to read
    spotted = at_stage("spotted", owner=user)
    submitted = at_stage("submitted", owner=user)
    over_cap = at_stage("qualified", owner=user, opportunity=builders.opportunity(max_share="0.5"))
    services.application_stage(application=over_cap, to="drafting")

    def move(application, stage, **body):
        return post(
            client,
            f"/applications/{application.pk}/stage",
            {"stage": stage, **body},
            **token,
            **EN,
        )

    assert refusal(move(spotted, "granted")) == {
        "stage": "An application cannot go from « spotted » to « granted »."
    }
    assert refusal(move(submitted, "granted")) == {"amount_granted": "Say how much was granted."}
    assert refusal(move(submitted, "granted", amount_granted="-5")) == {
        "amount_granted": "A number is expected."
    }
    assert refusal(move(over_cap, "submitted")) == {
        "stage": "This grant would be €6,000.00, but the funder covers at most €5,000.00 of "
        "this total cost: €1,000.00 too much."
    }
    assert refusal(move(spotted, "won")) == {
        "stage": "This value is not one of the allowed choices."
    }
    assert post(
        client, f"/applications/{spotted.pk}/stage", {"stage": "qualified"}
    ).status_code == (401)
    forbidden = post(
        client, f"/applications/{spotted.pk}/stage", {"stage": "qualified"}, **visitor, **EN
    )
    assert forbidden.status_code == 403
    assert move(Application(pk=999999), "qualified").status_code == 404
    spotted.refresh_from_db()
    assert spotted.stage == Stage.SPOTTED and not Transaction.objects.exists()


# --- the plan check ------------------------------------------------------------------------------


def test_the_plan_check_of_a_plan_over_the_60_percent_cap(client, member):
    user, token = member
    application = services.application_create(
        opportunity=builders.opportunity(max_share="0.6", withheld="0.2"),
        fund=builders.fund(),
        owner=user,
        amount_requested="7000",
    )
    services.plan_set(
        application=application,
        lines=[
            {"kind": "cost", "label": "Salle et technique", "amount": "6000"},
            {"kind": "cost", "label": "Défraiements", "amount": "4000"},
            {"kind": "cost", "label": "Bénévolat valorisé", "amount": "500", "volunteer": True},
            {
                "kind": "funding",
                "label": "Cette subvention",
                "amount": "7000",
                "source": "this_grant",
            },
            {"kind": "funding", "label": "Fonds propres", "amount": "3000", "source": "own"},
        ],
    )

    checked = get(client, f"/applications/{application.pk}/plan-check", **token, **EN)

    assert checked.status_code == 200, checked.content
    assert checked.json() == {
        "application": application.pk,
        "commodity": "EUR",
        "total_cost": "10000.00",
        "total_funding": "10000.00",
        "grant": "7000.00",
        "max_share": "0.6",
        "cap": "6000.00",
        "grant_share": "0.7",
        "withheld_share": "0.2",
        "withheld": "1400.00",
        "volunteer_time_counts": False,
        "volunteer_excluded": "500.00",
        "ok": False,
        "breaches": [
            {
                "code": "over_cap",
                "amount": "1000.00",
                "limit": "6000.00",
                "actual": "7000.00",
                "message": "This grant would be €7,000.00, but the funder covers at most "
                "€6,000.00 of this total cost: €1,000.00 too much.",
            }
        ],
    }
    in_french = get(client, f"/applications/{application.pk}/plan-check", **token)
    assert "7\u202f000,00\xa0€" in in_french.json()["breaches"][0]["message"]


def test_the_plan_check_of_a_granted_application_is_public(client):
    granted = at_stage("granted")

    checked = get(client, f"/applications/{granted.pk}/plan-check")

    assert checked.status_code == 200
    assert (checked.json()["ok"], checked.json()["grant_share"]) == (True, "0.6")
    assert get(client, "/applications/999999/plan-check").status_code == 404


# --- retries and the schema ----------------------------------------------------------------------


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


def test_the_openapi_schema_is_valid_and_documents_the_funding_search(client):
    schema = client.get(f"{API}/openapi.json").json()

    validate(schema)
    paths = schema["paths"]
    assert {
        f"{API}/opportunities",
        f"{API}/opportunities/{{opportunity_id}}",
        f"{API}/applications",
        f"{API}/applications/{{application_id}}",
        f"{API}/applications/{{application_id}}/stage",
        f"{API}/applications/{{application_id}}/plan-check",
    } <= set(paths)
    operation = paths[f"{API}/applications"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in operation["parameters"]]
    assert {"201", "200", "401", "403", "422"} <= set(operation["responses"])
    ours = [op for ops in paths.values() for op in ops.values() if "funding search" in op["tags"]]
    assert len(ours) == 8
    assert all(op["summary"] and op.get("description", op["summary"]) for op in ours)
    components = schema["components"]["schemas"]
    amount = components["ApplicationIn"]["properties"]["amount_requested"]
    assert amount["anyOf"][0]["type"] == "string" and amount["anyOf"][0]["pattern"]
    assert {"funder", "rules", "eligibility", "deadline", "themes", "funds"} <= set(
        components["OpportunityOut"]["properties"]
    )
    assert {"cap", "grant_share", "withheld", "breaches"} <= set(
        components["PlanCheckOut"]["properties"]
    )
    assert "FunderOut" in components  # the matching rounds' own, not overwritten by ours
    assert "slug" in components["FunderOut"]["properties"]


def test_the_lists_read_a_page_in_a_few_queries_whoever_asks(
    client, member, django_assert_max_num_queries
):
    user, token = member
    theme = Theme.objects.create(code="ess", labels={"fr": "ESS"})
    for n in range(12):
        call = builders.opportunity(title=f"Appel {n}", days=n + 1, themes=[theme])
        at_stage("granted" if n % 2 else "drafting", owner=user, opportunity=call)

    with django_assert_max_num_queries(5):
        calls = get(client, "/opportunities")
    with django_assert_max_num_queries(2):
        public = get(client, "/applications")
    with django_assert_max_num_queries(6):
        everything = get(client, "/applications", **token)

    assert calls.json()["count"] == 12
    assert (public.json()["count"], everything.json()["count"]) == (6, 12)
