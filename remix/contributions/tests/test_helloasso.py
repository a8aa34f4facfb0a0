"""HelloAsso's client against its recorded exchanges: the token, the checkout intent, what the API
says was paid, and notifications read as hints that the API confirms or refuses."""

import datetime
import json

import pytest

from remix.contributions import helloasso
from remix.contributions.tests.helloasso_samples import (
    INTENT,
    ORGANIZATION,
    answer,
    configure,
    exchanges,
    notification,
    replay,
)
from remix.testutils.replay import ReplayServer

REFERENCE = "RF18RMX000000000000000042"
NOW = 1_796_000_000.0


def _create(conf, now=NOW):
    return helloasso.intent_create(
        conf,
        amount_minor=2500,
        item_name="Don à Association Remix",
        reference=REFERENCE,
        return_url="https://remix.example/fr/donner/retour/RF18/",
        back_url="https://remix.example/fr/donner/RF18/",
        error_url="https://remix.example/fr/donner/retour/RF18/?erreur=1",
        now=now,
    )


def test_without_client_id_secret_or_organisation_helloasso_is_not_configured(settings):
    settings.REMIX_HELLOASSO_CLIENT_ID = "id"
    settings.REMIX_HELLOASSO_CLIENT_SECRET = "secret"
    settings.REMIX_HELLOASSO_ORGANIZATION = ""
    assert helloasso.config() is None
    settings.REMIX_HELLOASSO_ORGANIZATION = ORGANIZATION
    settings.REMIX_HELLOASSO_API_BASE = ""
    assert helloasso.config().api_base == "https://api.helloasso.com"
    assert helloasso.config().checkout_origin == "https://www.helloasso.com"
    settings.REMIX_HELLOASSO_API_BASE = "https://api.helloasso-sandbox.com/"
    assert helloasso.config().checkout_origin == "https://www.helloasso-sandbox.com"
    settings.REMIX_HELLOASSO_API_BASE = "http://127.0.0.1:8123"
    assert helloasso.config().checkout_origin == "http://127.0.0.1:8123"


def test_an_intent_is_created_with_cents_urls_and_the_pledges_reference(settings):
    with replay("token", "intent-created") as server:
        configure(settings, server)
        intent = _create(helloasso.config())
    assert intent == helloasso.Intent(
        id=INTENT,
        redirect_url="https://www.helloasso.com/associations/association-remix/checkout/"
        "e7a1c2b0d4f94b6e9a5c3f1d2b8e6a40",
    )
    asked_token, asked_intent = server.received
    assert asked_token.form() == {
        "grant_type": ["client_credentials"],
        "client_id": ["remix-sample-client"],
        "client_secret": ["remix-sample-secret"],
    }
    assert asked_intent.headers["Authorization"] == (
        "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.remix-sample-access-1"
    )
    assert asked_intent.json() == {
        "totalAmount": 2500,
        "initialAmount": 2500,
        "itemName": "Don à Association Remix",
        "backUrl": "https://remix.example/fr/donner/RF18/",
        "errorUrl": "https://remix.example/fr/donner/retour/RF18/?erreur=1",
        "returnUrl": "https://remix.example/fr/donner/retour/RF18/",
        "containsDonation": True,
        "metadata": {"reference": REFERENCE},
    }


def _token(access: str, *, status: int = 200) -> dict:
    body = {"access_token": access, "refresh_token": f"refresh-{access}", "expires_in": 1800}
    return answer("POST", "/oauth2/token", status=status, body=body if status == 200 else None)


def test_the_token_is_reused_until_it_expires_then_refreshed(settings):
    recording = exchanges("token", "intent-created", "intent-created")
    recording += [_token("access-2"), *exchanges("intent-created")]
    with ReplayServer(recording, strict=True) as server:
        configure(settings, server)
        conf = helloasso.config()
        _create(conf, now=NOW)
        _create(conf, now=NOW + 1800 - 61)  # a minute and a second left: still good
        _create(conf, now=NOW + 1800 - 59)  # less than a minute: refreshed first
    tokens = [r.form() for r in server.received if r.path == "/oauth2/token"]
    assert tokens[1:] == [
        {
            "grant_type": ["refresh_token"],
            "client_id": ["remix-sample-client"],
            "refresh_token": ["remix-sample-refresh-1"],
        }
    ]
    assert server.received[-1].headers["Authorization"] == "Bearer access-2"


