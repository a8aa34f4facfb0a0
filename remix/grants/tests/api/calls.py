"""What the funding search's API tests share: requests with a token, the refusals read as
{field: reason}, and applications built through the services up to a stage."""

import datetime
import json

from remix.grants import services
from remix.grants.models import Application
from remix.grants.tests import builders

API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


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


def new_application(call, /, **extra) -> dict:
    return {
        "opportunity": call.pk,
        "fund": "fiesta-2026",
        "amount_requested": "6000",
        "plan": builders.PLAN,
        **extra,
    }
