"""Paying online with HelloAsso in a browser: a member pledges 25 € to the platform, presses
« Payer en ligne avec HelloAsso », lands on HelloAsso's checkout, pays, and comes back to read
that the payment is received; HelloAsso's notification of the same payment then records nothing
more.

HelloAsso is a replay server on 127.0.0.1 (``remix/contributions/tests/samples/helloasso/``): it
answers the token and the checkout intent the client asks for, serves a minimal page at the
intent's ``redirectUrl``, and answers the intent read back, paid, on the return and on the
notification. Locators are ids, names and addresses, not button texts, except the French texts
the journey is about."""

import json
import re

import pytest
from playwright.sync_api import expect

from remix.contributions.models import Contribution, Pledge
from remix.contributions.tests import helloasso_samples as ha
from remix.testutils.replay import ReplayServer
from tests.browser.conftest import (
    log_in_member,
    member_create,
    no_sideways_scroll,
    pledge_once,
    post_json,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CHECKOUT = "/associations/association-remix/checkout/e7a1c2b0d4f94b6e9a5c3f1d2b8e6a40"
CHECKOUT_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>HelloAsso Checkout (rejoué)</title><link rel="icon" href="data:,"></head>
<body><main><h1>Association Remix</h1><p id="amount">25,00 €</p>
<a id="pay" href="{back}">Payer</a></main></body></html>"""


@pytest.fixture
def lucie(transactional_db):
    return member_create("lucie", "Lucie Martin")


def _helloasso_answers(server, reference: str, live_url: str) -> None:
    """The intent the client creates, its checkout page, and the intent read back once paid
    (on the giver's return, then on the notification)."""
    server.exchanges += ReplayServer(ha.exchanges("token", "intent-created")).exchanges
    server.exchanges[-1].body["redirectUrl"] = server.url + CHECKOUT
    back = (
        f"{live_url}/contribute/pledges/{reference}/paid/helloasso/"
        f"?checkoutIntentId={ha.INTENT}&code=succeeded&orderId=22707"
    )
    html = {"Content-Type": "text/html; charset=utf-8"}
    server.add("GET", CHECKOUT, body=CHECKOUT_PAGE.format(back=back), headers=html)
    paid = ha.exchanges("intent-paid", "intent-paid", reference=reference)
    server.exchanges += ReplayServer(paid).exchanges


def _notify(live_url: str, reference: str) -> dict:
    body = json.dumps(ha.notification("order", reference=reference)).encode()
    return post_json(f"{live_url}/hooks/helloasso/", body)


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "desktop"])
def test_a_giver_pays_her_pledge_with_helloasso_and_reads_that_it_is_received(
    watched, lucie, live_server, settings, viewport
):
    watch = watched(viewport=viewport)
    page = watch.page
    with ReplayServer(strict=True) as helloasso:
        ha.configure(settings, helloasso)
        log_in_member(page, "lucie", "/contribute/give/plateforme/")
        pledge_once(page, "25")

        pledge = Pledge.objects.get(user=lucie)
        reference = pledge.reference.replace(" ", "")
        expect(page).to_have_url(re.compile(rf"/contribute/pledges/{reference}/$"))
        pay = page.locator("form[action$='/pay/helloasso/'] button[type=submit]")
        expect(pay).to_have_text("Payer en ligne avec HelloAsso")
        expect(page.locator("main")).to_contain_text(pledge.reference)  # the transfer, beside
        watch.check("pledge-with-helloasso")
        assert no_sideways_scroll(page)

        _helloasso_answers(helloasso, reference, live_server.url)
        pay.click()
        expect(page).to_have_url(helloasso.url + CHECKOUT)
        expect(page.locator("#amount")).to_have_text("25,00 €")

        page.locator("#pay").click()
        expect(page).to_have_url(re.compile(rf"/contribute/pledges/{reference}/$"))
        expect(page.locator("main")).to_contain_text("Paiement reçu, merci")
        expect(pay).to_have_count(0)  # paid: no second payment offered
        watch.check("pledge-paid-with-helloasso")
        assert no_sideways_scroll(page)

        assert _notify(live_server.url, reference) == {"status": "repeat"}

    sent = next(r for r in helloasso.received if r.path.endswith("/checkout-intents")).json()
    assert (sent["totalAmount"], sent["metadata"]) == (2500, {"reference": reference})
    assert sent["returnUrl"] == f"{live_server.url}/contribute/pledges/{reference}/paid/helloasso/"
    gift = Contribution.objects.get(pledge=pledge)
    assert (gift.amount_minor, gift.provider, gift.external_key) == (
        2500,
        "helloasso",
        "helloasso:15222",
    )
