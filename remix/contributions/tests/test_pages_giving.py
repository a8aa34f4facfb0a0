"""The giving pages: the contribute area, a fund's give page, a pledge's page, my contributions,
declaring time or in-kind, the wall, and the treasurers' desk."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from remix.contributions import schedule, services
from remix.contributions.models import (
    Ceiling,
    Contribution,
    ContributionStatus,
    Pledge,
    PledgeStatus,
    Visibility,
)
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.ledger import maths
from remix.ledger import services as ledger

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"contributions:{name}", kwargs=kwargs or None)


def pledge_url(pledge: Pledge) -> str:
    return url("pledge", reference=pledge.reference.replace(" ", ""))


@pytest.fixture
def member(make_user):
    return make_user("awa", roles=["member"], language="en")


def outsider(make_user):
    """An account without the member role (every signed-up account has it at first)."""
    user = make_user("passant")
    user.groups.clear()
    return user


@pytest.fixture
def treasurer(make_user):
    return make_user("tresoriere", roles=["treasurer"], language="en")


def needs(amount: str, fund=None):
    """What a fund needs this year: 12 000 makes 1 000 a month."""
    ledger.budget_line_create(
        fund=fund or builders.platform(),
        period=maths.period_of("year", TODAY()),
        amount=amount,
        category="hosting",
    )


# --- the contribute area -------------------------------------------------------------------------


@pytest.mark.dated
def test_the_contribute_area_lists_funds_campaigns_rounds_and_the_latest_gifts(client, member):
    needs("12000")
    campaign = builders.campaign()
    services.pledge_create(
        fund=campaign.fund, amount="250", giver=Giver(name="Lucía"), campaign=campaign
    )
    round_ = builders.round_(opens=TODAY())  # its pool is this year's, even on 1 January
    services.payment_record(
        fund=builders.platform(), amount="42", date=TODAY(), giver=Giver(name="Awa Diop")
    )
    page = client.get(url("home")).content.decode()
    assert url("give", fund=builders.platform().slug) in page
    # What the year needs, less the round's pool and the gift already in: (12 000 − 1 042) / 12.
    assert f"<strong>{TODAY().year}: €10,958 missing, that is €913.17 a month</strong>" in page
    assert "Commons fiesta" in page and "€250 of €1,000 · 25%" in page
    assert url("round", slug=round_.slug) in page
    assert "Awa Diop" in page and "€42" in page
    with translation.override("fr"):
        assert reverse("contributions:home") == "/contribute/"


def test_the_contribute_area_is_in_the_main_navigation(client):
    page = client.get("/en/").content.decode()
    assert 'href="/en/contribute/"' in page


# --- the give page -------------------------------------------------------------------------------


def test_a_visitor_sees_the_gap_the_suggestion_and_a_link_to_log_in(client, make_user):
    for name in ("awa", "lucia", "jean"):
        make_user(name, roles=["member"])
    needs("12000")
    services.ceiling_set(fund=builders.platform(), period="year", amount="600")
    page = client.get(url("give", fund=builders.platform().slug)).content.decode()
    assert f"<strong>{TODAY().year}: €12,000 missing, that is €1,000 a month</strong>" in page
    # 1 000 shared by three members, rounded up to a whole euro.
    assert "If each of the 3 members gave €334 a month, the gap would close." in page
    assert (
        "One giver may give this fund at most €600 per year, so that no one weighs too much."
        in page
    )
    assert 'id="give-form"' not in page
    assert "/en/accounts/login/?next=" in page


def test_a_member_pledges_from_the_give_page_and_lands_on_the_pledge(client, member):
    needs("12000")
    client.force_login(member)
    give = url("give", fund=builders.platform().slug)
    page = client.get(give).content.decode()
    # Presets around the suggestion (1 000 for one member): half, it, twice, four times.
    for amount in ("500.00", "1000.00", "2000.00", "4000.00"):
        assert f'value="{amount}"' in page
    assert 'id="give-form"' in page and 'id="id_amount"' in page
    assert 'id="id_visibility_0"' in page
    response = client.post(
        give,
        {"preset": "500.00", "amount": "12,50", "frequency": "monthly", "visibility": "public"},
    )
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response.url == pledge_url(pledge)
    # A typed amount replaces the preset.
    assert (pledge.amount_minor, pledge.frequency, pledge.visibility) == (1250, "monthly", "public")
    assert pledge.user == member and pledge.fund == builders.platform()


def test_the_same_give_form_sent_twice_makes_one_pledge(client, member):
    client.force_login(member)
    give = url("give", fund=builders.platform().slug)
    token = re.search(r'name="token" value="([0-9a-f]{32})"', client.get(give).content.decode())
    data = {"amount": "15", "frequency": "monthly", "visibility": "amount", "token": token[1]}
    first, second = client.post(give, data), client.post(give, data)
    assert first.url == second.url == pledge_url(Pledge.objects.get())


def test_the_give_form_shows_refusals_by_their_field(client, member):
    client.force_login(member)
    give = url("give", fund=builders.platform().slug)
    nothing = client.post(give, {"frequency": "once", "visibility": "amount"}).content.decode()
    assert "Choose an amount or type one." in nothing
    services.ceiling_set(fund=builders.platform(), period="month", amount="50")
    over = client.post(give, {"amount": "80", "frequency": "once", "visibility": "amount"})
    html = over.content.decode()
    assert over.status_code == 200 and not Pledge.objects.exists()
    assert "at most €50.00 per month" in html and 'id="id_amount_error"' in html


def test_only_members_give_and_a_visitor_is_sent_to_log_in(client, make_user):
    give = url("give", fund=builders.platform().slug)
    data = {"amount": "10", "frequency": "once", "visibility": "public"}
    visitor = client.post(give, data)
    assert visitor.status_code == 302 and "/accounts/login/" in visitor.url
    client.force_login(outsider(make_user))
    assert client.post(give, data).status_code == 403
    assert not Pledge.objects.exists()
    assert client.get(url("give", fund="nowhere")).status_code == 404


# --- a pledge ------------------------------------------------------------------------------------


def monthly_pledge(user, *, months_ago=3, amount="20"):
    start = TODAY() - datetime.timedelta(days=31 * months_ago)
    pledge, _ = services.pledge_create(
        fund=builders.platform(),
        amount=amount,
        frequency="monthly",
        start=start,
        giver=builders.giver(user),
    )
    return pledge


@pytest.mark.dated
def test_a_pledge_shows_its_reference_its_schedule_and_what_is_late(client, member, settings):
    settings.REMIX_BANK_TRANSFER = {
        "holder": "Association Remix",
        "iban": "FR7630006000011234567890189",
        "bic": "AGRIFRPP",
    }
    pledge = monthly_pledge(member, months_ago=3)
    services.payment_record(pledge=pledge, amount="20", date=pledge.start)
    client.force_login(member)
    page = client.get(pledge_url(pledge)).content.decode()
    assert pledge.reference in page and "FR76 3000 6000 0112 3456 7890 189" in page
    assert "Association Remix" in page and "AGRIFRPP" in page
    # Four gifts fell due (93 days of a monthly pledge), one is paid; the second and the third
    # are more than ten days late, the fourth is within its grace.
    assert "Scheduled so far</dt><dd>€80.00" in page
    assert "Received</dt><dd>€20.00" in page
    assert "Late</dt><dd>€40.00" in page and "2 gifts are late" in page
    following = next(
        day for day in (schedule.add_months(pledge.start, n) for n in range(1, 6)) if day > TODAY()
    )
    with translation.override("en"):
        assert f"Next gift due</dt><dd>{date_format(following)}" in page


def test_a_pledge_says_when_no_bank_account_is_configured(client, member, settings):
    settings.REMIX_BANK_TRANSFER = {"holder": "", "iban": "", "bic": ""}
    pledge = monthly_pledge(member, months_ago=0)
    client.force_login(member)
    page = client.get(pledge_url(pledge)).content.decode()
    assert "No bank account is configured on this platform yet" in page


def test_a_pledge_is_for_its_giver_and_the_treasurers_only(client, member, treasurer, make_user):
    pledge = monthly_pledge(member)
    target = pledge_url(pledge)
    assert client.get(target).status_code == 302  # log in first
    client.force_login(make_user("lucia", roles=["member"]))
    assert client.get(target).status_code == 404
    assert client.get(url("pledge", reference="RF00NOTHING")).status_code == 404
    client.force_login(treasurer)
    page = client.get(target)
    assert page.status_code == 200 and "as a treasurer" in page.content.decode()
    assert client.post(target, {"action": "cancel"}).status_code == 403
    client.force_login(member)
    assert client.get(target).status_code == 200
    # The reference with its spaces, as printed, finds it too.
    assert client.get(url("pledge", reference=pledge.reference.lower())).status_code == 200


def test_the_giver_pauses_resumes_and_cancels(client, member):
    pledge = monthly_pledge(member)
    target = pledge_url(pledge)
    client.force_login(member)
    client.post(target, {"action": "pause"})
    assert pledge.pauses.filter(end__isnull=True).exists()
    assert "Resume from today" in client.get(target).content.decode()
    client.post(target, {"action": "resume"})
    assert not pledge.pauses.filter(end__isnull=True).exists()
    client.post(target, {"action": "cancel"})
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.CANCELLED
    again = client.post(target, {"action": "cancel"}, follow=True).content.decode()
    assert "This pledge is no longer running." in again


# --- my contributions ----------------------------------------------------------------------------


def test_my_page_lists_my_pledges_gifts_receipts_and_declarations(client, member, settings):
    settings.REMIX_RECEIPTS = {**settings.REMIX_RECEIPTS, "issuer": "Association Remix"}
    pledge = monthly_pledge(member)
    with_receipt, _ = services.payment_record(pledge=pledge, amount="20", date=pledge.start)
    receipt = services.receipt_issue(contribution=with_receipt)
    without, _ = services.payment_record(
        fund=builders.platform(), amount="35", date=TODAY(), giver=builders.giver(member)
    )
    refused, _created = services.contribution_declare(
        giver=builders.giver(member),
        fund=builders.platform(),
        kind="time",
        amount="3",
        date=TODAY(),
        description="Sous-titres",
    )
    services.contribution_refuse(contribution=refused, reason="Already counted")
    services.payment_record(
        fund=builders.platform(), amount="99", date=TODAY(), giver=Giver(name="Someone Else")
    )
    client.force_login(member)
    page = client.get(url("mine")).content.decode()
    assert pledge.reference in page and pledge_url(pledge) in page
    assert url("receipt", year=receipt.year, sequence=receipt.sequence) in page
    assert url("receipt_issue", pk=without.pk) in page
    assert "Sous-titres" in page and "Already counted" in page
    assert "€99" not in page and "Someone Else" not in page


def test_my_page_needs_a_login(client):
    assert client.get(url("mine")).status_code == 302


# --- declaring time and in kind ------------------------------------------------------------------


def test_a_member_declares_time_and_a_treasurer_then_sees_it(client, member, treasurer):
    client.force_login(member)
    future = client.post(
        url("declare"),
        {
            "kind": "time",
            "fund": builders.platform().slug,
            "amount": "2,5",
            "description": "Traduction",
            "date": (TODAY() + datetime.timedelta(days=3)).isoformat(),
            "visibility": "public",
        },
    )
    assert "Declare what was already given." in future.content.decode()
    done = client.post(
        url("declare"),
        {
            "kind": "time",
            "fund": builders.platform().slug,
            "amount": "2,5",
            "description": "Traduction",
            "date": TODAY().isoformat(),
            "visibility": "public",
        },
    )
    assert done.status_code == 302 and done.url == url("mine")
    declared = Contribution.objects.get()
    assert (declared.amount_minor, declared.commodity, declared.status) == (250, "HOUR", "declared")
    client.force_login(treasurer)
    assert "Traduction" in client.get(url("treasury")).content.decode()


def test_declaring_is_for_members(client, make_user):
    assert client.get(url("declare")).status_code == 302
    client.force_login(outsider(make_user))
    assert client.get(url("declare")).status_code == 403


# --- the wall ------------------------------------------------------------------------------------


def test_the_wall_shows_each_giver_as_they_chose(client, member):
    fiesta = builders.fund()
    for name, amount, visibility, fund in (
        ("Awa Diop", "11", Visibility.PUBLIC, builders.platform()),
        ("Jean Anonyme", "22", Visibility.AMOUNT, builders.platform()),
        ("Marie Cachée", "33", Visibility.PRIVATE, builders.platform()),
        ("Lucía Fiesta", "44", Visibility.PUBLIC, fiesta),
    ):
        services.payment_record(
            fund=fund, amount=amount, date=TODAY(), giver=Giver(name=name), visibility=visibility
        )
    page = client.get(url("wall")).content.decode()
    assert "Awa Diop" in page and "€11" in page
    assert "€22" in page and "Anonyme" not in page
    assert "Cachée" not in page and "€33" not in page
    only_fiesta = client.get(url("wall") + f"?fund={fiesta.slug}").content.decode()
    assert "Lucía Fiesta" in only_fiesta and "Awa Diop" not in only_fiesta
    assert client.get(url("wall") + "?fund=nowhere").status_code == 404
    give = client.get(url("give", fund=builders.platform().slug)).content.decode()
    assert "Awa Diop" in give and "Cachée" not in give and "Anonyme" not in give


# --- the treasurers' desk ------------------------------------------------------------------------


def test_the_treasury_is_for_treasurers(client, member):
    assert client.get(url("treasury")).status_code == 302
    client.force_login(member)
    assert client.get(url("treasury")).status_code == 403
    assert client.post(url("treasury"), {"action": "ceiling_clear"}).status_code == 403


def test_a_treasurer_validates_and_refuses_declarations(client, member, treasurer):
    (kept, _kept_new), (dropped, _dropped_new) = (
        services.contribution_declare(
            giver=builders.giver(member),
            fund=builders.platform(),
            kind=kind,
            amount=amount,
            date=TODAY(),
            description=what,
        )
        for kind, amount, what in (("time", "4", "Modération"), ("in_kind", "80", "Affiches"))
    )
    client.force_login(treasurer)
    client.post(url("treasury"), {"action": "validate", "contribution": kept.pk})
    kept.refresh_from_db()
    assert kept.status == ContributionStatus.RECORDED and kept.transaction.is_posted
    no_reason = client.post(url("treasury"), {"action": "refuse", "contribution": dropped.pk})
    assert no_reason.status_code == 200 and "This field is required." in no_reason.content.decode()
    client.post(
        url("treasury"),
        {"action": "refuse", "contribution": dropped.pk, f"refuse-{dropped.pk}-reason": "Doublon"},
    )
    dropped.refresh_from_db()
    assert (dropped.status, dropped.refusal_reason) == (ContributionStatus.REFUSED, "Doublon")


def test_a_treasurer_records_payments_by_reference_or_by_fund(client, member, treasurer):
    pledge = monthly_pledge(member, months_ago=0)
    client.force_login(treasurer)
    by_reference = client.post(
        url("treasury"),
        {
            "action": "payment",
            "payment-reference": pledge.reference.replace(" ", "").lower(),
            "payment-amount": "20",
            "payment-method": "transfer",
            "payment-date": TODAY().isoformat(),
            "payment-visibility": "public",
        },
    )
    assert by_reference.status_code == 302
    assert pledge.contributions.get().amount_minor == 2000
    unknown = client.post(
        url("treasury"),
        {
            "action": "payment",
            "payment-reference": "RF18 5390 0754 7034",
            "payment-amount": "20",
            "payment-method": "transfer",
            "payment-date": TODAY().isoformat(),
            "payment-visibility": "public",
        },
    ).content.decode()
    assert "No pledge has this reference." in unknown
    missing = client.post(
        url("treasury"),
        {
            "action": "payment",
            "payment-amount": "20",
            "payment-method": "transfer",
            "payment-date": TODAY().isoformat(),
            "payment-visibility": "public",
        },
    ).content.decode()
    assert "Without a reference, choose the fund." in missing
    client.post(
        url("treasury"),
        {
            "action": "payment",
            "payment-fund": builders.fund().slug,
            "payment-name": "Fanfare du quartier",
            "payment-amount": "150",
            "payment-method": "cheque",
            "payment-date": TODAY().isoformat(),
            "payment-visibility": "amount",
        },
    )
    gift = Contribution.objects.get(name="Fanfare du quartier")
    assert (gift.fund, gift.amount_minor, gift.visibility) == (builders.fund(), 15000, "amount")
    assert gift.payment_method == "cheque"
    unsaid = client.post(
        url("treasury"),
        {
            "action": "payment",
            "payment-fund": builders.fund().slug,
            "payment-name": "Sans mode",
            "payment-amount": "15",
            "payment-date": TODAY().isoformat(),
            "payment-visibility": "amount",
        },
    )
    assert unsaid.status_code == 200 and unsaid.context["payment_form"].errors["method"]
    assert not Contribution.objects.filter(name="Sans mode").exists()


def test_a_treasurer_sets_and_clears_a_ceiling(client, treasurer, member):
    client.force_login(treasurer)
    platform = builders.platform().slug
    both = client.post(
        url("treasury"),
        {"action": "ceiling", "ceiling-fund": platform, "ceiling-period": "year"},
    ).content.decode()
    assert "Give either an amount or a share of the needs." in both
    client.post(
        url("treasury"),
        {
            "action": "ceiling",
            "ceiling-fund": platform,
            "ceiling-period": "year",
            "ceiling-share": "10",
        },
    )
    ceiling = Ceiling.objects.get()
    assert str(ceiling.share_of_needs) == "0.1000" and ceiling.period == "year"
    needs("12000")
    page = client.get(url("treasury")).content.decode()
    assert "10% of the needs per year" in page and "€1,200.00" in page
    client.logout()
    give = client.get(url("give", fund=platform)).content.decode()
    assert "at most €1,200 per year" in give and "That is 10% of what the fund needs" in give
    client.force_login(treasurer)
    client.post(url("treasury"), {"action": "ceiling_clear", "fund": platform})
    assert not Ceiling.objects.exists()


def test_the_treasury_lists_campaigns_past_their_deadline(client, treasurer):
    past = builders.campaign(
        slug="passee",
        opens=TODAY() - datetime.timedelta(days=30),
        deadline=TODAY() - datetime.timedelta(days=1),
    )
    builders.campaign(slug="en-cours")
    client.force_login(treasurer)
    page = client.get(url("treasury")).content.decode()
    assert url("campaign_close", slug=past.slug) in page
    assert url("campaign_close", slug="en-cours") not in page
