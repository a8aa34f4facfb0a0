"""Experiments in a browser: a visitor reads the list and an experiment's chart on a phone; a
steward writes the conclusion the decided challenge asks for.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from remix.experiments import services
from remix.experiments.models import MetricSnapshot
from remix.experiments.tests.builders import experiment
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def decided(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    louise = user_signup(
        username="louise",
        email="louise@example.org",
        password=PASSWORD,
        display_name="Louise Martin",
        language="fr",
    )
    for role in ("member", "steward"):
        role_grant(user=louise, role=Role(role), recorder=None)
    found = experiment(
        metric="users-share",
        target="0.25",
        period="year",
        starts=datetime.date.today() - datetime.timedelta(days=120),
        days=0,
        responsible=[louise],
    )
    values = ["0.08", "0.11", "0.15", "0.19", "0.27"]
    for n, value in enumerate(values):
        snapshot = MetricSnapshot.objects.create(
            experiment=found,
            date=found.starts + datetime.timedelta(days=30 * n),
            value=Decimal(value),
        )
    services.outcome_decide(experiment=found, snapshot=snapshot)
    return found


def test_a_visitor_reads_the_chart_and_a_steward_concludes(watched, decided):
    watch = watched(viewport=PHONE)
    page = watch.page
    page.goto("/experiments/")
    expect(page.locator(".experiments-table tbody tr")).to_have_count(1)
    watch.check("list")
    page.locator(f"a[href='{decided.get_absolute_url()}']").first.click()
    expect(page.locator("svg.chart-series circle")).to_have_count(5)
    expect(page.locator(".chart-table tbody tr").nth(4)).to_contain_text("27,0")
    watch.check("experiment")
    assert no_sideways_scroll(page)

    steward = watched().page
    log_in(steward, "louise", decided.get_absolute_url())
    steward.locator("#id_conclusion_fr").fill("Le quart est atteint grâce aux dons mensuels.")
    steward.locator(f"form[action$='/{decided.pk}/conclude/'] button[type=submit]").click()
    expect(steward.locator("#conclusion-title ~ p").last).to_contain_text("dons mensuels")
    decided.refresh_from_db()
    assert decided.status == "concluded"
