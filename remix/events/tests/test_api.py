"""The events' API: a project's events listed by anyone and added by its managers; a token's
holder registers, registered or waiting with a position, once, safely retried."""

import pytest

from remix.api.tests.calls import EN, bearer, get, post, refusal
from remix.api.tests.lists import assert_list_cost_flat
from remix.catalogue.tests.builders import doc
from remix.events.models import Event, Registration
from remix.events.tests import builders

pytestmark = pytest.mark.django_db


def test_a_project_s_events_list_costs_the_same_at_any_length(client):
    project = builders.project()
    minutes = doc("Compte rendu")

    def rows(n):
        for index in range(n):
            event = builders.event(project, days=index + 1)
            event.documents.add(minutes)
        return set(Event.objects.filter(project=project).values_list("pk", flat=True))

    assert_list_cost_flat(
        client, "/projects/{project_id}/events", rows=rows, path_args={"project_id": project.pk}
    )


def test_a_manager_adds_the_monthly_call_and_a_member_may_not(client, make_user, api_token):
    project = builders.project("appel")
    steward, token = api_token(username="louise", roles=["member", "steward"])
    body = {
        "title": {"fr": "L'appel mensuel"},
        "starts": "2027-01-19T20:00:00+01:00",
        "ends": "2027-01-19T21:00:00+01:00",
        "time_zone": "Europe/Paris",
        "recurrence": "FREQ=MONTHLY;BYDAY=3TU",
        "online_url": "https://visio.example.org/appel",
        "contribution": "free_price",
        "amount": "5.00",
    }

    answer = post(client, f"/projects/{project.pk}/events", body, **bearer(token))

    assert answer.status_code == 201, answer.content
    assert answer.json()["recurrence"] == "FREQ=MONTHLY;BYDAY=3TU"
    assert answer.json()["amount"] == "5.00"
    listed = get(client, f"/projects/{project.pk}/events").json()
    assert [item["title"]["fr"] for item in listed["items"]] == ["L'appel mensuel"]
    _member, member_token = api_token(username="amina", roles=["member"])
    # The permission is asked before the body is read.
    assert (
        post(client, f"/projects/{project.pk}/events", {}, **bearer(member_token)).status_code
        == 403
    )
    assert (
        post(client, f"/projects/{project.pk}/events", body, **bearer(member_token)).status_code
        == 403
    )
    wrong = post(
        client,
        f"/projects/{project.pk}/events",
        {**body, "recurrence": "FREQ=SECONDLY"},
        **bearer(token),
        **EN,
    )
    assert "recurrence" in refusal(wrong)


def test_registering_answers_registered_or_waiting_with_its_position_once(client, api_token):
    event = builders.event(capacity=1)
    _first, first_token = api_token(username="amina", roles=["member"])
    _second, second_token = api_token(username="camille", roles=["member"])

    held = post(client, f"/events/{event.pk}/registrations", {}, **bearer(first_token))
    key = {"HTTP_IDEMPOTENCY_KEY": "inscription-1"}
    waiting = post(client, f"/events/{event.pk}/registrations", {}, **bearer(second_token), **key)
    again = post(client, f"/events/{event.pk}/registrations", {}, **bearer(second_token), **key)
    twice = post(client, f"/events/{event.pk}/registrations", {}, **bearer(first_token), **EN)

    assert held.status_code == 201 and held.json()["status"] == "registered"
    assert waiting.status_code == 201
    assert (waiting.json()["status"], waiting.json()["position"]) == ("waiting", 1)
    assert again.status_code == 200 and again.json()["id"] == waiting.json()["id"]
    assert refusal(twice) == {"email": "You are already registered for this date."}
    assert Registration.objects.filter(event=event).count() == 2
    assert post(client, f"/events/{event.pk}/registrations", {}).status_code == 401
