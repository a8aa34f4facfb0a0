"""A production's page in a browser: a visitor reads planned against actual and the cost per
document on a phone and a desktop; a steward adds a planned line.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.catalogue.tests.builders import doc
from remix.productions import services
from remix.productions.models import CostLine
from remix.productions.tests.builders import expense, film, hourly_rate, time_given
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _person(username: str, display_name: str, *roles: str):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    user = user_signup(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        display_name=display_name,
        language="fr",
    )
    for role in roles:
        role_grant(user=user, role=Role(role), recorder=None)
    return user


@pytest.fixture
def the(transactional_db):
    louise = _person("louise", "Louise", "member", "steward")
    camille = _person("camille", "Camille Roy", "member")
    hourly_rate("12.00")
    production = film("film-des-communs")
    camera = services.cost_line_add(
        production=production, category="equipment", label="Location caméra", amount="1500"
    )
    editing = services.cost_line_add(
        production=production, category="post_production", label="Montage", amount="2500"
    )
    services.cost_link(production=production, transaction=expense(production, "1200"), line=camera)
    services.cost_link(production=production, transaction=expense(production, "2600"), line=editing)
    time_given(production, camille, "24", role="Réalisation")
    services.funding_add(production=production, source="sales", label="Ventes", amount="900")
    for title in ("L'eau de tous", "El agua de todos"):
        services.document_link(production=production, document=doc(title, kind="documentary"))
    return {"production": production, "louise": louise}


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_visitor_reads_planned_against_actual_and_the_cost_per_document(watched, the, viewport):
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/productions/")
    expect(page.locator(".productions-table tbody tr")).to_contain_text("3\u202f800,00")
    watch.check("list")
    page.locator("a[href$='/productions/film-des-communs/']").click()

    rows = page.locator(".budget-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("1\u202f500,00")
    expect(rows.nth(0)).to_contain_text("1\u202f200,00")
    expect(rows.nth(1)).to_contain_text("100,00")  # 2 600 € spent on 2 500 € planned
    expect(page.locator(".budget-table tfoot")).to_contain_text("3\u202f800,00")
    figures = page.locator(".production-figures")
    expect(figures).to_contain_text("1\u202f900,00")  # 3 800 € over two documents
    expect(figures).to_contain_text("2\u202f044,00")  # with 24 h valued at 12 €
    expect(page.locator("#people-title + .table-scroll")).to_contain_text("Camille Roy")
    expect(page.locator("form[action$='/lines/new/']")).to_have_count(0)
    watch.check("production")
    assert no_sideways_scroll(page)


def test_a_steward_adds_a_planned_line(watched, the):
    watch = watched()
    page = watch.page
    log_in(page, "louise", "/productions/film-des-communs/")
    expect(page).to_have_url(re.compile(r"/productions/film-des-communs/$"))

    form = page.locator("form[action$='/lines/new/']")
    form.locator("#id_category").select_option("travel")
    form.locator("#id_label").fill("Voyage à Chía")
    form.locator("#id_amount").fill("800")
    watch.check("line-form")
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/productions/film-des-communs/$"))
    expect(page.locator(".budget-table tbody tr")).to_have_count(3)
    expect(page.locator(".budget-table tfoot")).to_contain_text("4\u202f800,00")
    watch.check("line-added")
    line = CostLine.objects.get(label="Voyage à Chía")
    assert (line.amount_minor, line.created_by.username) == (80000, "louise")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_steward_links_funding_a_document_and_time(watched, the, viewport):
    from remix.contributions import services as contributions
    from remix.productions.tests.builders import day

    production = the["production"]
    ines = _person("ines", "Inès Gal", "member")
    declared, _new = contributions.contribution_declare(
        giver=contributions.Giver(user=ines),
        fund=production.fund,
        kind="time",
        amount="6",
        description="Repérages",
        date=day("2026-03-20"),
    )
    time = contributions.contribution_validate(contribution=declared)
    doc("Le making-of", kind="documentary")
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "louise", "/productions/film-des-communs/")

    funding = page.locator("form[action$='/funding/new/']")
    funding.locator("#funding_source").select_option("grant")
    funding.locator("#funding_label").fill("Région Occitanie")
    funding.locator("#funding_amount").fill("3000")
    watch.check("funding-form")
    funding.locator("button[type=submit]").click()
    expect(page.locator(".production-funding")).to_contain_text("Région Occitanie")

    document = page.locator("form[action$='/documents/new/']")
    document.locator("#document_document").fill("making-of")
    document.locator("button[type=submit]").click()
    expect(page.locator("#documents-title + ul")).to_contain_text("Le making-of")

    given = page.locator("form[action$='/time/new/']")
    given.locator("#time_contribution").select_option(str(time.pk))
    given.locator("#time_role").fill("Repérages")
    given.locator("button[type=submit]").click()
    expect(page.locator("#people-title + .table-scroll")).to_contain_text("Inès Gal")
    watch.check("linked")
    assert no_sideways_scroll(page)
    assert production.funding.filter(label="Région Occitanie", amount_minor=300000).exists()
