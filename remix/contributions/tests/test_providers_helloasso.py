"""HelloAsso as a way to pay a pledge: the checkout it opens, the giver's return and its
notifications, each checked with HelloAsso's API (recorded exchanges replayed on 127.0.0.1)
before anything reaches the books, and each payment recorded once."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from remix.contributions import providers
from remix.contributions.models import Contribution
from remix.contributions.services import pledge_create
from remix.contributions.tests import builders
from remix.contributions.tests.helloasso_samples import (
    INTENT,
    ORGANIZATION,
    answer,
    configure,
    exchanges,
    notification,
    replay,
)
from remix.core.models import AuditEvent
from remix.ledger.models import Posting
from remix.testutils.replay import ReplayServer

pytestmark = pytest.mark.django_db
HOOK = "/hooks/helloasso/"
OTHER_REFERENCE = "RF18RMX000000000000000042"  # a pledge of somebody else
INTENT_PATH = f"/v5/organizations/{ORGANIZATION}/checkout-intents/{INTENT}"


@pytest.fixture
def awa(make_user):
    return make_user("awa", roles=["member"], language="fr")


@pytest.fixture
def giver(awa):
    client = Client()
    client.force_login(awa)
    return client


def pledge(user, *, amount="25", commodity="EUR", frequency="once"):
    made, _created = pledge_create(
        fund=builders.platform(),
        amount=amount,
        commodity=commodity,
        frequency=frequency,
        giver=builders.giver(user),
    )
    return made


def compact(promise) -> str:
    return promise.reference.replace(" ", "")


def url(name: str, promise, *, language="fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"contributions:{name}", kwargs={"reference": compact(promise), **kwargs})


def returned(client, promise, **query):
    path = url("checkout_return", promise, provider="helloasso")
    return client.get(path, query, follow=True)


def deliver(body: dict | bytes, **headers):
    """As HelloAsso posts it: JSON, no session, no CSRF token."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Client(enforce_csrf_checks=True).post(
        HOOK, data=data, content_type="application/json", headers=headers
    )


def gifts():
    return list(Contribution.objects.values_list("external_key", "provider", "amount_minor"))


# --- offered, or not -----------------------------------------------------------------------------


def test_without_settings_helloasso_offers_nothing_and_its_hook_is_not_found(awa, giver):
    promise = pledge(awa)
    assert providers.checkouts_for(promise) == []
    assert "HelloAsso" not in giver.get(url("pledge", promise)).content.decode()
    assert deliver(notification("order", reference=compact(promise))).status_code == 404


def test_helloasso_takes_one_payment_in_euros_and_no_regular_gift(settings, awa, giver):
    with replay() as server:
        configure(settings, server)
        once, monthly = pledge(awa), pledge(awa, frequency="monthly")
        in_xof = pledge(awa, amount="5000", commodity="XOF")
        assert providers.checkouts_for(once) == [providers.PROVIDERS["helloasso"]]
        assert providers.checkouts_for(monthly) == providers.checkouts_for(in_xof) == []
        page = giver.get(url("pledge", once)).content.decode()
    assert "Payer en ligne avec HelloAsso" in page


# --- the checkout and the return -----------------------------------------------------------------


def test_the_giver_is_sent_to_helloasso_with_the_pledges_amount_reference_and_return(
    settings, awa, giver
):
    promise = pledge(awa)
    with replay("token", "intent-created") as server:
        configure(settings, server)
        start = url("checkout_start", promise, provider="helloasso", language="en")
        response = giver.post(start)
    assert response.status_code == 303
    assert response["Location"].startswith("https://www.helloasso.com/associations/")
    sent = server.received[-1].json()
    back = "http://testserver" + url(
        "checkout_return", promise, provider="helloasso", language="en"
    )
    assert sent == {
        "totalAmount": 2500,
        "initialAmount": 2500,
        "itemName": "Donner à la plateforme",  # in the giver's language, whatever the page's
        "backUrl": back + "?cancelled=1",
        "errorUrl": back + "?cancelled=1",
        "returnUrl": back,
        "containsDonation": True,
        "metadata": {"reference": compact(promise)},
    }
    assert gifts() == []


@pytest.mark.parametrize("status", [400, 500])
def test_helloasso_refusing_the_checkout_says_so_and_the_pledge_stands(
    settings, awa, giver, status
):
    promise = pledge(awa)
    with replay("token", strict=False) as server:
        server.add("POST", f"/v5/organizations/{ORGANIZATION}/checkout-intents", status=status)
        configure(settings, server)
        response = giver.post(url("checkout_start", promise, provider="helloasso"), follow=True)
    assert response.redirect_chain == [(url("pledge", promise), 303)]
    assert "HelloAsso n’a pas pu ouvrir le paiement pour l’instant" in response.content.decode()
    assert gifts() == [] and promise.status == "active"


def test_back_from_helloasso_the_payment_the_api_confirms_is_in_the_books(settings, awa, giver):
    promise = pledge(awa)
    with replay("token", "intent-paid", reference=compact(promise)) as server:
        configure(settings, server)
        page = returned(giver, promise, checkoutIntentId=INTENT, code="succeeded", orderId="22707")
    assert "Paiement reçu, merci" in page.content.decode()
    assert "Payer en ligne avec HelloAsso" not in page.content.decode()  # paid: not twice
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.provider, gift.external_key) == (
        promise,
        "helloasso",
        "helloasso:15222",
    )
    assert (gift.amount_minor, gift.commodity, str(gift.date)) == (2500, "EUR", "2026-12-07")
    assert gift.payment_method == "card"  # the paymentMeans HelloAsso's API gave
    assert gift.transaction.is_posted
    assert {p.fund_id for p in Posting.objects.filter(transaction=gift.transaction)} == {
        promise.fund_id
    }


