"""Stripe's webhook signature, with a sample event signed here by the documented scheme."""

import datetime
from pathlib import Path

import pytest

from remix.contributions.references import reference_body
from remix.contributions.stripe_api import event_read
from remix.contributions.webhooks import SignatureRefused, stripe_signature, stripe_verify

SAMPLE = (Path(__file__).parent / "samples" / "stripe-payment-intent-succeeded.json").read_bytes()
SECRET = "whsec_remix_test_secret"
SENT_AT = 1_795_000_010


def header(payload=SAMPLE, secret=SECRET, timestamp=SENT_AT, extra=""):
    return f"t={timestamp},v1={stripe_signature(payload, secret, timestamp)}{extra}"


def test_a_signed_event_passes_and_reads_in_minor_units():
    stripe_verify(SAMPLE, header(), SECRET, now=SENT_AT + 30)
    event = event_read(SAMPLE)
    assert (event.event_id, event.kind) == ("evt_3QxRemixSample0001", "payment_intent.succeeded")
    assert event.key == "stripe:pi_3QxRemixSample0001"  # the payment's id, not the event's
    assert (event.amount_minor, event.commodity, event.reference) == (5000, "XOF", "RF05RMXP000123")
    assert event.paid_on == datetime.date(2026, 11, 18)
    assert reference_body(event.reference) == "RMXP000123"


def test_a_rolled_secret_signs_with_either_while_both_are_listed():
    both = header(extra=f",v1={stripe_signature(SAMPLE, 'whsec_old', SENT_AT)},v0=ignored")
    stripe_verify(SAMPLE, both, SECRET, now=SENT_AT)


@pytest.mark.parametrize(
    ("payload", "signature", "now", "code"),
    [
        (SAMPLE.replace(b"5000", b"9000"), header(), SENT_AT, "mismatch"),
        (SAMPLE, header(secret="whsec_someone_else"), SENT_AT, "mismatch"),
        (SAMPLE, header(), SENT_AT + 301, "stale"),
        (SAMPLE, header(), SENT_AT - 301, "stale"),
        (SAMPLE, "v1=abc", SENT_AT, "malformed"),
        (SAMPLE, f"t={SENT_AT}", SENT_AT, "malformed"),
        (SAMPLE, "", SENT_AT, "malformed"),
    ],
)
def test_a_forged_tampered_or_replayed_request_is_refused(payload, signature, now, code):
    with pytest.raises(SignatureRefused) as refused:
        stripe_verify(payload, signature, SECRET, now=now)
    assert refused.value.code == code


def test_an_unreadable_event_is_refused():
    with pytest.raises(SignatureRefused) as refused:
        event_read(b'{"id": "evt_1", "type": "invoice.paid", "data": {}}')
    assert refused.value.code == "unreadable"
