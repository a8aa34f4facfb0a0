"""Giving in a browser (JOURNEYS.md): a member on a phone backs the fiesta's crowdfunding campaign
with a counterpart, and sees the progress bar move and her name join the wall; a giver who asked
for anonymity is never named; a member gives every month to the platform and finds the reference
to put on her bank transfer.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.contributions import services
from remix.contributions.models import Pledge, RoundRemainder
from remix.contributions.services import Giver
from remix.ledger.models import Fund, FundKind
from tests.browser.conftest import log_in as _log_in
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"


@pytest.fixture
def fiesta(transactional_db):
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    fatou = User.objects.create_user(
        "fatou", "fatou@example.org", PASSWORD, display_name="Fatou Sarr"
    )
    fatou.groups.add(Group.objects.get(name="member"))
    fund = Fund.objects.create(
        slug="fiesta-des-communs",
        kind=FundKind.FIESTA,
        name={"fr": "Fiesta des communs", "en": "Commons fiesta"},
    )
    today = timezone.localdate()
    campaign = services.campaign_create(
        slug="fiesta",
        title={"fr": "Fiesta des communs à Lyon", "en": "Commons fiesta in Lyon"},
        description={"fr": "Deux jours de **fête** pour tout le réseau."},
        fund=fund,
        goal="1000",
        opens=today - datetime.timedelta(days=3),
        deadline=today + datetime.timedelta(days=20),
        rule="all_or_nothing",
    )
    poster = services.tier_add(
        campaign=campaign,
        title={"fr": "Affiche sérigraphiée", "en": "Screen-printed poster"},
        amount="30",
        quantity=10,
    )
    services.pledge_create(
        fund=fund,
        amount="200",
        giver=Giver(name="Jean Discret"),
        campaign=campaign,
        visibility="amount",
    )
    return {"fatou": fatou, "campaign": campaign, "poster": poster}


def _no_sideways_scroll(page):
    assert no_sideways_scroll(page)


def test_a_member_backs_the_fiesta_and_sees_the_bar_move_and_the_wall_update(watched, fiesta):
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page

    page.goto("/contribute/campaigns/fiesta/")
    bar = page.locator("progress#campaign-progress")
    expect(bar).to_have_attribute("value", re.compile(r"^200(\.0+)?$"))
    expect(page.locator("#wall")).not_to_contain_text("Jean Discret")
    watch.check("campaign-before")
    _no_sideways_scroll(page)

    _log_in(page, "fatou", "/contribute/campaigns/fiesta/")
    expect(page).to_have_url(re.compile(r"/contribute/campaigns/fiesta/$"))
    form = page.locator("#pledge-form")
    form.locator(f"input[name=tier][value='{fiesta['poster'].pk}']").check()
    form.locator("#id_amount").fill("30")
    form.locator("input[name=visibility][value=public]").check()
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/contribute/campaigns/fiesta/"))
    expect(page.locator("progress#campaign-progress")).to_have_attribute(
        "value", re.compile(r"^230(\.0+)?$")
    )
    expect(page.locator("#wall")).to_contain_text("Fatou Sarr")
    expect(page.locator("#wall")).not_to_contain_text("Jean Discret")
    pledge = Pledge.objects.get(user=fiesta["fatou"])
    assert (pledge.amount_minor, pledge.tier_id) == (3000, fiesta["poster"].pk)
    fiesta["poster"].refresh_from_db()
    assert fiesta["poster"].taken == 1
    watch.check("campaign-after")
    _no_sideways_scroll(page)
    assert watch.problems == []


def test_a_member_in_dakar_pledges_xof_every_month_then_declares_her_translation_hours(
    watched, fiesta
):
    from remix.contributions.models import Contribution
    from remix.ledger.services import rate_record

    rate_record(date=timezone.localdate(), commodity="XOF", quote="EUR", rate="0.0015")
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page
    _log_in(page, "fatou", "/contribute/give/plateforme/")
    expect(page).to_have_url(re.compile(r"/contribute/give/plateforme/$"))
    watch.check("give")
    _no_sideways_scroll(page)
    form = page.locator("#give-form")
    form.locator("#id_amount").fill("5000")
    form.locator("#id_currency").select_option("XOF")
    form.locator("input[name=frequency][value=monthly]").check()
    form.locator("input[name=visibility][value=private]").check()
    form.locator("button[type=submit]").click()

    pledge = Pledge.objects.get(user=fiesta["fatou"], campaign__isnull=True)
    assert (pledge.amount_minor, pledge.commodity, pledge.frequency, pledge.visibility) == (
        5000,
        "XOF",
        "monthly",
        "private",
    )
    compact = pledge.reference.replace(" ", "")
    expect(page).to_have_url(re.compile(rf"/contribute/pledges/{compact}/$"))
    expect(page.locator("main")).to_contain_text(pledge.reference)
    watch.check("pledge")
    _no_sideways_scroll(page)

    # The first gift arrives; the giver asked for privacy, so the wall never names her.
    services.payment_record(pledge=pledge, amount="5000", commodity="XOF", date=pledge.start)
    page.goto("/contribute/wall/")
    expect(page.locator("#wall")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Fatou Sarr")

    page.goto("/contribute/declare/")
    page.locator("input[name=kind][value=time]").check()
    page.locator("#id_fund").select_option("plateforme")
    page.locator("#id_amount").fill("6")
    page.locator("#id_description").fill("Traduction en wolof des pages d'aide")
    page.locator("input[name=visibility][value=private]").check()
    watch.check("declare")
    page.locator("main form button[type=submit]").click()
    declared = Contribution.objects.get(user=fiesta["fatou"], kind="time")
    assert (declared.amount_minor, declared.commodity, declared.status) == (600, "HOUR", "declared")
    expect(page.locator("main")).to_contain_text("Traduction en wolof")
    watch.check("mine")
    assert watch.problems == []


def test_a_local_authority_s_round_is_explained_while_open_and_closes_to_the_cent(watched, fiesta):
    """JOURNEYS.md, a funder running a matching round: 10,000 € capped at 25 % per project."""
    from django.contrib.auth.models import Group

    from remix.accounts.models import User
    from remix.allies.models import Actor
    from remix.ledger.models import Posting

    today = timezone.localdate()
    treasurer = User.objects.create_user("mateo", "m@example.org", PASSWORD, display_name="Mateo")
    treasurer.groups.add(*Group.objects.filter(name__in=["member", "treasurer"]))
    pool_fund = Fund.objects.create(slug="enveloppe", kind=FundKind.OTHER, name={"fr": "Enveloppe"})
    round_ = services.round_create(
        slug="communs-de-quartier",
        title={"fr": "Communs de quartier", "en": "Neighbourhood commons"},
        funder=Actor.objects.create(name="Ville de Lyon", slug="lyon", kind="organisation"),
        pool="10000",
        pool_fund=pool_fund,
        opens=today - datetime.timedelta(days=20),
        closes=today - datetime.timedelta(days=1),
        cap_share="0.25",
        # The journey's funder shares the whole pool, the capped project's excess included.
        remainder=RoundRemainder.SHARE,
    )
    people = []
    for n in range(12):
        person = User.objects.create_user(f"voisin{n}", display_name=f"Voisin {n}")
        person.verified_at = timezone.now()
        person.save()
        people.append(person)
    # Five gardens, compost, a repair café, a tool library, a seed library: breadth differs.
    givers = {"jardin": 12, "compost": 6, "repair": 4, "outils": 3, "semences": 1}
    projects = {}
    for slug, count in givers.items():
        fund = Fund.objects.create(slug=slug, kind=FundKind.OTHER, name={"fr": slug.title()})
        projects[slug] = services.round_project_add(round=round_, fund=fund)
        for person in people[:count]:
            services.payment_record(
                amount="10" if slug != "semences" else "500",
                date=today - datetime.timedelta(days=5),
                giver=Giver(user=person),
                round_project=projects[slug],
            )

    watch = watched()
    page = watch.page
    page.goto("/contribute/rounds/communs-de-quartier/")
    jardin = page.locator(
        "li.round-project", has=page.locator(f"#project-{projects['jardin'].pk}-title")
    )
    expect(jardin).to_contain_text("12 personnes ont donné 120,00")
    expect(jardin.locator(".badge")).to_be_visible()  # capped at 2 500 €
    seeds = page.locator(
        "li.round-project", has=page.locator(f"#project-{projects['semences'].pk}-title")
    )
    expect(seeds).to_contain_text("500")
    watch.check("round-open")

    _log_in(page, "mateo", "/contribute/rounds/communs-de-quartier/")
    page.locator(f"form[action$='/rounds/{round_.slug}/close/'] button").click()
    round_.refresh_from_db()
    assert round_.status == "closed"
    matches = {
        m.project.fund.slug: m.match_minor for m in round_.matches.select_related("project__fund")
    }
    assert sum(matches.values()) == 1_000_000  # exactly the pool
    assert matches["jardin"] == 250_000 and matches["semences"] == 0
    moved = Posting.objects.filter(
        fund__slug__in=list(givers),
        account__code="Assets:Bank:Current",
        transaction__is_transfer=True,
    )
    assert sum(p.amount_minor for p in moved) == 1_000_000
    expect(page.locator("main")).to_contain_text("Chiffres définitifs")
    watch.check("round-closed")
    assert watch.problems == []
