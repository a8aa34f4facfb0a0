"""HelloAsso Checkout (API v5): open a checkout for a pledge, ask HelloAsso what was paid, and read
its notifications without believing them.

The exchanges, as HelloAsso's reference gives them (https://dev.helloasso.com):

- ``POST /oauth2/token`` (form-encoded) with ``grant_type=client_credentials``, the client id and
  secret gives ``{access_token, refresh_token, token_type: "bearer", expires_in}`` (30 minutes);
  ``grant_type=refresh_token`` with the client id and the refresh token gives a new pair. The token
  is kept in Django's cache and reused until a minute before it expires, then refreshed.
- ``POST /v5/organizations/{slug}/checkout-intents`` with ``totalAmount`` and ``initialAmount``
  in cents, ``itemName``, ``backUrl``, ``errorUrl``, ``returnUrl``, ``containsDonation`` and
  ``metadata`` (here the pledge's reference) gives ``{id, redirectUrl}``: the giver is sent there.
- ``GET /v5/organizations/{slug}/checkout-intents/{id}`` gives the intent, its ``metadata`` and,
  once paid, its ``order`` with its ``payments`` (``state`` "Authorized" when the money is taken).
- Notifications (``POST`` to the URL set in HelloAsso's back office): ``{"eventType": "Order" |
  "Payment" | …, "data": {…}, "metadata": {…}}``. An Order names its checkout intent in
  ``data.checkoutIntentId``, a Payment in ``data.order.checkoutIntentId``; both name the
  organisation (``organizationSlug``). HelloAsso signs them (``x-ha-signature``: HMAC-SHA256 of
  the body in hex) only for its partners for now, so the signature is checked when a key is set.

A notification is therefore only a hint: its amount, state and metadata are never read. The
checkout intent it names is fetched from the API, and only the payments the API says are
Authorized count, with the reference the API kept. Givers pay in euros, once: HelloAsso's checkout
takes only EUR, and its ``terms`` are a fixed list of dated instalments of one total, not an
open-ended monthly payment.
"""

import datetime
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache

NAME = "helloasso"
PRODUCTION = "https://api.helloasso.com"
SANDBOX = "https://api.helloasso-sandbox.com"
COMMODITY = "EUR"
TIMEOUT = (5, 20)  # seconds to connect, to read
TOKEN_MARGIN = 60  # a token this close to its end is renewed first
REFRESH_LIFETIME = 30 * 24 * 3600  # what HelloAsso gives a refresh token
PAID = "Authorized"
SIGNATURE_HEADER = "x-ha-signature"
CHECKOUT_KINDS = ("Order", "Payment")
WEB = ("https://", "http://")


@dataclass(frozen=True)
class Config:
    api_base: str
    client_id: str
    client_secret: str
    organization: str
    signature_key: str = ""

    def url(self, path: str) -> str:
        return self.api_base.rstrip("/") + path

    @property
    def checkout_origin(self) -> str:
        """Where HelloAsso's checkout pages are: the ``www.`` twin of its API's host
        (``https://www.helloasso.com``, ``https://www.helloasso-sandbox.com``); the API's own
        origin for any other base, such as a test's replay server."""
        parts = urlsplit(self.api_base)
        host = parts.netloc
        if host.startswith("api."):
            host = "www." + host.removeprefix("api.")
        return f"{parts.scheme}://{host}"


def config() -> Config | None:
    """HelloAsso's settings, or None while the client id, secret or organisation is missing."""
    conf = Config(
        api_base=getattr(settings, "REMIX_HELLOASSO_API_BASE", "") or PRODUCTION,
        client_id=getattr(settings, "REMIX_HELLOASSO_CLIENT_ID", "") or "",
        client_secret=getattr(settings, "REMIX_HELLOASSO_CLIENT_SECRET", "") or "",
        organization=getattr(settings, "REMIX_HELLOASSO_ORGANIZATION", "") or "",
        signature_key=getattr(settings, "REMIX_HELLOASSO_SIGNATURE_KEY", "") or "",
    )
    return conf if conf.client_id and conf.client_secret and conf.organization else None


