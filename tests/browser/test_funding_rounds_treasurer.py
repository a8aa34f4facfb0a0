"""The treasurer's rounds and campaigns: a matching round prepared with its rest-of-pool choice
(a refusal first, nothing typed lost), edited before it opens, its projects added, opened, its
matching previewed with the gifts so far, closed; a campaign started. Then the same pages on a
phone, where nothing scrolls sideways.

Locators are ids and form actions, not button texts: the texts change with the language."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.contributions import services
from remix.contributions.models import Campaign, Round, RoundRemainder, RoundStatus
from remix.contributions.tests import builders
from tests.browser.conftest import log_in_awa, no_sideways_scroll

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def treasurer(treasurer_awa):
    """Awa the treasurer, a funder, and the funds of a pool and two projects."""
    builders.funder()
    for slug in ("pool-quartier", "jardin", "revue"):
        builders.fund(slug)
    return treasurer_awa


def _round_terms(page, *, opens, closes):
    page.locator("#id_title").fill("Abondement de quartier")
    page.locator("#id_slug").fill("abondement-quartier")
    page.locator("#id_funder").select_option("metropole-de-lyon")
    page.locator("#id_pool").fill("1 000")
    page.locator("#id_pool_fund").select_option("pool-quartier")
    page.locator("#id_opens").fill(opens.isoformat())
    page.locator("#id_closes").fill(closes.isoformat())
    page.locator("#id_cap_percent").fill("50")
    page.locator("input[name=remainder][value=share]").check()


def _gifts(round_: Round):
    """Two verified members give 10 € each to the garden, one gives 30 € to the review."""
    from remix.accounts.models import User

    garden, review = round_.projects.order_by("pk")
    for name, project, amount in (("ines", garden, "10"), ("jonas", garden, "10")) + (
        ("kofi", review, "30"),
    ):
        person = builders.verified(User.objects.create_user(name, f"{name}@example.org", PASSWORD))
        services.payment_record(
            amount=amount,
            date=round_.opens + DAY,
            giver=builders.giver(person),
            round_project=project,
        )


def test_the_treasurer_prepares_edits_opens_previews_and_closes_a_round(watched, treasurer):
    today = timezone.localdate()
    watch = watched()
    page = watch.page
    log_in_awa(page, "/contribute/rounds/")
    expect(page).to_have_url(re.compile(r"/contribute/rounds/$"))
    page.locator("main a[href$='/rounds/new/']").click()

    # Closing before it opens: refused on its field, in French, and nothing typed is lost.
    _round_terms(page, opens=today - 20 * DAY, closes=today - 30 * DAY)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".field-invalid")).to_contain_text(
        "La fermeture d'un tour vient après son ouverture"
    )
    expect(page.locator("#id_title")).to_have_value("Abondement de quartier")
    expect(page.locator("#id_pool")).to_have_value("1 000")
    expect(page.locator("input[name=remainder][value=share]")).to_be_checked()
    watch.check("round-refused")
    page.locator("#id_closes").fill((today - DAY).isoformat())
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/contribute/rounds/abondement-quartier/$"))
    round_ = Round.objects.get(slug="abondement-quartier")
    assert (round_.status, round_.remainder, round_.pool_transaction) == (
        RoundStatus.DRAFT,
        RoundRemainder.SHARE,
        None,
    )
    watch.check("round-draft")

    # Before it opens, its terms change: a larger pool, the rest left in it.
    page.locator("main a[href$='/abondement-quartier/edit/']").click()
    expect(page.locator("#id_pool")).to_have_value(re.compile(r"^1\D000(,00)?$"))
    page.locator("#id_pool").fill("1 200")
    page.locator("input[name=remainder][value=keep]").check()
    watch.check("round-edit")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("1 200")
    expect(page.locator("main")).to_contain_text("Laisser le reste dans l'enveloppe")

    for slug in ("jardin", "revue"):
        page.locator("#id_project-fund").select_option(slug)
        page.locator("form[action$='/projects/'] button[type=submit]").click()
        expect(page.locator("#preview-title")).to_be_visible()
    page.locator("form[action$='/open/'] button[type=submit]").click()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN and round_.pool_transaction.is_posted
    expect(page.locator("main a[href$='/edit/']")).to_have_count(0)

    # The preview with the gifts so far: (√1000 + √1000)² − 2000 = 2000 cents for the garden,
    # nothing for a single giver; the rest of the 1 200 € stays in the pool.
    _gifts(round_)
    page.reload()
    preview = page.locator("section[aria-labelledby=preview-title]")
    expect(preview).to_contain_text(re.compile(r"Abondé, estimation\s*20\s€"))
    expect(preview).to_contain_text(re.compile(r"1\s180\s€"))
    watch.check("round-preview")

    page.locator("form[action$='/close/'] button[type=submit]").click()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    assert [m.match_minor for m in round_.matches.order_by("project_id")] == [2000, 0]
    expect(page.locator("main .facts").first).to_contain_text("Donné")
    expect(page.locator("#preview-title")).to_have_count(0)
    watch.check("round-closed")

    page.goto("/contribute/rounds/")
    watch.check("rounds-list")


def test_the_treasurer_starts_a_campaign(watched, treasurer):
    today = timezone.localdate()
    watch = watched()
    page = watch.page
    log_in_awa(page, "/contribute/campaigns/")
    page.locator("main a[href$='/campaigns/new/']").click()
    page.locator("#id_title").fill("Fiesta de printemps")
    page.locator("#id_slug").fill("fiesta-printemps")
    page.locator("#id_fund").select_option("jardin")
    page.locator("#id_goal").fill("2 500")
    page.locator("#id_deadline").fill((today - DAY).isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".field-invalid")).to_contain_text("L'échéance vient après l'ouverture")
    expect(page.locator("#id_goal")).to_have_value("2 500")
    watch.check("campaign-refused")
    page.locator("#id_deadline").fill((today + 30 * DAY).isoformat())
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/contribute/campaigns/fiesta-printemps/$"))
    campaign = Campaign.objects.get(slug="fiesta-printemps")
    assert (campaign.goal_minor, campaign.fund.slug, campaign.title) == (
        250000,
        "jardin",
        {"fr": "Fiesta de printemps"},
    )
    watch.check("campaign")

    page.locator("main a[href$='/tiers/new/']").click()
    page.locator("#id_title").fill("Une affiche de la fiesta")
    page.locator("#id_amount").fill("30")
    page.locator("#id_counterpart_value").fill("8,50")
    watch.check("tier-form")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/contribute/campaigns/fiesta-printemps/$"))
    expect(page.locator(".campaign-side")).to_contain_text("Une affiche de la fiesta")
    assert campaign.tiers.get().counterpart_value_minor == 850
    watch.check("campaign-with-tier")


def test_the_treasurers_pages_on_a_phone(watched, treasurer):
    today = timezone.localdate()
    closed = builders.round_(
        slug="abondement-ferme", opens=today - 30 * DAY, closes=today - 2 * DAY
    )
    services.round_close(round=closed)
    builders.round_(slug="abondement-prepare", draft=True, remainder=RoundRemainder.SHARE)
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page
    log_in_awa(page, "/contribute/rounds/")
    for address, label in (
        ("/contribute/rounds/", "rounds"),
        ("/contribute/rounds/abondement-ferme/", "round-closed"),
        ("/contribute/rounds/abondement-prepare/", "round-draft"),
        ("/contribute/rounds/new/", "round-new"),
        ("/contribute/campaigns/new/", "campaign-new"),
    ):
        page.goto(address)
        watch.check(label)
        assert no_sideways_scroll(page)
