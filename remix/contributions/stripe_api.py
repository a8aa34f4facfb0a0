"""Stripe: Checkout Sessions made with the official SDK, and what Stripe tells us of payments.

A one-off pledge is paid through a Checkout Session in ``payment`` mode (card); a recurring one
through a session in ``subscription`` mode (card, and SEPA Direct Debit in euros) whose price
recurs at the pledge's rhythm. Every object Stripe makes for the pledge carries its reference:
the session's ``client_reference_id`` and ``metadata``, and the PaymentIntent's (one-off) or the
Subscription's (recurring) ``metadata``, which Stripe copies onto each of its invoices.

One payment, one key (``ProviderEvent.payment_id``), whatever tells of it:

- a one-off payment is its PaymentIntent: ``checkout.session.completed`` (or
  ``checkout.session.async_payment_succeeded``) and ``payment_intent.succeeded`` are the same money;
- a month of a subscription is its Invoice: the first is told by the session events and by
  ``invoice.paid``, the next ones by ``invoice.paid`` alone. That event does not say how the
  month was paid: ``invoice_method`` asks Stripe which payment method paid it (card, or the
  SEPA mandate). An invoice's own PaymentIntent carries
  no reference (Stripe does not copy the subscription's metadata to it), so a
  ``payment_intent.succeeded`` without a reference is ignored rather than reported unmatched: its
  money arrives as the invoice.

The amounts are in the currency's smallest unit, as the books keep them.
"""

import datetime
import json
from collections.abc import Mapping

import stripe

from remix.contributions.models import Frequency, Pledge
from remix.contributions.webhooks import ProviderEvent, SignatureRefused

DEFAULT_API_BASE = "https://api.stripe.com"
TIMEOUT_SECONDS = 20

