"""Bad query parameters, said in the reader's language, and the OpenAPI document."""

import pytest
from openapi_spec_validator import validate

from remix.ledger.tests.api import API

# --- bad parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field", "reason"),
    [
        ("trial-balance?fund=ghost", "fund", "Unknown fund: ghost."),
        ("sustainability?fund=ghost", "fund", "Unknown fund: ghost."),
        ("transactions?fund=ghost", "fund", "Unknown fund: ghost."),
        (
            "sustainability?period=2026-13",
            "period",
            "2026-13 is not a period: write 2026, 2026-Q3 or 2026-10.",
        ),
        (
            "transactions?period=2026-13",
            "period",
            "2026-13 is not a period: write 2026, 2026-Q3 or 2026-10.",
        ),
        ("trial-balance?on=2026-02-30", "on", "A date is expected (YYYY-MM-DD)."),
        ("transactions?status=lost", "status", "This value is not one of the allowed choices."),
    ],
)
def test_bad_query_parameters_are_422_in_the_readers_language(client, ledger, path, field, reason):
    english = client.get(f"{API}/{path}", HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(f"{API}/{path}", HTTP_ACCEPT_LANGUAGE="fr")

    assert english.status_code == french.status_code == 422
    error = english.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "The request is not valid."
    assert [(item["field"], item["reason"]) for item in error["fields"]] == [(field, reason)]
    assert french.json()["error"]["message"] != error["message"]


def test_the_openapi_schema_is_valid_and_documents_the_ledger(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    validate(schema)
    paths = schema["paths"]
    assert {
        "/api/v1/ledger/accounts",
        "/api/v1/ledger/funds",
        "/api/v1/ledger/transactions",
        "/api/v1/ledger/transactions/{transaction_id}",
        "/api/v1/ledger/transactions/{transaction_id}/post",
        "/api/v1/ledger/transactions/{transaction_id}/reverse",
        "/api/v1/ledger/trial-balance",
        "/api/v1/ledger/sustainability",
    } <= set(paths)
    create = paths["/api/v1/ledger/transactions"]["post"]
    assert create["tags"] == ["ledger"] and create["summary"]
    assert "Idempotency-Key" in [parameter["name"] for parameter in create["parameters"]]
    assert {"201", "200", "401", "403", "422"} <= set(create["responses"])
    amount = schema["components"]["schemas"]["PostingIn"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"]
    for path, operations in paths.items():
        if path.startswith("/api/v1/ledger/"):
            assert all(operation["summary"] for operation in operations.values()), path
