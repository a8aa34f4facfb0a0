"""Stripe's exchanges and events for tests, read from ``samples/stripe/`` (see its README).

``RF00PLEDGE`` in a sample stands for the pledge's reference; a replay server answers the
exchanges on 127.0.0.1 and the settings point Stripe's API at it; events are signed with the
test secret by Stripe's scheme and posted as Stripe posts them.
"""

import json
import time
from contextlib import contextmanager
from pathlib import Path

from django.test import Client

from remix.contributions.services import Giver, pledge_create
from remix.contributions.tests import builders
from remix.contributions.webhooks import stripe_signature
from remix.testutils.replay import ReplayServer

SAMPLES = Path(__file__).parent / "samples" / "stripe"
PLACEHOLDER = "RF00PLEDGE"
WEBHOOK_SECRET = "whsec_remix_test_secret"
SECRET_KEY = "sk_test_remix_secret_key"
HOOK = "/hooks/stripe/"


def configure(settings) -> None:
    settings.REMIX_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.REMIX_STRIPE_SECRET_KEY = SECRET_KEY
    settings.REMIX_STRIPE_API_BASE = "http://127.0.0.1:9"  # never Stripe: a test replays it
    settings.REMIX_BANK_TRANSFER = {
        "holder": "Association Remix",
        "iban": "FR7630006000011234567890189",
    }


def compact(reference: str) -> str:
    return reference.replace(" ", "")


def sample(name: str, reference: str = PLACEHOLDER):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return json.loads(text.replace(PLACEHOLDER, compact(reference)))


@contextmanager
def replay(settings, *names: str, reference: str = PLACEHOLDER, strict=True):
    """A replay server answering these recordings, Stripe's API pointed at it while it runs."""
    exchanges = [item for name in names for item in sample(name, reference)]
    with ReplayServer(exchanges, strict=strict) as server:
        settings.REMIX_STRIPE_API_BASE = server.url
        yield server


def pledge(user, *, amount="25", frequency="once", commodity="EUR", fund=None):
    made, _created = pledge_create(
        fund=fund or builders.fund(),
        amount=amount,
        commodity=commodity,
        frequency=frequency,
        giver=Giver(user=user),
    )
    return made


def event_body(name: str, reference: str, *, at: int | None = None, **changes) -> bytes:
    """A sample event for this pledge, dated now (``at``), its object changed as asked."""
    event = sample(name, reference)
    event["created"] = at or int(time.time())
    thing = event["data"]["object"]
    thing.update(changes)
    if "status_transitions" in thing:
        thing["status_transitions"]["paid_at"] = event["created"]
    return json.dumps(event).encode()


def signed(body: bytes, *, secret=WEBHOOK_SECRET, at=None) -> str:
    """The ``Stripe-Signature`` header of this body, signed at ``at`` (now when left out)."""
    at = int(time.time()) if at is None else at
    return f"t={at},v1={stripe_signature(body, secret, at)}"


def deliver(body: bytes, *, signature=None):
    """As Stripe posts it: no session, no CSRF token, the signature in a header."""
    signature = signed(body) if signature is None else signature
    return Client(enforce_csrf_checks=True).post(
        HOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )
