"""A giver pays a pledge with Stripe Checkout: the session the SDK asks for, the return read from
Stripe's API, and a refusal that loses nothing. Stripe's API is a replay server on 127.0.0.1
answering exchanges written from its reference (``samples/stripe/``)."""

import pytest
import stripe
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from remix.contributions import providers
from remix.contributions.models import Contribution, PledgeStatus
from remix.contributions.tests import stripe_samples as s
from remix.core.models import AuditEvent
from remix.testutils.replay import ReplayServer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stripe(settings):
    s.configure(settings)


@pytest.fixture
def awa(client, make_user):
    user = make_user("awa", roles=["member"], language="fr")
    client.force_login(user)
    return user


def start_url(pledge) -> str:
    return reverse(
        "contributions:checkout_start",
        kwargs={"reference": s.compact(pledge.reference), "provider": "stripe"},
    )


def return_url(pledge) -> str:
    return reverse(
        "contributions:checkout_return",
        kwargs={"reference": s.compact(pledge.reference), "provider": "stripe"},
    )


def told(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_one_off_pledge_opens_a_card_checkout_for_its_amount_and_reference(client, awa, settings):
    promise = s.pledge(awa, amount="25")
    with s.replay(settings, "session-create-payment.json", reference=promise.reference) as api:
        response = client.post(start_url(promise))
    assert (response.status_code, response["Location"]) == (
        303,
        "https://checkout.stripe.com/c/pay/cs_test_a1RemixOnce",
    )
    [sent] = api.received
    form = {key: values[0] for key, values in sent.form().items()}
    reference = s.compact(promise.reference)
    back = f"http://testserver{return_url(promise)}"
    assert form == {
        "mode": "payment",
        "client_reference_id": reference,
        "metadata[reference]": reference,
        "payment_intent_data[metadata][reference]": reference,
        "payment_method_types[0]": "card",
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "eur",
        "line_items[0][price_data][unit_amount]": "2500",
        "line_items[0][price_data][product_data][name]": "Don à fiesta-2026",
        "success_url": back + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": back + "?cancelled=1",
        "locale": "fr",
    }
    assert sent.headers["Authorization"] == f"Bearer {s.SECRET_KEY}"
    assert sent.headers["Idempotency-Key"] == f"remix-checkout-{reference}"  # one per pledge
    assert sent.headers["Stripe-Version"] == stripe.api_version  # the shapes the samples follow
    assert not Contribution.objects.exists()


def test_a_monthly_pledge_opens_a_subscription_by_card_or_sepa_direct_debit(client, awa, settings):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    with s.replay(settings, "session-create-subscription.json", reference=promise.reference) as api:
        response = client.post(start_url(promise))
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_test_b1RemixMonthly"
    form = {key: values[0] for key, values in api.received[0].form().items()}
    reference = s.compact(promise.reference)
    assert (form["mode"], form["payment_method_types[0]"], form["payment_method_types[1]"]) == (
        "subscription",
        "card",
        "sepa_debit",
    )
    assert form["subscription_data[metadata][reference]"] == reference
    assert "payment_intent_data[metadata][reference]" not in form
    price_data = "line_items[0][price_data]"
    price = {k.removeprefix(price_data): v for k, v in form.items() if k.startswith(price_data)}
    assert price == {
        "[currency]": "eur",
        "[unit_amount]": "1500",
        "[recurring][interval]": "month",
        "[recurring][interval_count]": "1",
        "[product_data][name]": "Don à fiesta-2026",
    }


def test_a_pledge_in_francs_cfa_is_asked_in_whole_francs_by_card_only(client, awa, settings):
    promise = s.pledge(awa, amount="5000", commodity="XOF", frequency="yearly")
    with s.replay(settings, "session-create-subscription.json", reference=promise.reference) as api:
        client.post(start_url(promise))
    form = api.received[0].form()
    assert form["line_items[0][price_data][currency]"] == ["xof"]
    assert form["line_items[0][price_data][unit_amount]"] == ["5000"]
    assert form["line_items[0][price_data][recurring][interval]"] == ["year"]
    assert form["payment_method_types[0]"] == ["card"] and "payment_method_types[1]" not in form


def test_stripe_refusing_the_checkout_is_told_in_the_givers_language_and_loses_nothing(
    client, awa, settings
):
    promise = s.pledge(awa)
    with s.replay(settings, "session-create-refused.json", reference=promise.reference):
        response = client.post(start_url(promise))
    assert (response.status_code, response["Location"]) == (
        303,
        reverse("contributions:pledge", kwargs={"reference": s.compact(promise.reference)}),
    )
    [message] = told(response)
    assert message.startswith("Stripe n’a pas pu ouvrir la page de paiement (Stripe a refusé")
    promise.refresh_from_db()
    assert promise.status == PledgeStatus.ACTIVE
    assert not Contribution.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="funding.webhook.").exists()


