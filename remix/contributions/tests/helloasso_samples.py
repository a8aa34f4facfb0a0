"""HelloAsso's exchanges written from its reference (``samples/helloasso/README.md``), with the
reference of a pledge made in the test put where HelloAsso keeps the checkout's metadata."""

import json
from pathlib import Path

from remix.testutils.replay import ReplayServer

FOLDER = Path(__file__).parent / "samples" / "helloasso"
PLACEHOLDER = "RF_PLEDGE_REFERENCE"
ORGANIZATION = "association-remix"
INTENT = "75698555"
PAYMENT = "15222"


def _text(name: str, reference: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8").replace(PLACEHOLDER, reference)


def exchanges(*names: str, reference: str = "") -> list[dict]:
    """The recorded exchanges of the named files, in that order."""
    found = []
    for name in names:
        found += json.loads(_text(f"{name}.json", reference))
    return found


def answer(method: str, path: str, *, status: int = 200, body=None) -> dict:
    """One more exchange, for what no sample records (an error, a second token)."""
    return {
        "request": {"method": method, "path": path},
        "response": {"status": status, "body": body},
    }


def replay(*names: str, reference: str = "", strict: bool = True) -> ReplayServer:
    return ReplayServer(exchanges(*names, reference=reference), strict=strict)


def notification(kind: str, *, reference: str = "", **changes) -> dict:
    """The body HelloAsso posts for the sample checkout (``kind``: "order" or "payment")."""
    body = json.loads(_text(f"notification-{kind}.json", reference))
    body.update(changes)
    return body


def configure(settings, server: ReplayServer, *, signature_key: str = "") -> None:
    settings.REMIX_HELLOASSO_API_BASE = server.url
    settings.REMIX_HELLOASSO_CLIENT_ID = "remix-sample-client"
    settings.REMIX_HELLOASSO_CLIENT_SECRET = "remix-sample-secret"
    settings.REMIX_HELLOASSO_ORGANIZATION = ORGANIZATION
    settings.REMIX_HELLOASSO_SIGNATURE_KEY = signature_key
