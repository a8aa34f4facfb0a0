"""The charter in a browser: a steward publishes a new version; a visitor finds the charter from
the footer, goes to an article, reads the history on a phone and what changed.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.charter.demo import load_charter
from remix.charter.models import CharterVersion
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def charter(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    louise = user_signup(
        username="louise",
        email="louise@example.org",
        password=PASSWORD,
        display_name="Louise Tremblay",
        language="fr",
    )
    role_grant(user=louise, role=Role.STEWARD, recorder=None)
    load_charter()


def test_a_steward_publishes_and_a_visitor_reads_the_history(watched, charter):
    steward = watched()
    log_in(steward.page, "louise", "/charter/fr/edit/")
    body = steward.page.locator("#id_body")
    expect(body).to_have_value(re.compile("Comment la charte change"))
    steward.check("edit")
    body.fill(body.input_value() + "\nLes versions anciennes restent citées telles quelles.\n")
    steward.page.locator("#id_summary").fill("Précise que les citations anciennes restent")
    steward.page.locator("main form button[type=submit]").click()
    expect(steward.page).to_have_url(re.compile("/charter/fr/3/$"))
    assert CharterVersion.objects.filter(language="fr").count() == 3

    visitor = watched(viewport=PHONE)
    visitor.page.goto("/")
    visitor.page.locator("footer a[href='/charter/']").click()
    expect(visitor.page.locator("#art-3-ce-qui-est-masque")).to_be_visible()
    visitor.page.locator("nav.charter-articles a[href='#art-3-ce-qui-est-masque']").click()
    expect(visitor.page).to_have_url(re.compile("#art-3-ce-qui-est-masque$"))
    assert no_sideways_scroll(visitor.page)
    visitor.check("charter")
    visitor.page.goto("/charter/fr/history/")
    expect(visitor.page.locator("main table tbody tr")).to_have_count(3)
    assert no_sideways_scroll(visitor.page)
    visitor.check("history")
    visitor.page.locator("main form button[type=submit]").click()
    expect(visitor.page).to_have_url(re.compile(r"/charter/fr/compare/\?from=1&to=3$"))
    expect(visitor.page.locator("main ins").first).to_be_visible()
    visitor.check("diff")