def test_a_return_that_says_succeeded_records_nothing_the_api_does_not_confirm(
    settings, awa, giver
):
    promise = pledge(awa)
    with replay("token", "intent-unpaid", reference=compact(promise)) as server:
        configure(settings, server)
        page = returned(giver, promise, checkoutIntentId=INTENT, code="succeeded")
    assert "Votre paiement est en cours de confirmation" in page.content.decode()
    assert gifts() == []


def test_a_return_with_another_pledges_intent_records_nothing_here(settings, awa, giver):
    promise = pledge(awa)
    with replay("token", "intent-paid", reference=OTHER_REFERENCE) as server:
        configure(settings, server)
        returned(giver, promise, checkoutIntentId=INTENT, code="succeeded")
    assert gifts() == []


def test_helloasso_down_on_the_return_loses_nothing_the_notification_brings_it(
    settings, awa, giver
):
    promise = pledge(awa)
    down = answer("GET", INTENT_PATH, status=503)
    recording = [*exchanges("token"), down, *exchanges("intent-paid", reference=compact(promise))]
    with ReplayServer(recording, strict=True) as server:
        configure(settings, server)
        page = returned(giver, promise, checkoutIntentId=INTENT, code="succeeded")
        assert "en cours de confirmation" in page.content.decode() and gifts() == []
        response = deliver(notification("order", reference=compact(promise)))
    assert response.json() == {"status": "recorded"}
    assert gifts() == [("helloasso:15222", "helloasso", 2500)]


def test_a_cancelled_checkout_records_nothing_and_asks_nothing(settings, awa, giver):
    promise = pledge(awa)
    with replay() as server:
        configure(settings, server)
        page = returned(giver, promise, cancelled="1", checkoutIntentId=INTENT)
    assert "Le paiement en ligne a été annulé" in page.content.decode()
    assert server.received == [] and gifts() == []


# --- notifications -------------------------------------------------------------------------------


def test_the_notifications_and_the_return_of_one_payment_record_it_once(settings, awa, giver):
    promise = pledge(awa)
    paid = ["intent-paid"] * 4
    with replay("token", *paid, reference=compact(promise)) as server:
        configure(settings, server)
        answers = [
            deliver(notification("order", reference=compact(promise))).json(),
            deliver(notification("payment", reference=compact(promise))).json(),
            deliver(notification("order", reference=compact(promise))).json(),
        ]
        returned(giver, promise, checkoutIntentId=INTENT, code="succeeded")
    assert answers == [{"status": "recorded"}, {"status": "repeat"}, {"status": "repeat"}]
    assert gifts() == [("helloasso:15222", "helloasso", 2500)]
    assert not AuditEvent.objects.filter(action__startswith="funding.webhook.").exists()


def test_a_notification_is_not_believed_for_its_amount_or_its_reference(settings, awa):
    promise, other = pledge(awa), pledge(awa, amount="30")
    body = notification("order", reference=compact(other))
    body["data"]["payments"][0]["amount"] = 999_999
    with replay("token", "intent-paid", reference=compact(promise)) as server:
        configure(settings, server)
        assert deliver(body).json() == {"status": "recorded"}
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.amount_minor) == (promise, 2500)


@pytest.mark.parametrize(
    ("recording", "intent_id", "code"),
    [("intent-unpaid", INTENT, "not_paid"), ("intent-unknown", 99999999, "unknown_intent")],
)
def test_a_forged_notification_is_refused_and_records_nothing(
    settings, awa, recording, intent_id, code
):
    promise = pledge(awa)
    body = notification("order", reference=compact(promise))
    body["data"]["checkoutIntentId"] = intent_id
    with replay("token", recording, reference=compact(promise)) as server:
        configure(settings, server)
        response = deliver(body)
    assert (response.status_code, response.json()) == (400, {"error": {"code": code}})
    assert gifts() == []


def test_another_organisations_notification_is_refused(settings, awa):
    body = notification("payment", reference=compact(pledge(awa)))
    body["data"]["order"]["organizationSlug"] = "une-autre-association"
    with replay() as server:
        configure(settings, server)
        response = deliver(body)
    assert response.json() == {"error": {"code": "other_organization"}} and gifts() == []


def test_with_a_signature_key_an_unsigned_notification_is_refused(settings, awa):
    promise = pledge(awa)
    body = json.dumps(notification("order", reference=compact(promise))).encode()
    with replay("token", "intent-paid", reference=compact(promise)) as server:
        configure(settings, server, signature_key="ha-signature-key")
        refused = deliver(body, **{"x-ha-signature": "0" * 64})
        assert (refused.status_code, refused.json()["error"]["code"]) == (400, "mismatch")
        signed = {"x-ha-signature": providers.helloasso.signature(body, "ha-signature-key")}
        assert deliver(body, **signed).json() == {"status": "recorded"}


def test_helloasso_down_when_notified_answers_503_so_it_is_sent_again(settings, awa):
    promise = pledge(awa)
    body = notification("payment", reference=compact(promise))
    recording = [*exchanges("token"), answer("GET", INTENT_PATH, status=500)]
    with ReplayServer(recording + exchanges("intent-paid", reference=compact(promise))) as server:
        configure(settings, server)
        first = deliver(body)
        assert (first.status_code, first.json()) == (503, {"error": {"code": "unavailable"}})
        assert gifts() == []
        assert deliver(body).json() == {"status": "recorded"}


def test_a_notification_about_something_else_is_acknowledged_and_ignored(settings):
    with replay() as server:
        configure(settings, server)
        response = deliver({"eventType": "Form", "data": {"organizationSlug": ORGANIZATION}})
    assert response.json() == {"status": "ignored"} and server.received == []
