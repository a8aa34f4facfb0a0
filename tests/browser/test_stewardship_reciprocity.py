"""Reciprocity and the rotation suggestion in a browser: anyone reads what each organisation
gave and received (services invoiced included), the formula and the ranked volunteers, on a
phone and a desktop; a steward records an organisation's offer for the next term and finds it
ranked.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from remix.invoicing import services as invoicing
from remix.invoicing.tests.builders import world
from remix.ledger import services as ledger
from remix.ledger.tests.builders import books_load
from remix.stewardship.models import Volunteer
from remix.stewardship.services import volunteer_record
from remix.stewardship.tests.builders import organisation, term
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def the(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    louise = user_signup(
        username="louise",
        email="louise@example.org",
        password=PASSWORD,
        display_name="Louise",
        language="fr",
    )
    for role in ("member", "steward"):
        role_grant(user=louise, role=Role(role), recorder=None)
    made = {}
    for name, slug, form in (
        ("Tiers-lieu La Fabrique", "la-fabrique", "association"),
        ("SCOP Les Semeurs", "les-semeurs", "scop"),
        ("Coopérative Numérique Solidaire", "numerique", "scic"),
        ("Coopérative des Communs", "communs", "scic"),
    ):
        actor = organisation(name, form)
        actor.slug = slug
        actor.save(update_fields=["slug"])
        made[slug] = actor
    ledger.rate_record(date=datetime.date(2026, 1, 1), commodity="HOUR", quote="EUR", rate="12.00")
    books_load(
        """
2026-02-09 * "Cotisation annuelle" la-fabrique
  Assets:Bank:Current                 150.00 EUR
  Income:Contributions:Membership    -150.00 EUR

2026-03-01 * "Bénévolat" la-fabrique
  Expenses:Volunteering                20.00 HOUR
  Income:Community:Time               -20.00 HOUR

2026-03-24 * "Développement : recherche plein texte" numerique
  Assets:Bank:Current               -2500.00 EUR
  Expenses:Development               2500.00 EUR

2026-02-05 * "Cotisation annuelle" les-semeurs
  Assets:Bank:Current                 150.00 EUR
  Income:Contributions:Membership    -150.00 EUR
"""
    )
    term("carrier", made["la-fabrique"], "2019-01-01", "2021-08-31", venue="La Fabrique")
    term("carrier", made["communs"], "2021-09-01", hours_per_month=30)
    world()  # the study office's issuer and bank: Les Semeurs bought a workshop, not yet paid
    made["les-semeurs"].postal_address = "3 rue des Semis\n35000 Rennes"
    made["les-semeurs"].save(update_fields=["postal_address"])
    workshop = [{"description": "Atelier", "quantity": "1", "unit_price_minor": 30000}]
    draft = invoicing.invoice_draft_create(
        client=made["les-semeurs"], lines=workshop, language="fr", currency="EUR", recorder=None
    )
    invoicing.invoice_issue(invoice=draft, recorder=None, on=datetime.date(2026, 3, 2))
    for slug in ("la-fabrique", "numerique"):
        volunteer_record(actor=made[slug], charge="carrier", note="Prête pour le prochain mandat")
    return made


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_anyone_reads_the_reciprocity_and_the_suggestion(watched, the, viewport):
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/stewardship/")

    rows = page.locator(".reciprocity-table tbody tr")
    expect(rows).to_have_count(4)
    received = rows.filter(has=page.locator("a[href$='/numerique/']"))
    expect(received).to_contain_text("2\u202f500,00")  # paid for its work
    invoiced = rows.filter(has=page.locator("a[href$='/les-semeurs/']"))
    expect(invoiced).to_contain_text("300,00")  # services invoiced, received
    expect(page.locator(".formula dt")).to_have_count(9)
    ranked = page.locator("#suggestion-carrier + .suggestion .suggestion-name")
    expect(ranked).to_have_text(["Coopérative Numérique Solidaire", "Tiers-lieu La Fabrique"])
    expect(page.locator("form[action*='/withdraw/']")).to_have_count(0)
    watch.check("reciprocity")
    assert no_sideways_scroll(page)


def test_a_steward_records_an_offer_and_finds_it_ranked(watched, the):
    watch = watched()
    page = watch.page
    log_in(page, "louise", "/stewardship/volunteers/new/")
    expect(page).to_have_url(re.compile(r"/stewardship/volunteers/new/$"))

    page.locator("#id_actor").select_option(str(the["les-semeurs"].pk))
    page.locator("#id_charge").select_option("carrier")
    page.locator("#id_note").fill("Deux sociétaires, quatre heures par semaine.")
    watch.check("volunteer-form")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/stewardship/#suggestion-carrier$"))
    ranked = page.locator("#suggestion-carrier + .suggestion .suggestion-name")
    expect(ranked).to_have_text(
        ["Coopérative Numérique Solidaire", "SCOP Les Semeurs", "Tiers-lieu La Fabrique"]
    )
    watch.check("suggestion-with-steward")
    assert Volunteer.objects.filter(actor=the["les-semeurs"]).get().recorded_by.username == "louise"
