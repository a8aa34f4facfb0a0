"""Stewardship in a browser (JOURNEYS.md): anyone reads who carried each charge; the outgoing
fiscal host proposes a handover, the incoming cooperative accepts on a phone, the checklist is
gone through, the treasurer moves the balance, and both sign: the steward role passes.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.accounts.models import User
from remix.ledger.models import Account
from remix.stewardship.models import Handover, Term
from remix.stewardship.tests.handover_world import BANK
from tests.browser.conftest import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _log_in(page, username, next_url):
    log_in(page, username, next_url)
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_anyone_reads_the_carriers_of_each_charge(watched, stewardship_world, viewport):
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/stewardship/")

    carriers = page.locator("#charge-carrier + .timeline .term-carrier")
    expect(carriers).to_have_count(3)
    expect(carriers.first).to_contain_text("SCIC des Communs")
    expect(page.locator("#charge-fiscal_host + .timeline")).to_contain_text("La Fabrique")
    watch.check("history")
    assert no_sideways_scroll(page)


def _step(watch, username, url, label, *, confirm=(), said=True):
    page = watch.page
    _log_in(page, username, url)
    for value in confirm:
        page.locator(f"input[name=confirmed][value={value}]").check()
    watch.check(label)
    assert no_sideways_scroll(page)
    page.locator(".step-form button[type=submit]").click()
    if said:  # the last signer becomes a steward: the site asks them for a second factor first
        expect(page.locator(".messages")).to_be_visible()


def test_a_handover_walked_through_moves_the_charge_and_the_role(watched, stewardship_world):
    made = stewardship_world
    outgoing = watched()
    page = outgoing.page
    _log_in(page, "louise", "/stewardship/handovers/new/")
    page.locator("#id_term").select_option(str(made.outgoing_term.pk))
    page.locator("#id_incoming").select_option(str(made.incoming.pk))
    page.locator("#id_effective_date").fill("2026-07-01")
    page.locator("#id_incoming_people").fill("yasmine")
    page.locator("#id_from_account").select_option(str(Account.objects.get(code=BANK).pk))
    page.locator("#id_to_account").select_option(str(made.new_bank.pk))
    page.locator("#id_hours_per_month").fill("6")
    outgoing.check("propose")
    page.locator("main form button[type=submit]").click()
    handover = Handover.objects.get()
    url = f"/stewardship/handovers/{handover.pk}/"
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    outgoing.check("proposed")

    _step(watched(viewport=PHONE), "yasmine", url, "accept")
    _step(
        watched(),
        "louise",
        url,
        "checklist",
        confirm=("bank_mandate", "domain_hosting", "archives"),
    )
    _step(watched(), "mateo", url, "transfer")
    _step(watched(), "louise", url, "sign-outgoing")
    _step(watched(viewport=PHONE), "yasmine", url, "sign-incoming", said=False)

    done = watched(viewport=PHONE)
    done.page.goto(url)
    expect(done.page.locator(".step-done")).to_have_count(6)
    done.check("done")
    assert Term.objects.get(charge="fiscal_host", end_date__isnull=True).carrier == made.incoming
    assert User.objects.get(username="yasmine").has_role("steward")
    assert not User.objects.get(username="louise").has_role("steward")
