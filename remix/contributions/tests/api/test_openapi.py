"""The funding API's OpenAPI document."""

import pytest
from openapi_spec_validator import validate

from remix.contributions.tests.api.calls import API

pytestmark = pytest.mark.django_db


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
    funding = [
        op for path, ops in paths.items() for op in ops.values() if "contributions" in op["tags"]
    ]
    assert len(funding) == 16
    assert all(op["summary"] and op.get("description", op["summary"]) for op in funding)
    components = schema["components"]["schemas"]
    amount = components["PledgeIn"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"]
    assert {"name", "visibility", "amount", "commodity"} <= set(
        components["ContributionOut"]["properties"]
    )
    assert {"match", "capped", "explanation"} <= set(components["MatchLineOut"]["properties"])
