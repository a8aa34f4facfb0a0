"""What Stripe's webhook tells of a Checkout payment: each payment recorded once, whichever of
its events comes first, and each month of a subscription recorded on its recurring pledge."""

import json
import time

import pytest
from django.utils import timezone

from remix.contributions import providers, selectors
from remix.contributions.models import Contribution
from remix.contributions.tests import stripe_samples as s
from remix.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stripe(settings):
    s.configure(settings)


@pytest.fixture
def awa(make_user):
    return make_user("awa", roles=["member"], language="fr")


def status(body: bytes) -> str:
    response = s.deliver(body)
    assert response.status_code == 200, response.content
    return response.json()["status"]


def test_a_one_off_checkout_and_its_payment_intent_are_one_gift(awa):
    promise = s.pledge(awa, amount="25")
    completed = s.event_body("event-session-completed-payment.json", promise.reference)
    succeeded = s.event_body("event-payment-intent-succeeded.json", promise.reference)
    assert [status(completed), status(succeeded), status(completed)] == [
        "recorded",
        "repeat",
        "repeat",
    ]
    gift = Contribution.objects.get()
    assert (gift.amount_minor, gift.commodity, gift.external_key, gift.provider) == (
        2500,
        "EUR",
        "stripe:pi_3RemixOnce0001",
        "stripe",
    )


def test_a_checkout_not_yet_paid_is_acknowledged_and_waits(awa):
    promise = s.pledge(awa, amount="25")
    body = s.event_body(
        "event-session-completed-payment.json", promise.reference, payment_status="unpaid"
    )
    assert status(body) == "ignored"
    assert not Contribution.objects.exists()


def test_each_month_of_a_subscription_is_recorded_on_the_monthly_pledge(awa, settings):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    first = s.event_body("event-invoice-paid.json", promise.reference)
    its_payment = s.event_body("event-invoice-payment-intent-succeeded.json", promise.reference)
    debit_done = s.event_body("event-session-async-succeeded-subscription.json", promise.reference)
    second = s.event_body(
        "event-invoice-paid.json",
        promise.reference,
        id="in_1RemixMonth02",
        billing_reason="subscription_cycle",
    )
    # Each invoice.paid asks Stripe how the invoice was paid.
    with s.replay(settings, *["invoice-payments-sepa.json"] * 3, reference=promise.reference):
        assert [status(first), status(its_payment), status(debit_done), status(first)] == [
            "recorded",
            "ignored",  # an invoice's PaymentIntent carries no reference: its money is the invoice
            "repeat",  # the session's direct debit succeeding is the first invoice again
            "repeat",
        ]
        assert status(second) == "recorded"
    gifts = Contribution.objects.filter(pledge=promise).order_by("pk")
    assert [(g.external_key, g.amount_minor) for g in gifts] == [
        ("stripe:in_1RemixMonth01", 1500),
        ("stripe:in_1RemixMonth02", 1500),
    ]
    received = selectors.pledge_reconciliation(pledge=promise, today=timezone.localdate())
    assert received.received == 3000
    assert not AuditEvent.objects.filter(action__startswith="funding.webhook.").exists()


def test_an_invoice_of_nothing_is_no_gift(awa):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    body = s.event_body("event-invoice-paid.json", promise.reference, amount_paid=0)
    assert status(body) == "ignored"
    assert not Contribution.objects.exists()


def test_a_subscription_made_elsewhere_is_left_to_a_treasurer(awa, settings):
    s.pledge(awa, amount="15", frequency="monthly")
    body = s.event_body("event-invoice-paid.json", "RF05RMXP000123")  # no pledge of ours
    with s.replay(settings, *["invoice-payments-sepa.json"] * 2):
        assert [status(body), status(body)] == ["unmatched", "repeat"]
    problem = AuditEvent.objects.get(action="funding.webhook.unmatched")
    assert problem.data["key"] == "stripe:in_1RemixMonth01"
    assert not Contribution.objects.exists()


def test_a_months_invoice_says_how_it_was_paid_as_stripe_tells(awa, settings):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    body = s.event_body("event-invoice-paid.json", promise.reference)
    headers = {"Stripe-Signature": s.signed(body)}
    stripe = providers.PROVIDERS["stripe"]
    with s.replay(settings, "invoice-payments-sepa.json") as api:
        event = stripe.event_read(body=body, headers=headers, now=int(time.time()))
    assert (event.payment_id, event.amount_minor, event.method) == (
        "in_1RemixMonth01",
        1500,
        "direct_debit",
    )
    assert api.received[0].query == {
        "invoice": ["in_1RemixMonth01"],
        "status": ["paid"],
        "expand[0]": ["data.payment.payment_intent.payment_method"],
    }
    # Stripe out of reach (nothing listens at the settings' API base): the month still counts.
    event = stripe.event_read(body=body, headers=headers, now=int(time.time()))
    assert (event.payment_id, event.method) == ("in_1RemixMonth01", "")
    assert status(body) == "recorded"


def test_a_forged_replayed_or_changed_invoice_is_refused(awa, settings):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    body = s.event_body("event-invoice-paid.json", promise.reference)
    changed = json.loads(body)
    changed["data"]["object"]["amount_paid"] = 150000
    attempts = {
        "mismatch": s.deliver(body, signature=s.signed(body, secret="whsec_not_stripe")),
        "stale": s.deliver(body, signature=s.signed(body, at=int(time.time()) - 3600)),
        "changed": s.deliver(json.dumps(changed).encode(), signature=s.signed(body)),
    }
    codes = {name: (r.status_code, r.json()["error"]["code"]) for name, r in attempts.items()}
    assert codes == {
        "mismatch": (400, "mismatch"),
        "stale": (400, "stale"),
        "changed": (400, "mismatch"),
    }
    assert not Contribution.objects.exists()
    with s.replay(settings, "invoice-payments-sepa.json", reference=promise.reference):
        assert status(body) == "recorded"  # the genuine one, signed now, still passes
