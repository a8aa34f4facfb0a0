"""An event in a browser: a visitor registers for the last place, the next one waits; the
platform's calendar shows the event; the project's manager reads who registered.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.events import services
from remix.events.tests import builders
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def the(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    manager = user_signup(
        username="gerante",
        email="gerante@example.org",
        password=PASSWORD,
        display_name="Gérante",
        language="fr",
    )
    role_grant(user=manager, role=Role.MEMBER, recorder=None)
    event = builders.event(
        capacity=2, contribution="fixed", amount="8", interpretation=["en", "es"], days=6
    )
    event.project.managers.add(manager)
    services.registration_create(event=event, name="Ana", email="ana@example.org")
    return {"event": event}


def test_the_last_place_then_the_waiting_list_then_who_registered(watched, the):
    event = the["event"]
    watch = watched(viewport=PHONE)
    page = watch.page

    page.goto(f"/events/{event.pk}/")
    expect(page.locator("h1")).to_have_text("Atelier semences")
    for name in ("Bintou", "Carlos"):
        form = page.locator("form[action$='/register/']")
        form.locator("#id_name").fill(name)
        form.locator("#id_email").fill(f"{name.lower()}@example.org")
        if name == "Bintou":
            watch.check("event")
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/events/{event.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("1")
    watch.check("waiting")
    assert no_sideways_scroll(page)

    page.goto("/funding/calendar/")
    expect(page.locator(f"a[href='/events/{event.pk}/']")).to_have_count(1)
    watch.check("calendar")

    desk = watched()
    log_in(desk.page, "gerante", f"/events/{event.pk}/registrations/")
    rows = desk.page.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(2)).to_contain_text("carlos@example.org")
    desk.check("registrations")
