"""The funding search in a browser (JOURNEYS.md, the coordinator looking for money): finds the calls
closing in the next 60 days that fit a theme, answers one, writes the financing plan and reads
that the grant would pass the funder's 60 % and by how much, finds her personal deadlines feed,
then, once the plan is right, submits it; a treasurer marks it granted, and the grant is owed in
the books with its withheld share.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from playwright.sync_api import expect

from remix.allies.services import theme_save
from remix.grants import services
from remix.grants.models import Application
from remix.grants.tests import builders
from remix.ledger.models import Posting
from tests.browser.conftest import log_in as _log_in

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"


@pytest.fixture
def calls(transactional_db):
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    def person(username, *roles):
        user = User.objects.create_user(
            username, f"{username}@example.org", PASSWORD, display_name=username.title()
        )
        # They read Remix in English: their profile says so, and logging in keeps it.
        user.language = "en"
        user.save(update_fields=["language"])
        user.groups.add(*Group.objects.filter(name__in=roles))
        return user

    ess = theme_save(code="ess", labels={"fr": "Économie sociale", "en": "Social economy"})
    seeds = theme_save(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    fit = builders.opportunity(title="Appel ESS 2027", days=40, themes=[ess])
    builders.opportunity(title="Appel lointain", days=100, themes=[ess])
    builders.opportunity(title="Appel semences", days=20, themes=[seeds])
    builders.fund("fiesta-2026")
    return {
        "fit": fit,
        "camille": person("camille", "member"),
        "mateo": person("mateo", "member", "treasurer"),
    }


def _move(page, stage, **fields):
    move = page.locator(f"#move-{stage}")
    if move.get_attribute("open") is None:
        move.locator("summary").click()
    for name, value in fields.items():
        move.locator(f"[name={name}]").fill(value)
    move.locator("button[type=submit]").click()


def test_a_coordinator_finds_a_call_checks_her_plan_and_the_grant_reaches_the_books(watched, calls):
    watch = watched()
    page = watch.page
    _log_in(page, "camille", "/en/funding/")
    expect(page).to_have_url(re.compile(r"/en/funding/$"))
    page.locator("#id_window").select_option("60")
    page.locator("#id_theme").select_option("ess")
    page.locator("form.search-filters button[type=submit]").click()
    results = page.locator("#results")
    expect(results).to_contain_text("Appel ESS 2027")
    expect(results).not_to_contain_text("Appel lointain")  # closes in 100 days
    expect(results).not_to_contain_text("Appel semences")  # another theme
    watch.check("search")

    results.locator("a", has_text="Appel ESS 2027").click()
    page.locator("[name=fund]").select_option(label="fiesta-2026")
    page.locator("[name=amount_requested]").fill("7000")
    page.locator("main form[action$='/apply/'] button[type=submit]").click()
    application = Application.objects.get()
    expect(page).to_have_url(re.compile(rf"/en/funding/applications/{application.pk}/"))
    _move(page, "qualified")
    page.goto(f"/en/funding/applications/{application.pk}/")
    _move(page, "drafting")

    page.goto(f"/en/funding/applications/{application.pk}/plan/")
    lines = [
        ("cost", "Venue and sound", "10000", ""),
        ("funding", "This grant", "7000", "this_grant"),
        ("funding", "Own resources", "3000", "own"),
    ]
    for index, (kind, label, amount, source) in enumerate(lines):
        page.locator(f"[name=lines-{index}-kind]").select_option(kind)
        page.locator(f"[name=lines-{index}-label]").fill(label)
        page.locator(f"[name=lines-{index}-amount]").fill(amount)
        if source:
            page.locator(f"[name=lines-{index}-source]").select_option(source)
    page.locator("main form button[type=submit]:not([name=more])").click()
    check = page.locator("#plan-check")
    expect(check).to_contain_text("at most €6,000.00")
    expect(check).to_contain_text("€1,000.00 too much")
    watch.check("plan-over-cap")

    # Her own deadlines, as a calendar application would fetch them.
    page.goto("/en/funding/calendar/")
    address = page.locator("#feeds code.token").first.inner_text()
    feed = page.request.get(address)
    assert feed.ok and "text/calendar" in feed.headers["content-type"]
    assert "Appel ESS 2027" in feed.text()
    watch.check("calendar")

    # The plan put right: 60 % of the cost, and the rest from own resources.
    services.plan_set(
        application=application,
        lines=[
            {"kind": "cost", "label": "Venue and sound", "amount": "10000"},
            {"kind": "funding", "label": "This grant", "amount": "6000", "source": "this_grant"},
            {"kind": "funding", "label": "Own resources", "amount": "4000", "source": "own"},
        ],
    )
    services.application_update(application=application, amount_requested="6000")
    page.goto(f"/en/funding/applications/{application.pk}/")
    _move(page, "submitted")
    application.refresh_from_db()
    assert application.stage == "submitted"

    page.context.clear_cookies()
    _log_in(page, "mateo", f"/en/funding/applications/{application.pk}/")
    _move(
        page,
        "granted",
        amount_granted="6000",
        decided_on=timezone.localdate().isoformat(),
    )
    application.refresh_from_db()
    assert application.stage == "granted" and application.amount_granted_minor == 600000
    owed = Posting.objects.filter(account__code="Assets:Receivables:Grants").aggregate(
        total=Sum("amount_minor")
    )["total"]
    assert owed == 600000
    assert application.withheld_minor == int(Decimal("600000") * Decimal("0.2"))
    expect(page.locator("#grant")).to_contain_text("€1,200.00")  # withheld until the report
    watch.check("granted")
    assert application.decided_on <= timezone.localdate() + datetime.timedelta(days=1)
    assert watch.problems == []