def test_a_refused_refresh_asks_for_a_new_token_with_the_credentials(settings):
    recording = exchanges("token", "intent-created")
    recording += [_token("", status=400), _token("access-3"), *exchanges("intent-created")]
    with ReplayServer(recording, strict=True) as server:
        configure(settings, server)
        conf = helloasso.config()
        _create(conf, now=NOW)
        _create(conf, now=NOW + 3600)
    grants = [r.form()["grant_type"] for r in server.received if r.path == "/oauth2/token"]
    assert grants == [["client_credentials"], ["refresh_token"], ["client_credentials"]]
    assert server.received[-1].headers["Authorization"] == "Bearer access-3"


def test_a_token_helloasso_no_longer_accepts_is_replaced_once(settings):
    intents = f"/v5/organizations/{ORGANIZATION}/checkout-intents"
    recording = [*exchanges("token"), answer("POST", intents, status=401), _token("access-4")]
    with ReplayServer(recording + exchanges("intent-created"), strict=True) as server:
        configure(settings, server)
        intent = _create(helloasso.config())
    assert intent.id == INTENT
    assert server.received[-1].headers["Authorization"] == "Bearer access-4"


@pytest.mark.parametrize("status", [400, 403, 500, 503])
def test_an_error_from_helloasso_is_an_api_error_with_its_status(settings, status):
    with replay("token", strict=False) as server:
        server.add("POST", f"/v5/organizations/{ORGANIZATION}/checkout-intents", status=status)
        configure(settings, server)
        with pytest.raises(helloasso.ApiError) as raised:
            _create(helloasso.config())
    assert raised.value.status == status


def test_helloasso_out_of_reach_is_an_api_error_without_status(settings):
    with replay() as server:
        configure(settings, server)
    # The server is stopped: nothing listens on its port any more.
    with pytest.raises(helloasso.ApiError) as raised:
        _create(helloasso.config())
    assert raised.value.status is None


def test_an_answer_without_a_redirect_url_is_refused(settings):
    with replay("token") as server:
        server.add("POST", f"/v5/organizations/{ORGANIZATION}/checkout-intents", body={"id": 1})
        configure(settings, server)
        with pytest.raises(helloasso.ApiError, match="redirectUrl"):
            _create(helloasso.config())


# --- what the API says was paid ------------------------------------------------------------------


def test_a_paid_intent_gives_its_authorized_payment_with_the_reference_the_api_kept(settings):
    with replay("token", "intent-paid", reference=REFERENCE) as server:
        configure(settings, server)
        [paid] = helloasso.intent_paid(helloasso.intent_get(helloasso.config(), INTENT, now=NOW))
    assert paid == helloasso.Paid(
        payment_id="15222",
        intent_id=INTENT,
        amount_minor=2500,
        reference=REFERENCE,
        paid_on=datetime.date(2026, 12, 7),
        means="card",
    )


def test_only_authorized_payments_count_and_a_tip_to_helloasso_is_not_the_associations():
    payment = {"id": 1, "amount": 2750, "amountTip": 250, "date": "2026-12-31T23:30:00+01:00"}
    intent = {
        "id": 7,
        "metadata": {"reference": REFERENCE},
        "order": {
            "payments": [
                {**payment, "state": "Authorized", "paymentMeans": "Card"},
                {**payment, "id": 2, "state": "Refused"},
                {**payment, "id": 3, "state": "Pending"},
            ]
        },
    }
    [paid] = helloasso.intent_paid(intent)
    assert (paid.payment_id, paid.amount_minor, paid.paid_on) == (
        "1",
        2500,
        datetime.date(2026, 12, 31),
    )
    assert helloasso.intent_paid({"id": 7, "metadata": {"reference": REFERENCE}}) == []


def test_an_unknown_intent_is_an_api_error_that_says_so(settings):
    with replay("token", "intent-unknown") as server:
        configure(settings, server)
        with pytest.raises(helloasso.ApiError) as raised:
            helloasso.intent_get(helloasso.config(), "99999999", now=NOW)
    assert raised.value.unknown
    with pytest.raises(helloasso.ApiError) as raised:
        helloasso.intent_get(helloasso.config(), "../payments", now=NOW)
    assert raised.value.unknown


