"""One money headline, said with its period: the home (the platform this month), the open budget
and the give page (this year) each say which period their figure is about; giving in francs CFA
when the books hold the euro quoted in francs; a member who pledges the same twice is asked.

Locators are ids, names and classes, not button texts: the texts change with the language."""

import re

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from remix.contributions import services as contributions
from remix.contributions.models import Pledge
from remix.contributions.services import Giver
from remix.ledger import maths, selectors, services
from remix.ledger.templatetags.ledger import period_label
from tests.browser.conftest import log_in as _log_in
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"
NNBSP = "\u202f"
NBSP = "\u00a0"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def books(transactional_db):
    """The platform needs 12 000 € this year (1 000 € a month) and received 1 500 € this month:
    the month is covered, the year is not."""
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    fatou = User.objects.create_user(
        "fatou", "fatou@example.org", PASSWORD, display_name="Fatou Sarr"
    )
    fatou.groups.add(Group.objects.get(name="member"))
    today = timezone.localdate()
    platform = selectors.platform_fund()
    services.budget_line_create(
        fund=platform, period=maths.period_of("year", today), amount="12000", category="hosting"
    )
    contributions.payment_record(
        fund=platform, amount="1500", date=today, giver=Giver(name="Ville de Dakar")
    )
    with translation.override("fr"):
        month = capfirst(period_label(maths.period_of("month", today)))
    return {"fatou": fatou, "month": month, "year": str(today.year)}


def _no_sideways_scroll(page):
    assert no_sideways_scroll(page)


def _year_missing(year: str) -> str:
    # 12 000 − 1 500 = 10 500 € over the year, 875 € a month.
    return f"{year} : il manque 10{NNBSP}500{NBSP}€, soit 875{NBSP}€ par mois"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_each_headline_says_its_period(watched, books, viewport):
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/")
    home = page.locator(".hero .money-headline")
    expect(home).to_contain_text(f"{books['month']} : les besoins sont couverts")
    received = f"besoins 1{NNBSP}000{NBSP}€, ressources reçues 1{NNBSP}500{NBSP}€"
    expect(home).to_contain_text(received)
    watch.check("home")
    if viewport:
        _no_sideways_scroll(page)

    home.locator("a").click()
    expect(page).to_have_url(re.compile(r"/budget/\?period=\d{4}-\d{2}$"))
    expect(page.locator(".money-headline")).to_contain_text(
        f"{books['month']} : les besoins sont couverts"
    )

    page.goto("/budget/")
    expect(page.locator(".money-headline")).to_contain_text(_year_missing(books["year"]))
    watch.check("budget")
    if viewport:
        _no_sideways_scroll(page)

    page.goto("/contribute/give/plateforme/")
    expect(page.locator(".give-gap .money-headline")).to_contain_text(_year_missing(books["year"]))
    watch.check("give")
    if viewport:
        _no_sideways_scroll(page)


def test_a_member_gives_in_francs_cfa_at_the_rate_stored_from_the_euro(watched, books):
    services.rate_record(date=timezone.localdate(), commodity="EUR", quote="XOF", rate="655.957")
    watch = watched(viewport=PHONE)
    page = watch.page
    _log_in(page, "fatou", "/contribute/give/plateforme/")
    form = page.locator("#give-form")
    expect(form.locator("#id_currency option[value=XOF]")).to_be_attached()
    form.locator("#id_amount").fill("10000")
    form.locator("#id_currency").select_option("XOF")
    form.locator("input[name=frequency][value=once]").check()
    form.locator("input[name=visibility][value=amount]").check()
    watch.check("give-xof")
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/contribute/pledges/\w+/$"))
    pledge = Pledge.objects.get(user=books["fatou"])
    assert (pledge.amount_minor, pledge.commodity) == (10000, "XOF")
    watch.check("pledge-xof")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_member_who_pledges_the_same_twice_is_asked_first(watched, books, viewport):
    watch = watched(viewport=viewport)
    page = watch.page
    _log_in(page, "fatou", "/contribute/give/plateforme/")

    def pledge_fifteen_a_month():
        page.goto("/contribute/give/plateforme/")
        form = page.locator("#give-form")
        form.locator("#id_amount").fill("15")
        form.locator("input[name=frequency][value=monthly]").check()
        form.locator("input[name=visibility][value=amount]").check()
        form.locator("button[type=submit]").last.click()

    pledge_fifteen_a_month()
    expect(page).to_have_url(re.compile(r"/contribute/pledges/\w+/$"))
    pledge_fifteen_a_month()

    asked = page.locator("#repeat-ask")
    expect(asked).to_be_visible()
    expect(asked).to_contain_text(f"15,00{NBSP}€")
    assert Pledge.objects.filter(user=books["fatou"]).count() == 1
    watch.check("asked")
    if viewport:
        _no_sideways_scroll(page)

    asked.locator("button[name=repeat]").click()
    expect(page).to_have_url(re.compile(r"/contribute/pledges/\w+/$"))
    assert Pledge.objects.filter(user=books["fatou"]).count() == 2
