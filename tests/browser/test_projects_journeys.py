"""The mediation projects in a browser: a visitor reads what runs and how it is financed, a
project's page and what it gives back, on a desktop and a phone, and the dashboard's projects
beside the platform's budget.

Locators are ids, classes and addresses, not texts: the texts change with the language."""

import pytest
from playwright.sync_api import expect

from remix.catalogue.tests.builders import doc
from remix.projects import services
from remix.projects.tests.builders import gift, project, spend
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def the(transactional_db):
    fiesta = project("fiesta-des-communs", status="running", budget="8000")
    project("rencontre-semences", kind="meeting", status="planned", budget="3500")
    services.documents_add(project=fiesta, documents=[doc("Les actes de la fiesta")])
    gift("fiesta-des-communs", "1250", on="2026-03-01", giver="la-fabrique")
    spend("fiesta-des-communs", "400", on="2026-03-05")
    return fiesta


def test_a_visitor_reads_the_projects_and_how_each_is_financed(watched, the):
    watch = watched()
    page = watch.page

    page.goto("/projects/")
    cards = page.locator(".project-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("1\u202f250,00")
    watch.check("projects")
    page.locator("a[href$='/projects/fiesta-des-communs/']").first.click()

    expect(page.locator("#back-title + .project-figures")).to_contain_text("1")
    expect(page.locator("#documents-title + ul")).to_contain_text("Les actes de la fiesta")
    watch.check("project")

    page.goto("/budget/dashboard/?period=2026")
    expect(page.locator("#projects-beside")).to_be_visible()
    watch.check("dashboard-beside")

    phone = watched(viewport=PHONE).page
    phone.goto("/projects/fiesta-des-communs/")
    expect(phone.locator(".project-figures").first).to_be_visible()
    assert no_sideways_scroll(phone)
