"""The handover's pages and API: each step offered to its own people, taken from the web or with
a token, the same service behind both."""

import pytest

from remix.accounts.services import token_create
from remix.accounts.tests.clients import give_second_factor
from remix.ledger.models import Account
from remix.stewardship.models import Handover, Step
from remix.stewardship.tests.handover_world import BANK, proposed, world


@pytest.fixture
def the(make_user):
    return world(make_user)


def _bearer(user) -> dict:
    give_second_factor(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='test').raw}"}


def test_a_steward_proposes_a_handover_from_the_web(client, the):
    client.force_login(the.louise)
    form = client.get("/stewardship/handovers/new/").content.decode()
    assert "Porteur entrant" in form

    answer = client.post(
        "/stewardship/handovers/new/",
        {
            "term": the.outgoing_term.pk,
            "incoming": the.incoming.pk,
            "effective_date": "2026-07-01",
            "incoming_people": "yasmine",
            "from_account": Account.objects.get(code=BANK).pk,
            "to_account": the.new_bank.pk,
            "hours_per_month": "6",
        },
    )

    handover = Handover.objects.get()
    assert (
        answer.status_code == 302 and answer["Location"] == f"/stewardship/handovers/{handover.pk}/"
    )
    assert list(handover.incoming_people.all()) == [the.yasmine]


def test_a_member_with_no_charge_cannot_propose(client, the):
    client.force_login(the.yasmine)

    assert client.get("/stewardship/handovers/new/").status_code == 403


def test_the_next_step_is_offered_only_to_its_people(client, the):
    handover = proposed(the)
    url = f"/stewardship/handovers/{handover.pk}/"

    client.force_login(the.louise)
    assert "Enregistrer cette étape" not in client.get(url).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(the.yasmine)
    page = client.get(url).content.decode()
    assert "Enregistrer cette étape" in page
    assert "Dons réguliers" in page  # the checklist, from the data

    client.post(url)

    handover.refresh_from_db()
    assert handover.step == Step.ACCEPTED


def test_the_checklist_is_confirmed_from_the_web(client, the):
    handover = proposed(the)
    client.force_login(the.yasmine)
    client.post(f"/stewardship/handovers/{handover.pk}/")
    client.force_login(the.louise)

    client.post(f"/stewardship/handovers/{handover.pk}/", {"confirmed": ["archives"]})
    handover.refresh_from_db()
    assert handover.step == Step.ACCEPTED
    client.post(
        f"/stewardship/handovers/{handover.pk}/",
        {"confirmed": ["archives", "bank_mandate", "domain_hosting"]},
    )
    handover.refresh_from_db()
    assert handover.step == Step.CHECKED


def test_the_api_proposes_and_takes_steps_in_order(client, the):
    proposal = {
        "term": the.outgoing_term.pk,
        "incoming": the.incoming.slug,
        "effective_date": "2026-07-01",
        "incoming_people": ["yasmine"],
        "from_account": BANK,
        "to_account": "Assets:Bank:Communs",
    }
    made = client.post(
        "/api/v1/stewardship/handovers",
        proposal,
        content_type="application/json",
        **_bearer(the.louise),
    )
    assert made.status_code == 201, made.content
    steps = f"/api/v1/stewardship/handovers/{made.json()['id']}/steps"

    early = client.post(
        f"{steps}/transferred", {}, content_type="application/json", **_bearer(the.mateo)
    )
    accepted = client.post(
        f"{steps}/accepted", {}, content_type="application/json", **_bearer(the.yasmine)
    )

    assert early.status_code == 422
    assert "acceptée" in early.json()["error"]["fields"][0]["reason"]
    assert accepted.status_code == 200
    assert (accepted.json()["step"], accepted.json()["next_step"]) == ("accepted", "checked")
