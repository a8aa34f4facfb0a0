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
from remix.stewardship.tests.handover_world import proposed
from remix.stewardship.tests.test_handover import _walk
from tests.browser.conftest import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
URL = "/accounts/activity/"


@pytest.fixture
def signed(stewardship_world):
    """The stewardship journeys' world, its handover signed by both carriers."""
    made = stewardship_world
    handover = _walk(made, proposed(made), until=Step.DONE)
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
    watched, signed, viewport
):
    watch = watched(viewport=viewport)
    page = watch.page
    mine = AuditEvent.objects.filter(recorder=signed.louise).count()

    log_in(page, "louise", URL)
    expect(page).to_have_url(re.compile(re.escape(URL) + "$"))
    expect(page.locator("table.activity tbody tr")).to_have_count(mine)
    expect(page.locator(".activity-terms li")).to_have_count(1)
    watch.check("activity")
    assert no_sideways_scroll(page)

    page.locator(f'.subnav a[href="?year={signed.earlier}"]').click()
    expect(page.locator("table.activity tbody tr")).to_have_count(2)
    expect(page.locator(f'.subnav a[href="?year={signed.earlier}"]')).to_have_attribute(
        "aria-current", "page"
    )
    watch.check("activity-year")
    assert no_sideways_scroll(page)

    page.locator(".activity-handovers a").first.click()
    handover_url = f"/stewardship/handovers/{signed.handover.pk}/"
    expect(page).to_have_url(re.compile(re.escape(handover_url) + "$"))
    expect(page.locator(".step-done")).to_have_count(6)
    expect(page.locator(".steps")).to_contain_text("Louise")
    watch.check("handover")