def test_stripe_out_of_reach_is_told_as_such(client, awa, settings):
    promise = s.pledge(awa)
    closed = ReplayServer().start()
    settings.REMIX_STRIPE_API_BASE = closed.url
    closed.stop()  # nothing listens there any more
    response = client.post(start_url(promise))
    assert response.status_code == 303
    assert "Stripe est injoignable" in told(response)[0]
    assert not Contribution.objects.exists()


def test_the_return_asks_stripe_and_records_the_payment_the_webhooks_then_repeat(
    client, awa, settings
):
    promise = s.pledge(awa, amount="25")
    with s.replay(
        settings, "session-retrieve-payment-paid.json", reference=promise.reference
    ) as api:
        response = client.get(return_url(promise), {"session_id": "cs_test_a1RemixOnce"})
    assert response.status_code == 303
    assert told(response) == ["Paiement reçu, merci : il est inscrit dans les comptes."]
    assert api.received[0].query["expand[0]"] == ["payment_intent.payment_method"]
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.amount_minor, gift.commodity, gift.external_key) == (
        promise,
        2500,
        "EUR",
        "stripe:pi_3RemixOnce0001",
    )
    for name in ("event-session-completed-payment.json", "event-payment-intent-succeeded.json"):
        answer = s.deliver(s.event_body(name, promise.reference))
        assert (answer.status_code, answer.json()) == (200, {"status": "repeat"})
    assert Contribution.objects.count() == 1


def test_the_webhook_first_then_the_return_records_one_payment(client, awa, settings):
    promise = s.pledge(awa, amount="25")
    body = s.event_body("event-payment-intent-succeeded.json", promise.reference)
    assert s.deliver(body).json() == {"status": "recorded"}
    with s.replay(settings, "session-retrieve-payment-paid.json", reference=promise.reference):
        response = client.get(return_url(promise), {"session_id": "cs_test_a1RemixOnce"})
    assert told(response) == ["Paiement reçu, merci : il est inscrit dans les comptes."]
    assert Contribution.objects.get().external_key == "stripe:pi_3RemixOnce0001"


def test_a_return_naming_another_pledges_session_records_nothing(client, awa, settings):
    promise, other = s.pledge(awa), s.pledge(awa, amount="30")
    with s.replay(settings, "session-retrieve-payment-paid.json", reference=other.reference):
        response = client.get(return_url(promise), {"session_id": "cs_test_a1RemixOnce"})
    assert told(response)[0].startswith("Votre paiement est en cours de confirmation")
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"session_id": "forged", "paid": "1"}, "Votre paiement est en cours de confirmation"),
        ({}, "Votre paiement est en cours de confirmation"),
        ({"cancelled": "1"}, "Le paiement en ligne a été annulé : rien n’a été payé"),
    ],
)
def test_a_return_naming_no_session_of_stripe_asks_it_nothing_and_records_nothing(
    client, awa, settings, query, said
):
    promise = s.pledge(awa)
    with s.replay(settings) as api:
        response = client.get(return_url(promise), query)
    assert not api.received
    assert told(response)[0].startswith(said)
    assert not Contribution.objects.exists()


