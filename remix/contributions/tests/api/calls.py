"""How the funding API's tests call it: JSON in and out, a bearer token, a refusal as
``{field: reason}``, days counted from today."""

import datetime
import json

from django.utils import timezone

API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> str:
    return (today() + datetime.timedelta(days=n)).isoformat()


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
