"""The study office in a browser: a visitor reads the services in French, on a phone and a
desktop; a steward writes a quote to a city and records its acceptance, which opens the
engagement; a person of the engagement declares a day on a phone; a treasurer validates it.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.studio.models import Engagement, Quote, TimeDeclaration
from remix.studio.tests.builders import city, service
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def the(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    for username, roles in [
        ("louise", ["member", "steward"]),
        ("amina", ["member"]),
        ("mateo", ["member", "treasurer"]),
    ]:
        user = user_signup(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            display_name=username.title(),
            language="fr",
        )
        for role in roles:
            role_grant(user=user, role=Role(role), recorder=None)
    texts = {
        "fr": "Une journée avec les habitants pour repérer les communs du quartier.",
        "en": "A day with residents to find the neighbourhood's commons.",
    }
    service(
        "atelier",
        "workshop",
        "fixed",
        "1200",
        title={"fr": "Atelier : cartographier les communs", "en": "Workshop: mapping"},
        description=texts,
    )
    service("etude", "study", "daily", "650")
    service("film", "production", "free", "8000")
    return city("Ville de Lyon")


def _log_in(page, username, next_url):
    log_in(page, username, next_url)
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_visitor_reads_the_services_in_french(watched, the, viewport):
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/studio/")

    expect(page.locator("h1")).to_have_text("Bureau d'étude")
    expect(page.locator(".service-card")).to_have_count(3)
    expect(page.locator("#kind-workshop + .cards")).to_contain_text("1 200,00 €")
    expect(page.locator("#kind-production + .cards")).to_contain_text("Prix libre")
    watch.check("catalogue")
    assert no_sideways_scroll(page)

    page.locator("a[href='/studio/services/atelier/']").click()
    expect(page.locator("h1")).to_have_text("Atelier : cartographier les communs")
    expect(page.locator(".service-text")).to_contain_text("repérer les communs")
    watch.check("service")
    assert no_sideways_scroll(page)


def test_a_quote_accepted_opens_an_engagement_whose_time_is_declared_and_validated(watched, the):
    today = timezone.localdate()
    steward = watched()
    page = steward.page
    _log_in(page, "louise", "/studio/quotes/new/")
    page.locator("#id_client").select_option(str(the.pk))
    page.locator("#id_title").fill("Étude : les communs dans la politique de la ville")
    page.locator("#id_valid_until").fill((today + datetime.timedelta(days=30)).isoformat())
    page.locator("#id_service_0").select_option(label="Service etude")
    page.locator("#id_quantity_0").fill("12")
    page.locator("#id_service_1").select_option(label="Atelier : cartographier les communs")
    page.locator("#id_quantity_1").fill("1")
    steward.check("quote-new")
    page.locator(".quote-form button[type=submit]").click()

    quote = Quote.objects.get()
    expect(page).to_have_url(re.compile(rf"/studio/quotes/{quote.pk}/$"))
    expect(page.locator(".quote-total")).to_have_text("9 000,00 €")
    page.locator("#id_accepted_on").fill(today.isoformat())
    page.locator("#id_acceptance").fill("Bon de commande n° 2026-0412")
    page.locator("#id_start_date").fill(today.isoformat())
    page.locator("#id_end_date").fill((today + datetime.timedelta(days=60)).isoformat())
    steward.check("quote-accept")
    page.locator(".accept-form button[type=submit]").click()

    engagement = Engagement.objects.get()
    url = f"/studio/engagements/{engagement.pk}/"
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    page.locator(".person-form #id_username").fill("amina")
    page.locator(".person-form #id_planned_days").fill("8")
    page.locator(".person-form button[type=submit]").click()
    expect(page.locator(".planned-total")).to_have_text("8,00")
    steward.check("engagement-opened")

    person = watched(viewport=PHONE)
    _log_in(person.page, "amina", url)
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    person.page.locator(".time-form #id_date").fill(yesterday)
    person.page.locator(".time-form #id_hours").fill("7")
    person.page.locator(".time-form #id_description").fill("Entretiens avec les jardins partagés")
    person.check("declare")
    assert no_sideways_scroll(person.page)
    person.page.locator(".time-form button[type=submit]").click()
    expect(person.page.locator(".declared-total")).to_have_text("1,00")
    person.check("declared")
    assert no_sideways_scroll(person.page)

    treasurer = watched()
    _log_in(treasurer.page, "mateo", url)
    declared = TimeDeclaration.objects.get()
    treasurer.check("to-validate")
    treasurer.page.locator(f"#time-{declared.pk} .decide-form button[type=submit]").first.click()
    expect(treasurer.page.locator(".validated-total")).to_have_text("1,00")
    expect(treasurer.page.locator(".time-value")).to_have_text("650,00 €")
    treasurer.check("validated")
    declared.refresh_from_db()
    assert declared.status == "validated" and declared.transaction.status == "posted"