# A pledge's rhythm as a Stripe price recurs.
RECURRING = {
    Frequency.MONTHLY: {"interval": "month", "interval_count": 1},
    Frequency.QUARTERLY: {"interval": "month", "interval_count": 3},
    Frequency.YEARLY: {"interval": "year", "interval_count": 1},
}
METHODS = {"card": "card", "sepa_debit": "direct_debit"}  # Stripe's payment method types, ours
SESSION_KINDS = frozenset(
    {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
)


def client(*, secret_key: str, api_base: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        secret_key,
        base_addresses={"api": api_base or DEFAULT_API_BASE},
        http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
        max_network_retries=1,
    )


def _compact(reference: str) -> str:
    return reference.replace(" ", "")


def session_params(pledge: Pledge, *, description: str, return_url: str, cancel_url: str):
    """The Checkout Session that pays this pledge: its amount once, or at its rhythm."""
    reference = _compact(pledge.reference)
    price = {
        "currency": pledge.commodity.lower(),
        "unit_amount": pledge.amount_minor,
        "product_data": {"name": description},
    }
    params = {
        "client_reference_id": reference,
        "metadata": {"reference": reference},
        "success_url": f"{return_url}?session_id={{CHECKOUT_SESSION_ID}}",
        "cancel_url": cancel_url,
        "locale": pledge.language if pledge.language in ("fr", "en", "es") else "auto",
        "line_items": [{"quantity": 1, "price_data": price}],
    }
    if pledge.frequency in RECURRING:
        price["recurring"] = RECURRING[pledge.frequency]
        methods = ["card", "sepa_debit"] if pledge.commodity == "EUR" else ["card"]
        return {
            **params,
            "mode": "subscription",
            "payment_method_types": methods,
            "subscription_data": {"metadata": {"reference": reference}},
        }
    return {
        **params,
        "mode": "payment",
        "payment_method_types": ["card"],
        "payment_intent_data": {"metadata": {"reference": reference}},
    }


def session_create(api: stripe.StripeClient, params: dict) -> str:
    """The checkout's address (``stripe.StripeError`` when Stripe refuses or is out of reach).

    The pledge's reference is the request's idempotency key: for the 24 hours Stripe keeps it,
    which is as long as a session stays open, pressing the button again gives the same
    session, never a second subscription or a second payment of the same pledge."""
    session = api.v1.checkout.sessions.create(
        params=params,
        options={"idempotency_key": f"remix-checkout-{params['client_reference_id']}"},
    ).to_dict()
    if not session.get("url"):
        raise stripe.APIError("Stripe gave no checkout address")
    return session["url"]


def session_paid(api: stripe.StripeClient, *, session_id: str, reference: str):
    """The payment of this pledge's session, as Stripe's API says it now: None while it is not
    paid (a direct debit takes days) or when the session is another pledge's."""
    session = api.v1.checkout.sessions.retrieve(
        session_id,
        params={"expand": ["payment_intent.payment_method", "subscription.default_payment_method"]},
    ).to_dict()
    if session.get("client_reference_id") != _compact(reference):
        return None
    if session.get("payment_status") != "paid":
        return None
    if session.get("mode") == "subscription":
        paid_with = (session.get("subscription") or {}).get("default_payment_method")
    else:
        paid_with = (session.get("payment_intent") or {}).get("payment_method")
    return _session_event(
        session,
        event_id=session["id"],
        kind="checkout.session.return",
        created=session["created"],
        method=METHODS.get((paid_with or {}).get("type"), ""),
    )


def _id(thing) -> str:
    """An expandable field's id, whether Stripe sent the id or the object."""
    return thing.get("id", "") if isinstance(thing, Mapping) else thing or ""


def _session_event(session: dict, *, event_id: str, kind: str, created: int, method: str):
    if session.get("mode") == "subscription":
        payment_id = _id(session.get("invoice"))
    else:
        payment_id = _id(session.get("payment_intent"))
    reference = session.get("client_reference_id") or (session.get("metadata") or {}).get(
        "reference", ""
    )
    return ProviderEvent(
        provider="stripe",
        event_id=event_id,
        kind=kind,
        amount_minor=int(session["amount_total"]),
        commodity=session["currency"].upper(),
        reference=reference,
        paid_on=_day(created),
        payment_id=payment_id,
        method=method,
    )


def _day(timestamp: int) -> datetime.date:
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()


def _only_method(types) -> str:
    """The payment method when a checkout offered only one."""
    return METHODS.get(types[0], "") if types and len(types) == 1 else ""


def event_read(payload: bytes) -> ProviderEvent | None:
    """A verified Stripe event, read: a payment (see the module's docstring), or None for any
    other event and for a checkout not yet paid."""
    try:
        event = json.loads(payload)
        kind, thing = event["type"], event["data"]["object"]
        if kind == "payment_intent.succeeded":
            reference = (thing.get("metadata") or {}).get("reference", "")
            if not reference:
                return None
            return ProviderEvent(
                provider="stripe",
                event_id=event["id"],
                kind=kind,
                amount_minor=int(thing["amount_received"]),
                commodity=thing["currency"].upper(),
                reference=reference,
                paid_on=_day(event["created"]),
                payment_id=thing["id"],
                method=_only_method(thing.get("payment_method_types")),
            )
        if kind in SESSION_KINDS:
            if thing.get("payment_status") != "paid":
                return None
            return _session_event(
                thing,
                event_id=event["id"],
                kind=kind,
                created=event["created"],
                method=_only_method(thing.get("payment_method_types")),
            )
        if kind == "invoice.paid":
            return _invoice_event(event, thing)
        return None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SignatureRefused("unreadable") from error


def _invoice_event(event: dict, invoice: dict) -> ProviderEvent | None:
    """A month (or quarter, or year) of a subscription paid; an invoice of nothing is no gift."""
    if not invoice["amount_paid"]:
        return None
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    paid_at = (invoice.get("status_transitions") or {}).get("paid_at") or event["created"]
    return ProviderEvent(
        provider="stripe",
        event_id=event["id"],
        kind=event["type"],
        amount_minor=int(invoice["amount_paid"]),
        commodity=invoice["currency"].upper(),
        reference=(details.get("metadata") or {}).get("reference", ""),
        paid_on=_day(paid_at),
        payment_id=invoice["id"],
    )


def invoice_method(api: stripe.StripeClient, invoice_id: str) -> str:
    """How Stripe says an invoice was paid: the payment method of its paid PaymentIntent."""
    payments = api.v1.invoice_payments.list(
        params={
            "invoice": invoice_id,
            "status": "paid",
            "expand": ["data.payment.payment_intent.payment_method"],
        }
    ).to_dict()
    for payment in payments.get("data") or []:
        intent = (payment.get("payment") or {}).get("payment_intent")
        paid_with = intent.get("payment_method") if isinstance(intent, Mapping) else None
        if isinstance(paid_with, Mapping):
            return METHODS.get(paid_with.get("type"), "")
    return ""
