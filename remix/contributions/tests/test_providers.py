"""Payment providers: what a giver is shown, and Stripe's webhook answering as Stripe expects.

The sample event in ``samples/`` is given the reference of a pledge made here, then signed with a
test secret by Stripe's documented scheme; nothing reaches the network.
"""

import json
import time
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from remix.contributions import providers
from remix.contributions.models import Contribution, PledgeStatus
from remix.contributions.services import Giver, pledge_create
from remix.contributions.tests import builders
from remix.contributions.webhooks import stripe_signature
from remix.core.models import AuditEvent
from remix.ledger.models import Posting, Transaction

SAMPLE = (Path(__file__).parent / "samples" / "stripe-payment-intent-succeeded.json").read_text()
SECRET = "whsec_remix_test_secret"
URL = "/hooks/stripe/"
BANK = {"holder": "Association Remix", "iban": "fr7630006000011234567890189", "bic": "agrifrpp"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stripe(settings):
    settings.REMIX_STRIPE_WEBHOOK_SECRET = SECRET
    settings.REMIX_BANK_TRANSFER = BANK


def pledge(amount="5000", commodity="XOF", **kwargs):
    made, _created = pledge_create(
        fund=builders.fund(),
        amount=amount,
        commodity=commodity,
        giver=Giver(name="Awa Diop"),
        **kwargs,
    )
    return made


def event(reference="", *, kind=None, event_id=None, currency=None, amount=None) -> bytes:
    data = json.loads(SAMPLE)
    thing = data["data"]["object"]
    thing["metadata"]["reference"] = reference.replace(" ", "")
    if kind:
        data["type"] = kind
    if event_id:
        data["id"] = event_id
    if currency:
        thing["currency"] = currency
    if amount:
        thing["amount"] = thing["amount_received"] = amount
    return json.dumps(data).encode()


def deliver(body: bytes, *, secret=SECRET, sent_at=None, url=URL, signature=None):
    """As Stripe sends it: no session, no CSRF token, the signature in a header."""
    sent_at = int(time.time()) if sent_at is None else sent_at
    if signature is None:
        signature = f"t={sent_at},v1={stripe_signature(body, secret, sent_at)}"
    client = Client(enforce_csrf_checks=True)
    return client.post(
        url, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


# --- what a giver is shown -----------------------------------------------------------------------


def test_the_bank_transfer_shows_the_account_and_the_pledges_reference():
    promise = pledge(amount="15", commodity="EUR", frequency="monthly")
    with translation.override("en"):
        [shown] = providers.instructions_for(promise)
        details = {d.label: d.value for d in shown.details}
    assert shown.provider == "bank" and shown.title == "Bank transfer"
    assert details["Account holder"] == "Association Remix"
    assert details["IBAN"] == "FR76 3000 6000 0112 3456 7890 189"
    assert details["BIC"] == "AGRIFRPP"
    assert details["Amount"] == "€15.00"
    assert details["Reference to put in the transfer's label"] == promise.reference
    assert "standing order" in shown.note


def test_without_a_bank_account_in_the_settings_no_transfer_is_offered(settings):
    settings.REMIX_BANK_TRANSFER = {"holder": "", "iban": "", "bic": ""}
    assert providers.instructions_for(pledge()) == []
    assert not providers.PROVIDERS["bank"].configured()


def test_providers_are_found_by_name_and_only_online_configured_ones_take_webhooks(settings):
    assert set(providers.PROVIDERS) == {"bank", "stripe"}
    assert providers.provider_get("stripe").online and not providers.provider_get("bank").online
    assert providers.webhook_provider("stripe") is providers.PROVIDERS["stripe"]
    assert providers.webhook_provider("bank") is None
    assert providers.webhook_provider("helloasso") is None
    settings.REMIX_STRIPE_WEBHOOK_SECRET = ""
    assert providers.webhook_provider("stripe") is None


# --- the webhook ---------------------------------------------------------------------------------


def test_a_signed_payment_is_recorded_for_its_pledge_once():
    promise = pledge()
    body = event(promise.reference)
    response = deliver(body)
    assert (response.status_code, response.json()) == (200, {"status": "recorded"})
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.provider, gift.external_key) == (
        promise,
        "stripe",
        "stripe:pi_3QxRemixSample0001",  # the payment's id: its notifications share it
    )
    assert (gift.amount_minor, gift.commodity, str(gift.date)) == (5000, "XOF", "2026-11-18")
    legs = {
        (p.account.code, p.fund.slug, p.amount_minor, p.commodity)
        for p in Posting.objects.filter(transaction=gift.transaction, posted=True)
    }
    assert legs == {
        ("Assets:Bank:Current", "fiesta-2026", 5000, "XOF"),
        ("Income:Contributions:Donations", "fiesta-2026", -5000, "XOF"),
    }
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies

    again = deliver(body)
    assert (again.status_code, again.json()) == (200, {"status": "repeat"})
    assert (
        Contribution.objects.count() == 1
        and Transaction.objects.filter(gift__isnull=False).count() == 1
    )


@pytest.mark.parametrize(
    ("signature", "sent_at", "code"),
    [
        (None, None, "mismatch"),  # signed with another secret, below
        ("", None, "malformed"),
        ("v1=abc", None, "malformed"),
        (None, int(time.time()) - 600, "stale"),
    ],
)
def test_a_forged_stale_or_malformed_signature_is_refused_with_its_code(signature, sent_at, code):
    promise = pledge()
    secret = "whsec_someone_else" if code == "mismatch" else SECRET
    response = deliver(
        event(promise.reference), secret=secret, sent_at=sent_at, signature=signature
    )
    assert (response.status_code, response.json()) == (400, {"error": {"code": code}})
    assert not Contribution.objects.exists()


def test_a_tampered_body_is_refused():
    promise = pledge()
    body = event(promise.reference)
    sent_at = int(time.time())
    signature = f"t={sent_at},v1={stripe_signature(body, SECRET, sent_at)}"
    tampered = body.replace(b"5000", b"9000")
    response = deliver(tampered, signature=signature)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "mismatch")


