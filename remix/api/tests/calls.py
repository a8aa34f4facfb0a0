"""How API tests call the API: JSON in and out, a bearer token, a refusal read as
``{field: reason}``. The apps' API tests import these."""

import json

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