def test_stripe_out_of_reach_on_the_return_leaves_the_payment_to_the_webhook(client, awa):
    promise = s.pledge(awa)  # the settings' API base is a closed port
    response = client.get(return_url(promise), {"session_id": "cs_test_a1RemixOnce"})
    assert response.status_code == 303
    assert told(response)[0].startswith("Votre paiement est en cours de confirmation")
    assert not Contribution.objects.exists()


def test_a_checkout_is_started_only_with_the_forms_csrf_token(awa):
    promise = s.pledge(awa)
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(awa)
    assert guarded.post(start_url(promise)).status_code == 403


def test_a_direct_debit_still_processing_is_being_confirmed(client, awa, settings):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    with s.replay(
        settings, "session-retrieve-subscription-processing.json", reference=promise.reference
    ):
        response = client.get(return_url(promise), {"session_id": "cs_test_b1RemixMonthly"})
    assert told(response)[0].startswith("Votre paiement est en cours de confirmation")
    assert not Contribution.objects.exists()


def test_only_the_giver_starts_a_checkout_and_only_by_post(client, awa, make_user, settings):
    promise = s.pledge(awa)
    assert client.get(start_url(promise)).status_code == 405
    client.force_login(make_user("yasmine", roles=["member"]))
    with s.replay(settings) as api:
        assert client.post(start_url(promise)).status_code == 404
        assert client.get(return_url(promise), {"session_id": "cs_x"}).status_code == 404
    assert not api.received


def test_the_button_shows_with_both_secrets_and_for_a_payable_pledge_only(client, awa, settings):
    promise = s.pledge(awa)
    page = reverse("contributions:pledge", kwargs={"reference": s.compact(promise.reference)})
    assert "Payer en ligne avec Stripe" in client.get(page).content.decode()
    assert providers.checkouts_for(promise) == [providers.PROVIDERS["stripe"]]
    settings.REMIX_STRIPE_SECRET_KEY = ""
    assert "Payer en ligne" not in client.get(page).content.decode()
    assert client.post(start_url(promise)).status_code == 404
    settings.REMIX_STRIPE_SECRET_KEY, settings.REMIX_STRIPE_WEBHOOK_SECRET = s.SECRET_KEY, ""
    assert "Payer en ligne" not in client.get(page).content.decode()


def test_a_recurring_pledge_already_paid_through_stripe_offers_no_second_subscription(
    awa, settings
):
    promise = s.pledge(awa, amount="15", frequency="monthly")
    assert providers.checkouts_for(promise)
    body = s.event_body("event-invoice-paid.json", promise.reference)
    with s.replay(settings, "invoice-payments-sepa.json", reference=promise.reference):
        assert s.deliver(body).json() == {"status": "recorded"}
    assert providers.checkouts_for(promise) == []


def test_a_one_off_pledge_once_received_offers_no_second_payment(client, awa, settings):
    promise = s.pledge(awa, amount="25")
    body = s.event_body("event-payment-intent-succeeded.json", promise.reference)
    assert s.deliver(body).json() == {"status": "recorded"}
    assert providers.checkouts_for(promise) == []
    page = reverse("contributions:pledge", kwargs={"reference": s.compact(promise.reference)})
    assert "Payer en ligne" not in client.get(page).content.decode()
    assert client.post(start_url(promise)).status_code == 404


def test_the_pledge_page_lets_its_form_go_on_to_stripes_checkout_and_no_further(client, awa):
    promise = s.pledge(awa)
    page = reverse("contributions:pledge", kwargs={"reference": s.compact(promise.reference)})
    policy = client.get(page)["Content-Security-Policy"]
    [form_action] = [d for d in policy.split(";") if d.strip().startswith("form-action")]
    assert form_action.split() == ["form-action", "'self'", "https://checkout.stripe.com"]