def test_a_signed_body_that_is_not_an_event_is_refused_as_unreadable():
    response = deliver(b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {}}')
    assert (response.status_code, response.json()["error"]["code"]) == (400, "unreadable")


def test_unknown_or_unconfigured_providers_answer_404(settings):
    body = event("RF05RMXP000123")
    assert deliver(body, url="/hooks/helloasso/").status_code == 404
    assert deliver(body, url="/hooks/bank/").status_code == 404
    settings.REMIX_STRIPE_WEBHOOK_SECRET = ""
    assert deliver(body).status_code == 404


def test_only_post_is_answered():
    assert Client().get(URL).status_code == 405


def test_events_of_other_kinds_are_acknowledged_and_ignored():
    promise = pledge()
    for kind in ("checkout.session.completed", "charge.refunded"):
        response = deliver(event(promise.reference, kind=kind, event_id=f"evt_{kind}"))
        assert (response.status_code, response.json()) == (200, {"status": "ignored"})
    customer = b'{"id": "evt_c", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}'
    assert deliver(customer).json() == {"status": "ignored"}
    assert (
        not Contribution.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="funding.webhook.").exists()
    )


def test_a_payment_naming_no_pledge_is_left_to_a_treasurer_once():
    pledge()
    body = event("RF05RMXP000123")  # a valid reference, of no pledge here
    assert deliver(body).json() == {"status": "unmatched"}
    assert deliver(body).json() == {"status": "repeat"}
    [problem] = providers.webhook_problems()
    assert problem.action == "funding.webhook.unmatched"
    assert problem.data["reference"] == "RF05RMXP000123"
    assert (problem.data["amount"], problem.data["commodity"]) == (5000, "XOF")
    assert not Contribution.objects.exists()


def test_a_payment_in_another_currency_than_the_pledge_is_not_recorded():
    promise = pledge(amount="50", commodity="EUR")
    response = deliver(event(promise.reference))  # 5000 XOF
    assert (response.status_code, response.json()) == (200, {"status": "other_currency"})
    assert not Contribution.objects.exists()
    [problem] = providers.webhook_problems()
    assert (problem.action, problem.object_id) == (
        "funding.webhook.other_currency",
        str(promise.pk),
    )


def test_a_cancelled_pledge_is_not_a_standing_one():
    from remix.contributions.services import pledge_cancel

    promise = pledge_cancel(pledge=pledge())
    assert promise.status == PledgeStatus.CANCELLED
    assert deliver(event(promise.reference)).json() == {"status": "unmatched"}
    assert not Contribution.objects.exists()


def test_a_payment_the_books_refuse_is_reported_with_the_reason():
    campaign = builders.campaign()
    promise, _created = pledge_create(
        fund=campaign.fund,
        amount="20",
        giver=Giver(name="Awa Diop"),
        campaign=campaign,
    )
    body = event(promise.reference, currency="eur", amount=2000)
    response = deliver(body)
    assert response.json() == {"status": "refused"}
    [problem] = providers.webhook_problems()
    assert problem.action == "funding.webhook.refused" and problem.data["reasons"]
    assert not Contribution.objects.exists()
