"""What the funding search's API tests share: requests with a token, the refusals read as
{field: reason}, and applications built through the services up to a stage."""

import datetime

from remix.api.tests.calls import API, EN, bearer, get, post, refusal
from remix.grants import services
from remix.grants.models import Application
from remix.grants.tests import builders

__all__ = ["API", "EN", "at_stage", "bearer", "get", "ids", "new_application", "post", "refusal"]


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