class ApiError(Exception):
    """HelloAsso could not be reached (``status`` None) or answered with an error status;
    ``token`` when it was the token that could not be had."""

    def __init__(self, message: str, *, status: int | None = None, token: bool = False):
        super().__init__(message)
        self.status = status
        self.token = token

    @property
    def unknown(self) -> bool:
        """HelloAsso says there is no such thing (not: it could not be asked)."""
        return self.status == 404 and not self.token


class NoticeRefused(Exception):
    """A notification that records nothing; ``code`` says why ("mismatch", "unreadable",
    "other_organization", "unknown_intent", "not_paid", "unavailable")."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# --- the token -----------------------------------------------------------------------------------


def _token_key(conf: Config) -> str:
    digest = hashlib.sha256(f"{conf.api_base}|{conf.client_id}".encode()).hexdigest()[:24]
    return f"remix:helloasso:token:{digest}"


def _token_ask(conf: Config, form: dict, *, now: float) -> dict:
    try:
        response = requests.post(conf.url("/oauth2/token"), data=form, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise ApiError(f"token: {error.__class__.__name__}", token=True) from error
    if response.status_code != 200:
        raise ApiError(
            f"token: HTTP {response.status_code}", status=response.status_code, token=True
        )
    try:
        answer = response.json()
        held = {
            "access": str(answer["access_token"]),
            "refresh": str(answer.get("refresh_token") or ""),
            "expires_at": now + int(answer["expires_in"]),
        }
    except (ValueError, KeyError, TypeError) as error:
        raise ApiError("token: unreadable", status=response.status_code, token=True) from error
    cache.set(_token_key(conf), held, timeout=REFRESH_LIFETIME)
    return held


def token(conf: Config, *, now: float) -> str:
    """A bearer token: the one held while it has more than a minute left, else a refreshed one,
    else a new one from the client's credentials."""
    held = cache.get(_token_key(conf))
    if held and now < held["expires_at"] - TOKEN_MARGIN:
        return held["access"]
    if held and held.get("refresh"):
        try:
            form = {
                "grant_type": "refresh_token",
                "client_id": conf.client_id,
                "refresh_token": held["refresh"],
            }
            return _token_ask(conf, form, now=now)["access"]
        except ApiError as error:
            if error.status not in (400, 401):
                raise
    form = {
        "grant_type": "client_credentials",
        "client_id": conf.client_id,
        "client_secret": conf.client_secret,
    }
    return _token_ask(conf, form, now=now)["access"]


def token_forget(conf: Config) -> None:
    cache.delete(_token_key(conf))


def _answer(response: requests.Response, what: str) -> dict:
    status = response.status_code
    if not 200 <= status < 300:
        raise ApiError(f"{what}: HTTP {status}", status=status)
    try:
        answer = response.json()
    except ValueError as error:
        raise ApiError(f"{what}: unreadable answer", status=status) from error
    if not isinstance(answer, dict):
        raise ApiError(f"{what}: unreadable answer", status=status)
    return answer


