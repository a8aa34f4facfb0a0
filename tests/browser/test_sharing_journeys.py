"""Revenue sharing in a browser: a member reads the rule and asks for a dry run in French on a
phone; a treasurer distributes a study's payment and finds it posted.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.sharing.models import Distribution
from remix.sharing.tests.builders import (
    PERIOD,
    funds,
    hourly_rate,
    income,
    standard_rule,
    time_given,
)
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def the(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    people = {}
    for username, name, roles in (
        ("amina", "Amina Diallo", ["member"]),
        ("camille", "Camille Roy", ["member"]),
        ("paul", "Paul Girard", ["member"]),
        ("mateo", "Mateo Gómez", ["member", "treasurer"]),
    ):
        people[username] = user_signup(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            display_name=name,
            language="fr",
        )
        for role in roles:
            role_grant(user=people[username], role=Role(role), recorder=None)
    study, platform, commons = funds()
    hourly_rate()
    time_given(people["amina"], study, "24")
    time_given(people["camille"], study, "16")
    time_given(people["paul"], study, "6", on=PERIOD[0].replace(year=2025))
    rule = standard_rule(study, platform, commons)
    return {"rule": rule, "income": income(study, "2400.00"), **people}


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "desktop"])
def test_a_member_reads_the_rule_and_a_dry_run_in_french(watched, the, viewport):
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "amina", "/sharing/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("main h1")).to_have_text("Partage des revenus")
    page.locator("a[href='/sharing/partage-etudes/']").click()
    buckets = page.locator(".sharing-buckets li")
    expect(buckets).to_have_text(
        [
            "10\u00a0% du total à la plateforme.",
            "5\u00a0% du total à fonds-des-communs.",
            "Le reste aux contributeurs, au prorata de leurs contributions valorisées.",
        ]
    )
    watch.check("rule")

    page.locator("#id_amount").fill("1000")
    page.locator("#id_start").fill(str(PERIOD[0]))
    page.locator("#id_end").fill(str(PERIOD[1]))
    page.locator("main form[method=get] button[type=submit]").click()
    rows = page.locator("#dry-run-title ~ .table-scroll tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.nth(2)).to_contain_text("Amina Diallo")
    expect(rows.nth(2)).to_contain_text("510,00")
    expect(rows.nth(4)).to_contain_text("Paul Girard")
    expect(rows.nth(4)).to_contain_text("0,00")
    expect(page.locator("#distribute-title")).to_have_count(0)
    watch.check("dry-run")
    assert no_sideways_scroll(page)
    assert not Distribution.objects.exists()


def test_a_treasurer_distributes_a_study_payment(watched, the):
    watch = watched()
    page = watch.page
    log_in(page, "mateo", "/sharing/partage-etudes/")
    expect(page).to_have_url(re.compile(r"/sharing/partage-etudes/$"))
    form = page.locator("form[action$='/distribute/']")
    form.locator("#id_d-amount").fill("2400.00")
    form.locator("#id_d-date").fill(str(PERIOD[1]))
    form.locator("#id_d-start").fill(str(PERIOD[0]))
    form.locator("#id_d-end").fill(str(PERIOD[1]))
    form.locator("#id_d-income").select_option(str(the["income"].pk))
    watch.check("distribute-form")
    form.locator("button[type=submit]").click()

    made = Distribution.objects.get()
    expect(page).to_have_url(re.compile(rf"/sharing/partage-etudes/#distribution-{made.pk}$"))
    parts = page.locator(f"#distribution-{made.pk} li")
    expect(parts).to_have_count(5)
    expect(parts.nth(2)).to_contain_text("Amina Diallo")
    expect(parts.nth(2)).to_contain_text("1\u202f224,00")
    watch.check("distributed")
    assert made.income == the["income"] and made.amount_minor == 240_000
