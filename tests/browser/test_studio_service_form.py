"""A steward adds a service to the study office's catalogue in a browser, in French, on a phone
and a desktop, then edits its price from the service's page.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.studio.models import Service
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def steward(transactional_db):
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
    return louise


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_steward_adds_a_service_then_edits_its_price(watched, steward, viewport):
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "louise", "/studio/")
    expect(page).to_have_url(re.compile(r"/studio/$"))

    page.locator("a[href='/studio/services/new/']").click()
    expect(page.locator("#id_title_fr")).to_be_visible()
    page.locator("#id_title_fr").fill("Atelier : cartographier les communs")
    page.locator("#id_description_fr").fill("Une journée pour repérer les communs du quartier.")
    page.locator("#id_slug").fill("atelier-carto")
    page.locator("#id_kind").select_option("workshop")
    page.locator("#id_price_model").select_option("fixed")
    page.locator("#id_price").fill("0")
    page.locator("#id_people").fill("louise")
    page.locator("form.service-form button[type=submit]").click()

    expect(page.locator("#id_price_error, .field-invalid")).not_to_have_count(0)
    expect(page.locator(".field-invalid")).to_contain_text("supérieur à zéro")
    watch.check("service-form-refused")
    assert no_sideways_scroll(page)
    page.locator("#id_price").fill("1 200,50")
    page.locator("form.service-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/studio/services/atelier-carto/$"))
    expect(page.locator(".service-price")).to_contain_text("1\u202f200,50")
    watch.check("service-added")
    page.locator("a[href='/studio/services/atelier-carto/edit/']").click()
    expect(page.locator("#id_price")).to_have_value(re.compile(r"^1\D?200,50$"))
    watch.check("service-edit")
    page.locator("#id_price").fill("1500")
    page.locator("form.service-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/studio/services/atelier-carto/$"))
    expect(page.locator(".service-price")).to_contain_text("1\u202f500,00")
    made = Service.objects.get()
    assert (made.price_minor, made.active) == (150000, True)
