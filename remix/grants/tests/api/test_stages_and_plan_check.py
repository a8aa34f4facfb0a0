"""The funding search's API: moving an application along the pipeline, the grant owed in the
books, and the plan check."""

import pytest

from remix.grants import services
from remix.grants.models import Application, Stage
from remix.grants.tests import builders
from remix.grants.tests.api.calls import (
    EN,
    at_stage,
    get,
    post,
    refusal,
)
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


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