def _send(conf: Config, method: str, path: str, *, now: float, body) -> requests.Response:
    headers = {"Authorization": f"Bearer {token(conf, now=now)}", "Accept": "application/json"}
    try:
        return requests.request(method, conf.url(path), json=body, headers=headers, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise ApiError(f"{method} {path}: {error.__class__.__name__}") from error


def _call(conf: Config, method: str, path: str, *, now: float, body=None) -> dict:
    """One API call with the held token; a token HelloAsso no longer accepts (401) is dropped and
    the call made once more with a new one."""
    response = _send(conf, method, path, now=now, body=body)
    if response.status_code == 401:
        token_forget(conf)
        response = _send(conf, method, path, now=now, body=body)
    return _answer(response, f"{method} {path}")


# --- the checkout --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Intent:
    id: str
    redirect_url: str


def intent_create(
    conf: Config,
    *,
    amount_minor: int,
    item_name: str,
    reference: str,
    return_url: str,
    back_url: str,
    error_url: str,
    now: float,
) -> Intent:
    """A checkout intent for one payment of ``amount_minor`` cents, the pledge's ``reference`` in
    its metadata; HelloAsso's ``redirectUrl`` is where the giver pays."""
    body = {
        "totalAmount": amount_minor,
        "initialAmount": amount_minor,
        "itemName": item_name[:250],
        "backUrl": back_url,
        "errorUrl": error_url,
        "returnUrl": return_url,
        "containsDonation": True,
        "metadata": {"reference": reference},
    }
    path = f"/v5/organizations/{conf.organization}/checkout-intents"
    answer = _call(conf, "POST", path, now=now, body=body)
    intent_id, url = answer.get("id"), answer.get("redirectUrl")
    if intent_id in (None, "") or not isinstance(url, str) or not url.startswith(WEB):
        raise ApiError("checkout-intents: no id or redirectUrl")
    return Intent(id=str(intent_id), redirect_url=url)


def intent_get(conf: Config, intent_id: str, *, now: float) -> dict:
    if not str(intent_id).isdigit():
        raise ApiError("checkout-intents: not an id", status=404)
    path = f"/v5/organizations/{conf.organization}/checkout-intents/{intent_id}"
    return _call(conf, "GET", path, now=now)


@dataclass(frozen=True)
class Paid:
    """A payment the API says HelloAsso took, for the pledge its intent's metadata names."""

    payment_id: str
    intent_id: str
    amount_minor: int
    reference: str
    paid_on: datetime.date
    means: str  # HelloAsso's paymentMeans, lower case: "card", "sepa"…


def _paid_on(text) -> datetime.date:
    # "2024-07-10T11:50:48.8859116+02:00": the day is the one of that offset, the association's.
    return datetime.datetime.fromisoformat(str(text)).date()


def intent_paid(intent: Mapping) -> list[Paid]:
    """The Authorized payments of an intent as the API returned it, in the association's share:
    a tip to HelloAsso (``amountTip``), if the giver left one, is HelloAsso's."""
    reference = str((intent.get("metadata") or {}).get("reference") or "")
    order = intent.get("order") or {}
    paid = []
    for payment in order.get("payments") or ():
        if payment.get("state") != PAID:
            continue
        try:
            amount = int(payment["amount"]) - int(payment.get("amountTip") or 0)
            paid.append(
                Paid(
                    payment_id=str(payment["id"]),
                    intent_id=str(intent.get("id", "")),
                    amount_minor=amount,
                    reference=reference,
                    paid_on=_paid_on(payment["date"]),
                    means=str(payment.get("paymentMeans") or "").lower(),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ApiError("checkout-intents: unreadable payment") from error
    return paid


# --- notifications -------------------------------------------------------------------------------


def signature(body: bytes, key: str) -> str:
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Notice:
    """What a notification claims, kept only to know which intent to ask the API about."""

    kind: str
    organization: str
    intent_id: str


def notice_read(body: bytes, headers: Mapping[str, str], *, key: str = "") -> Notice | None:
    """The intent a checkout's notification names, or None for a notification that is not about a
    checkout (another kind of event, a payment on one of the association's HelloAsso forms).

    With a signature key, the ``x-ha-signature`` header must sign the body."""
    if key:
        sent = headers.get(SIGNATURE_HEADER) or ""
        if not hmac.compare_digest(signature(body, key), sent.strip().lower()):
            raise NoticeRefused("mismatch")
    try:
        notice = json.loads(body)
        kind = notice.get("eventType")
        data = notice.get("data") or {}
        if kind not in CHECKOUT_KINDS:
            return None
        order = data if kind == "Order" else data.get("order") or {}
        organization = str(order.get("organizationSlug") or "")
        intent_id = order.get("checkoutIntentId")
    except (ValueError, AttributeError, TypeError) as error:
        raise NoticeRefused("unreadable") from error
    if intent_id in (None, ""):
        return None
    return Notice(kind=kind, organization=organization, intent_id=str(intent_id))


def notice_paid(conf: Config, notice: Notice, *, now: float) -> list[Paid]:
    """What the API says was paid on the intent a notification names: refused when the notice is
    another organisation's, when the API knows no such intent or says nothing is paid on it."""
    if notice.organization.lower() != conf.organization.lower():
        raise NoticeRefused("other_organization")
    try:
        intent = intent_get(conf, notice.intent_id, now=now)
        paid = intent_paid(intent)
    except ApiError as error:
        raise NoticeRefused("unknown_intent" if error.unknown else "unavailable") from error
    if not paid:
        raise NoticeRefused("not_paid")
    return paid
