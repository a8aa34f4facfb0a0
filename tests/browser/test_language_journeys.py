"""The language a person chose, in a real browser: their profile's after logging in, their
browser's on a first visit, their own choice in the switcher over both; the labels the platform
wrote in the books read in the reader's language."""

import datetime
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from remix.accounts.models import User
from remix.ledger import services
from remix.ledger.models import Transaction
from remix.ledger.tests.test_public import load_year

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "desktop"])
def test_a_spanish_member_logs_in_on_a_french_page_and_reads_in_spanish(watched, viewport):
    User.objects.create_user("lucia", "lucia@example.org", PASSWORD, language="es")
    watch = watched(viewport=viewport)  # a browser set to French
    page = watch.page

    page.goto("/accounts/login/?next=/funding/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Nom d’utilisateur").fill("lucia")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(re.compile(r"/es/funding/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Búsqueda de financiación")
    watch.check("funding-es")

    # She stays in Spanish: a French address (a link in a message, the home) leads to Spanish.
    page.goto("/catalogue/")
    expect(page).to_have_url(re.compile(r"/es/catalogue/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/es/$"))
    watch.check("home-es")

    # Her own choice in the switcher wins, and is kept.
    page.locator(".lang-switch a[hreflang=fr]").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.goto("/funding/")
    expect(page).to_have_url(re.compile(r"/funding/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    watch.check("funding-fr")


@pytest.mark.parametrize(
    ("locale", "lands", "lang", "heading"),
    [("es-ES", r"/es/$", "es", "comunes"), ("en-GB", r"/en/$", "en", "commons")],
)
def test_a_first_visit_follows_the_browser_until_the_visitor_chooses(
    watched, transactional_db, locale, lands, lang, heading
):
    watch = watched(locale=locale)
    page = watch.page

    page.goto("/")
    expect(page).to_have_url(re.compile(lands))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    watch.check(f"home-{lang}")

    page.locator(".lang-switch a[hreflang=fr]").click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/$"))  # chosen French: the browser is not asked again
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    watch.check("home-fr")


def test_a_browser_in_another_language_gets_french(watched, transactional_db):
    watch = watched(locale="de-DE")
    page = watch.page

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_reversal_written_in_french_reads_in_english_and_spanish(watched, transactional_db):
    load_year()
    grant = Transaction.objects.get(description="Subvention de fonctionnement")
    with translation.override("fr"):
        services.transaction_reverse(
            transaction=grant, reason="Versée au mauvais fonds", date=datetime.date(2026, 2, 1)
        )
    watch = watched(locale="en-GB", viewport=PHONE)
    page = watch.page

    page.goto("/en/budget/?fund=plateforme&period=2026")
    rows = page.locator("table.transactions")
    expect(rows).to_contain_text("Reversal: Subvention de fonctionnement")
    expect(rows).not_to_contain_text("Contrepassation")
    watch.check("budget-en")

    page.locator(".lang-switch a[hreflang=es]").click()
    expect(page).to_have_url(re.compile(r"/es/budget/\?fund=plateforme&period=2026$"))
    expect(page.locator("table.transactions")).to_contain_text(
        "Reversión: Subvention de fonctionnement"
    )

    page.locator(".lang-switch a[hreflang=fr]").click()
    rows = page.locator("table.transactions")
    expect(rows).to_contain_text("Contrepassation : Subvention de fonctionnement")
    expect(rows).to_contain_text("1er févr.")  # the 1st of a month, as French writes it
    watch.check("budget-fr")
