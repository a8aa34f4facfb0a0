"""The fiscal host's bank account through a handover, in a browser: the give page names the
holder of the account; the outgoing steward proposes the handover with the recorded accounts
already chosen; once it is done, the give page and a monthly pledge's page name the incoming
cooperative and its IBAN, on a phone and a desktop.

Locators are ids, classes and addresses, not texts: the texts change with the language."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from remix.accounts.models import User
from remix.ledger.models import Account
from remix.ledger.services import account_create, bank_account_record
from remix.stewardship.models import Handover, Step
from remix.stewardship.services import handover_step
from tests.browser.conftest import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

GIVE = "/contribute/give/plateforme/"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def banked(stewardship_world):
    """The stewardship journeys' world, with the fiscal hosts' accounts recorded: La Fabrique's
    held, the cooperative's waiting for the handover."""
    bank_account_record(
        account=Account.objects.get(code="Assets:Bank:Current"),
        holder=stewardship_world.outgoing_term.carrier,
        iban="FR2510278073000002019870117",
        held_from=datetime.date(2019, 1, 1),
    )
    bank_account_record(
        account=stewardship_world.new_bank,
        holder=stewardship_world.incoming,
        iban="FR7342559100000123456789012",
        bic="CCOPFRPP",
    )
    return stewardship_world


def _walk_to_the_end(world, handover):
    steps = [
        (Step.ACCEPTED, world.yasmine, {}),
        (Step.CHECKED, world.louise, {"confirmed": ["archives", "bank_mandate", "domain_hosting"]}),
        (Step.TRANSFERRED, world.mateo, {}),
        (Step.SIGNED_OUTGOING, world.louise, {}),
        (Step.DONE, world.yasmine, {}),
    ]
    for step, who, extra in steps:
        handover = handover_step(handover=handover, step=step, recorder=who, **extra)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_give_page_names_the_new_holder_after_a_handover(watched, banked, viewport):
    world = banked
    before = watched(viewport=viewport)
    before.page.goto(GIVE)
    expect(before.page.locator(".bank-holder")).to_contain_text("La Fabrique")
    expect(before.page.locator(".bank-holder")).to_contain_text("FR25 1027 8073")
    before.check("give-before")

    proposing = watched(viewport=viewport)
    page = proposing.page
    log_in(page, "louise", "/stewardship/handovers/new/")
    expect(page).to_have_url(re.compile(r"/stewardship/handovers/new/$"))
    # The recorded accounts are chosen already: the outgoing host's, the one waiting for the next.
    expect(page.locator("#id_from_account")).to_have_value(
        str(Account.objects.get(code="Assets:Bank:Current").pk)
    )
    expect(page.locator("#id_to_account")).to_have_value(str(world.new_bank.pk))
    page.locator("#id_term").select_option(str(world.outgoing_term.pk))
    page.locator("#id_incoming").select_option(str(world.incoming.pk))
    page.locator("#id_effective_date").fill("2026-07-01")
    page.locator("#id_incoming_people").fill("yasmine")
    proposing.check("propose")
    assert no_sideways_scroll(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/stewardship/handovers/\d+/$"))
    _walk_to_the_end(world, Handover.objects.get())

    after = watched(viewport=viewport)
    after.page.goto(GIVE)
    holder = after.page.locator(".bank-holder")
    expect(holder).to_contain_text("Coopérative des Communs")
    expect(holder).to_contain_text("FR73 4255 9100 0001 2345 6789 012")
    after.check("give-after")
    assert no_sideways_scroll(after.page)

    giver = watched(viewport=viewport)
    reference = world.pledge.reference.replace(" ", "")
    log_in(giver.page, "awa", f"/contribute/pledges/{reference}/")
    expect(giver.page.locator("dd.bank-holder")).to_have_text("Coopérative des Communs")
    expect(giver.page.locator(".transfer")).to_contain_text("FR73 4255 9100 0001 2345 6789 012")
    expect(giver.page.locator(".transfer .reference")).to_have_text(world.pledge.reference)
    giver.check("pledge-after")
    assert no_sideways_scroll(giver.page)
    assert User.objects.get(username="yasmine").has_role("steward")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_treasurer_records_the_next_holders_account(watched, banked, viewport):
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "mateo", "/budget/books/bank-accounts/")
    expect(page).to_have_url(re.compile(r"/budget/books/bank-accounts/$"))
    expect(page.locator(".bank-held")).to_contain_text("La Fabrique")
    expect(page.locator("table.bank-accounts tbody tr")).to_have_count(2)
    watch.check("bank-accounts")
    assert no_sideways_scroll(page)
    later = account_create(code="Assets:Bank:Later", name={"fr": "Plus tard"}, is_cash=True)
    page.reload()
    page.locator("#id_account").select_option(str(later.pk))
    page.locator("#id_holder").select_option(str(banked.incoming.pk))
    page.locator("#id_iban").fill("FR62 1680 7001 2304 5678 9012 345")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("table.bank-accounts tbody tr")).to_have_count(3)
    watch.check("bank-accounts-recorded")