# --- notifications -------------------------------------------------------------------------------


def _body(kind="order", **changes) -> bytes:
    return json.dumps(notification(kind, reference=REFERENCE, **changes)).encode()


@pytest.mark.parametrize("kind", ["order", "payment"])
def test_a_checkouts_notification_names_its_intent_and_organisation(kind):
    notice = helloasso.notice_read(_body(kind), {})
    assert notice == helloasso.Notice(
        kind=kind.title(), organization=ORGANIZATION, intent_id=INTENT
    )


def test_a_notification_about_something_else_than_a_checkout_is_not_read():
    assert helloasso.notice_read(_body(eventType="Form"), {}) is None
    order = notification("order")
    del order["data"]["checkoutIntentId"]
    assert helloasso.notice_read(json.dumps(order).encode(), {}) is None


def test_an_unreadable_notification_is_refused():
    for body in (b"not json", b"[1, 2]", json.dumps({"eventType": "Order", "data": 3}).encode()):
        with pytest.raises(helloasso.NoticeRefused, match="unreadable"):
            helloasso.notice_read(body, {})


def test_with_a_signature_key_the_header_must_sign_the_body():
    body = _body()
    good = {"x-ha-signature": helloasso.signature(body, "key-1")}
    assert helloasso.notice_read(body, good, key="key-1").intent_id == INTENT
    for headers in ({}, {"x-ha-signature": helloasso.signature(body, "key-2")}):
        with pytest.raises(helloasso.NoticeRefused, match="mismatch"):
            helloasso.notice_read(body, headers, key="key-1")
    with pytest.raises(helloasso.NoticeRefused, match="mismatch"):
        helloasso.notice_read(body + b" ", good, key="key-1")


def test_a_notification_is_believed_only_for_what_the_api_says_is_paid(settings):
    with replay("token", "intent-paid", reference=REFERENCE) as server:
        configure(settings, server)
        notice = helloasso.notice_read(_body(), {})
        [paid] = helloasso.notice_paid(helloasso.config(), notice, now=NOW)
    assert (paid.payment_id, paid.amount_minor, paid.reference) == ("15222", 2500, REFERENCE)


@pytest.mark.parametrize(
    ("recording", "intent_id", "code"),
    [("intent-unpaid", INTENT, "not_paid"), ("intent-unknown", "99999999", "unknown_intent")],
)
def test_a_forged_notification_is_refused_by_what_the_api_says(
    settings, recording, intent_id, code
):
    with replay("token", recording, reference=REFERENCE) as server:
        configure(settings, server)
        notice = helloasso.Notice(kind="Order", organization=ORGANIZATION, intent_id=intent_id)
        with pytest.raises(helloasso.NoticeRefused, match=code):
            helloasso.notice_paid(helloasso.config(), notice, now=NOW)


def test_another_organisations_notification_is_refused_without_asking_the_api(settings):
    with replay() as server:
        configure(settings, server)
        notice = helloasso.Notice(kind="Order", organization="autre-asso", intent_id=INTENT)
        with pytest.raises(helloasso.NoticeRefused, match="other_organization"):
            helloasso.notice_paid(helloasso.config(), notice, now=NOW)
    assert server.received == []


def test_a_notification_that_cannot_be_checked_is_refused_as_unavailable(settings):
    with replay("token", strict=False) as server:
        server.add("GET", f"/v5/organizations/{ORGANIZATION}/checkout-intents/{INTENT}", status=502)
        configure(settings, server)
        notice = helloasso.Notice(kind="Payment", organization=ORGANIZATION, intent_id=INTENT)
        with pytest.raises(helloasso.NoticeRefused, match="unavailable"):
            helloasso.notice_paid(helloasso.config(), notice, now=NOW)


def test_a_token_that_cannot_be_had_is_not_taken_for_an_unknown_intent(settings):
    with replay(strict=False) as server:
        server.add("POST", "/oauth2/token", status=404)
        configure(settings, server)
        notice = helloasso.Notice(kind="Order", organization=ORGANIZATION, intent_id=INTENT)
        with pytest.raises(helloasso.NoticeRefused, match="unavailable"):
            helloasso.notice_paid(helloasso.config(), notice, now=NOW)
