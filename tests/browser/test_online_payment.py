"""Paying online in a browser: a member pledges to the platform, presses « Payer en ligne avec
Stripe », lands on Stripe's checkout, and comes back to read that the payment is received.

Stripe is a replay server on 127.0.0.1 (``remix/contributions/tests/samples/stripe/``): it answers
the session the SDK creates, serves a minimal page at the checkout's address, and answers the
session read back on the return. Stripe's signed webhook is posted to the live server over HTTP
before the giver returns, as Stripe does; the payment is recorded once.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.contributions.models import Contribution, Pledge
from remix.contributions.tests import stripe_samples as s
from tests.browser.conftest import (
    log_in_member,
    member_create,
    no_sideways_scroll,
    pledge_once,
    post_json,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CHECKOUT_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Stripe Checkout (replayed)</title><link rel="icon" href="data:,"></head>
<body><main><h1>Pay Remix</h1><p id="amount">€25.00</p>
<a id="pay" href="{back}">Pay</a></main></body></html>"""


@pytest.fixture
def fatou(transactional_db, settings):
    s.configure(settings)
    return member_create("fatou", "Fatou Sarr")


def _stripe_answers(server, pledge, live_url: str) -> None:
    """The session the SDK creates, its checkout page, and the session read back once paid."""
    reference = s.compact(pledge.reference)
    [created] = s.sample("session-create-payment.json", reference)
    created["response"]["body"]["url"] = f"{server.url}/c/pay/cs_test_a1RemixOnce"
    back = f"{live_url}/contribute/pledges/{reference}/paid/stripe/?session_id=cs_test_a1RemixOnce"
    server.add("POST", "/v1/checkout/sessions", body=created["response"]["body"])
    server.add(
        "GET",
        "/c/pay/cs_test_a1RemixOnce",
        body=CHECKOUT_PAGE.format(back=back),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    [paid] = s.sample("session-retrieve-payment-paid.json", reference)
    server.add("GET", paid["request"]["path"], body=paid["response"]["body"])


def _webhook(live_url: str, pledge) -> dict:
    body = s.event_body("event-session-completed-payment.json", pledge.reference)
    return post_json(f"{live_url}{s.HOOK}", body, **{"Stripe-Signature": s.signed(body)})


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "desktop"])
def test_a_giver_pays_her_pledge_online_and_reads_that_it_is_received(
    watched, fatou, live_server, settings, viewport
):
    watch = watched(viewport=viewport)
    page = watch.page
    with s.replay(settings) as stripe:
        settings.REMIX_STRIPE_CHECKOUT_ORIGIN = stripe.url
        log_in_member(page, "fatou", "/contribute/give/plateforme/")
        pledge_once(page, "25")

        pledge = Pledge.objects.get(user=fatou)
        compact = s.compact(pledge.reference)
        expect(page).to_have_url(re.compile(rf"/contribute/pledges/{compact}/$"))
        pay = page.locator("form[action$='/pay/stripe/'] button[type=submit]")
        expect(pay).to_be_visible()
        expect(page.locator("main")).to_contain_text(pledge.reference)  # the transfer, beside
        watch.check("pledge-with-pay-online")
        assert no_sideways_scroll(page)

        _stripe_answers(stripe, pledge, live_server.url)
        pay.click()
        expect(page).to_have_url(f"{stripe.url}/c/pay/cs_test_a1RemixOnce")
        expect(page.locator("#amount")).to_have_text("€25.00")

        assert _webhook(live_server.url, pledge) == {"status": "recorded"}
        page.locator("#pay").click()
        expect(page).to_have_url(re.compile(rf"/contribute/pledges/{compact}/$"))
        expect(page.locator("main")).to_contain_text("Paiement reçu")
        watch.check("pledge-paid")

    sent = stripe.received[0].form()
    assert (sent["mode"], sent["line_items[0][price_data][unit_amount]"]) == (["payment"], ["2500"])
    gift = Contribution.objects.get(pledge=pledge)
    assert (gift.amount_minor, gift.external_key) == (2500, "stripe:pi_3RemixOnce0001")
    assert watch.problems == []
