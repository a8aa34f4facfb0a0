"""A person's own activity in a browser: a steward whose carrier has handed its charge over
reads, on a phone and on a desktop, what she did (in words, by year) and the handover she took
part in, then follows it to the handover's page.

Locators are ids, classes and addresses, not texts: the texts change with the language."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.core.bulk import rows_insert
from remix.core.models import AuditEvent
from remix.stewardship.models import Step
from remix.stewardship.services import handover_step
from remix.stewardship.tests.handover_world import proposed, world
from remix.stewardship.tests.test_handover import MANUAL
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
URL = "/accounts/activity/"


@pytest.fixture
def the(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    def make_user(username, *, roles=()):
        user = user_signup(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            display_name=username.title(),
            language="fr",
        )
        for role in roles:
            role_grant(user=user, role=Role(role), recorder=None)
        return user

    made = world(make_user)
    handover = proposed(made)
    for step, who, extra in (
        (Step.ACCEPTED, made.yasmine, {}),
        (Step.CHECKED, made.louise, {"confirmed": MANUAL}),
        (Step.TRANSFERRED, made.mateo, {}),
        (Step.SIGNED_OUTGOING, made.louise, {}),
        (Step.DONE, made.yasmine, {}),
    ):
        handover = handover_step(handover=handover, step=step, recorder=who, **extra)
    # Two of louise's acts of an earlier year, for the year filter.
    earlier = timezone.now() - datetime.timedelta(days=400)
    rows_insert(
        AuditEvent,
        ("created_at", "recorder", "action", "object_type", "object_id", "data"),
        [
            (earlier, made.louise.pk, "ledger.transaction.posted", "ledger.transaction", "7", {}),
            (earlier, made.louise.pk, "funding.round.created", "funding.round", "3", {}),
        ],
    )
    made.handover, made.earlier = handover, earlier.year
    return made


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_past_steward_reads_what_she_did_and_the_handover_she_took_part_in(
    watched, the, viewport
):
    watch = watched(viewport=viewport)
    page = watch.page
    mine = AuditEvent.objects.filter(recorder=the.louise).count()

    log_in(page, "louise", URL)
    expect(page).to_have_url(re.compile(re.escape(URL) + "$"))
    expect(page.locator("table.activity tbody tr")).to_have_count(mine)
    expect(page.locator(".activity-terms li")).to_have_count(1)
    watch.check("activity")
    assert no_sideways_scroll(page)

    page.locator(f'.subnav a[href="?year={the.earlier}"]').click()
    expect(page.locator("table.activity tbody tr")).to_have_count(2)
    expect(page.locator(f'.subnav a[href="?year={the.earlier}"]')).to_have_attribute(
        "aria-current", "page"
    )
    watch.check("activity-year")
    assert no_sideways_scroll(page)

    page.locator(".activity-handovers a").first.click()
    handover_url = f"/stewardship/handovers/{the.handover.pk}/"
    expect(page).to_have_url(re.compile(re.escape(handover_url) + "$"))
    expect(page.locator(".step-done")).to_have_count(6)
    expect(page.locator(".steps")).to_contain_text("Louise")
    watch.check("handover")
