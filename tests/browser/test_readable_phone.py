"""Read on a 390 px phone (issue 17): the flow diagram of the open budget says that it scrolls
sideways, a remix lineage keeps legible titles; and the funding search names its territories
and says a one-amount range once."""

import re

import pytest
from playwright.sync_api import expect

from remix.catalogue import services as catalogue_services
from remix.grants.tests import builders
from remix.ledger.tests.test_public import load_year

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def page_fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_flow_diagram_says_it_scrolls_on_a_phone_and_not_on_a_desktop(
    watched, transactional_db
):
    load_year()
    watch = watched(viewport=PHONE)
    page = watch.page
    page.goto("/budget/dashboard/?fund=all&period=2026")
    hint = page.locator("#flows-scroll-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("faites-le glisser de côté")
    frame = page.locator("#chart-flows .chart-scroll")
    expect(frame).to_have_attribute("aria-describedby", "flows-scroll-hint")
    assert frame.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page_fits(page)
    watch.check("flows-phone")

    page.goto("/es/budget/dashboard/?fund=all&period=2026")
    expect(page.locator("#flows-scroll-hint")).to_contain_text("deslízalo de lado")

    desktop = watched()
    desktop.page.goto("/budget/dashboard/?fund=all&period=2026")
    expect(desktop.page.locator("svg.chart-sankey")).to_be_visible()
    expect(desktop.page.locator("#flows-scroll-hint")).to_be_hidden()
    desktop.check("flows-desktop")


def test_a_wide_lineage_keeps_legible_titles_on_a_phone(watched, transactional_db):
    def add(title, **data):
        return catalogue_services.document_create(
            author=None,
            data={"kind": "text", "title": title, "language": "fr", "licence": "CC-BY-SA-4.0"}
            | data,
        )

    sources = [
        add(title) for title in ("La minga de l’eau", "Semences libres", "Radio des communs")
    ]
    remix = add("Eau, semences et ondes", kind="remix", sources=sources)
    watch = watched(viewport=PHONE)
    page = watch.page
    page.goto(f"/catalogue/documents/{remix.slug}/")
    lineage = page.locator("svg.lineage-graph")
    expect(lineage).to_contain_text("Semences libres")
    # Drawn at its own size: 12px titles, never shrunk to fit the screen.
    scale = lineage.evaluate("svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width")
    assert scale >= 1
    size = page.locator(".lineage-title").first.evaluate(
        "text => text.getBoundingClientRect().height"
    )
    assert size >= 11
    frame = page.locator(".lineage-scroll")
    assert frame.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page_fits(page)
    watch.check("lineage-phone")


def test_the_funding_search_names_its_territories(watched, transactional_db):
    for title, territory, amounts in [
        ("Appel régional des communs", "FR-ARA", (500000, 3000000)),
        ("Fonds du département", "FR-69", (1000000, 1000000)),
        ("Appel à Dakar", "SN", (None, None)),
    ]:
        builders.opportunity(
            title=title,
            territory=territory,
            amount_min_minor=amounts[0],
            amount_max_minor=amounts[1],
        )
    for viewport in (None, PHONE):
        watch = watched(viewport=viewport)
        page = watch.page
        page.goto("/funding/")
        cards = page.locator("article.opportunity-card")
        expect(cards).to_have_count(3)
        for name in ("Auvergne-Rhône-Alpes", "Rhône", "Sénégal"):
            exactly = re.compile(f"^{name}$")
            expect(page.locator(".card-facts dd", has_text=exactly)).to_have_count(1)
            expect(page.locator("#id_territory option", has_text=exactly)).to_have_count(1)
        expect(page.locator("main")).not_to_contain_text("FR-ARA")
        department = cards.filter(has_text="Fonds du département")
        expect(department).to_contain_text("10\u202f000\xa0€")
        expect(department).not_to_contain_text("–")
        page.locator("#id_territory").select_option(label="Rhône")
        page.locator("form.search-filters button[type=submit]").click()
        expect(cards).to_have_count(1)
        watch.check("funding-territories")
        assert page_fits(page)
