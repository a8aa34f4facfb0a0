"""The funding search's API: its part of the OpenAPI document, and what a page of a list costs."""

import pytest
from openapi_spec_validator import validate

from remix.allies.models import Theme
from remix.grants.tests import builders
from remix.grants.tests.api.calls import (
    API,
    at_stage,
    get,
)

pytestmark = pytest.mark.django_db


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
    ours = [op for ops in paths.values() for op in ops.values() if "grants" in op["tags"]]
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
