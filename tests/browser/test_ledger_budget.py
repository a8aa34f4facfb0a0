"""The visitor in Montréal, reading in French, opens the open budget (JOURNEYS.md)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from remix.ledger.tests.test_public import load_year
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.fixture
def year(transactional_db):
    return load_year()


def test_a_visitor_reads_the_open_budget_downloads_it_and_sends_it_in_spanish(watched, year):
    watch = watched()
    page = watch.page

    page.goto("/")
    budget_link = page.locator("main a[href='/budget/']").first
    budget_link.click()
    expect(page).to_have_url(re.compile(r"/budget/$"))
    page.goto("/budget/?fund=plateforme&period=2026")
    headline = page.locator(".headline")
    expect(headline).to_contain_text(f"12{NNBSP}000,00{NBSP}€")  # needs
    expect(headline).to_contain_text(f"6{NNBSP}080,00{NBSP}€")  # monetary resources
    # What is missing, with its period: 5 920 € over 2026, 493,33 € a month.
    expect(page.locator(".money-headline")).to_contain_text(
        f"2026 : il manque 5{NNBSP}920{NBSP}€, soit 493,33{NBSP}€ par mois"
    )
    expect(page.locator(".figures")).to_contain_text(f"51{NBSP}%")
    expect(page.locator("table.transactions")).to_contain_text("Subvention de fonctionnement")
    expect(page.locator("body")).not_to_contain_text("Awa")  # the anonymous giver
    watch.check("budget")

    expect(page.locator(".fund-links")).to_contain_text("fiesta-2026")

    with page.expect_download() as download:
        page.locator(".downloads a[href^='/budget/summary.csv']").click()
    assert download.value.suggested_filename == "budget-plateforme-2026.csv"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith("\ufeff".encode()) and b"12000.00" in content

    page.locator(".subnav a[href^='/budget/dashboard/']").click()
    expect(page).to_have_url(re.compile(r"/budget/dashboard/\?fund=plateforme&period=2026$"))
    sankey = page.locator("svg.chart-sankey[role=img]")
    expect(sankey).to_have_attribute("aria-label", re.compile(".+"))
    expect(sankey.locator("path.sankey-link").first).to_be_attached()
    expect(page.locator("svg[role=img]")).to_have_count(4)
    flows = page.locator("#chart-flows details")
    flows.locator("summary").click()
    expect(flows.locator("table")).to_contain_text("Ville De Montreuil")
    expect(flows.locator("table")).to_contain_text(f"6{NNBSP}000,00{NBSP}€")
    watch.check("dashboard")

    page.locator(".lang-switch a[hreflang=es]").click()
    expect(page).to_have_url(re.compile(r"/es/budget/dashboard/\?fund=plateforme&period=2026$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("svg.chart-sankey")).to_be_attached()
    watch.check("dashboard-es")


def test_the_budget_and_the_dashboard_on_a_phone_in_the_dark(watched, year):
    watch = watched(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = watch.page

    page.goto("/budget/?fund=all&period=2026")
    expect(page.locator(".headline")).to_contain_text(f"13{NNBSP}000,00{NBSP}€")
    # The platform apart from the mediation projects: the fiesta has its own line.
    funds = page.locator("table.funds-table")
    expect(funds.locator("tbody tr")).to_have_count(2)
    expect(funds).to_contain_text(f"1{NNBSP}500,00{NBSP}€")
    watch.check("budget-phone")
    assert no_sideways_scroll(page)

    page.goto("/budget/dashboard/?fund=all&period=2026")
    expect(page.locator("svg.chart-sankey")).to_be_attached()
    watch.check("dashboard-phone")
    assert no_sideways_scroll(page)


def test_a_bad_period_says_what_is_wrong(watched, year):
    watch = watched()
    page = watch.page

    page.goto("/en/budget/?period=2026")
    watch.check("good-period")
    # A bad period is a 400 that shows the form and says why (read without the page: a 400 is
    # a console error).
    response = page.request.get("/en/budget/?period=2026-13")
    assert response.status == 400
    assert "“2026-13” is not a period" in response.text()
    assert 'class="errorlist' in response.text()
