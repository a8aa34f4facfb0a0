"""Payment providers' webhooks: a signature checked before anything is read, then one event.

A provider adapter turns a verified payload into a `ProviderEvent`; the funding services match
it to its pledge by the reference the giver was given and record it in the books. Stripe's
scheme: the `Stripe-Signature` header holds `t=<unix time>` and one or more `v1=<hex>`, each an
HMAC-SHA256 of `"<t>.<raw body>"` keyed with the endpoint's secret; a timestamp further than the
tolerance from now is refused, so a captured request cannot be replayed later.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

STRIPE_TOLERANCE_SECONDS = 300


class SignatureRefused(Exception):
    """``code`` says why: "malformed", "stale", "mismatch", "unreadable"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ProviderEvent:
    """A payment a provider confirms, by a webhook or when asked on the giver's return."""

    provider: str
    event_id: str  # the notification's own id (or the payment's, when read on a return)
    kind: str
    amount_minor: int
    commodity: str
    reference: str
    paid_on: datetime.date
    # The provider's id of the money itself (a Stripe PaymentIntent or Invoice): the return and
    # every notification of one payment carry the same, so it is recorded once.
    payment_id: str = ""
    method: str = ""  # how the giver paid, as the provider says: "card", "direct_debit"

    @property
    def key(self) -> str:
        """The gift's ``external_key``: the payment's id, the event's for a provider without."""
        return f"{self.provider}:{self.payment_id or self.event_id}"


def stripe_signature(payload: bytes, secret: str, timestamp: int) -> str:
    signed = str(timestamp).encode() + b"." + payload
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def stripe_verify(
    payload: bytes,
    header: str,
    secret: str,
    *,
    now: int,
    tolerance: int = STRIPE_TOLERANCE_SECONDS,
) -> None:
    """Raise `SignatureRefused` unless one `v1` signature of the header signs this payload."""
    timestamp, signatures = None, []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise SignatureRefused("malformed")
    if abs(now - timestamp) > tolerance:
        raise SignatureRefused("stale")
    expected = stripe_signature(payload, secret, timestamp)
    if not any(hmac.compare_digest(expected, signature) for signature in signatures):
        raise SignatureRefused("mismatch")
