"""Rules of the contributions that a small slip would break without another test noticing: the
edges of a pledge's schedule, of a ceiling, of a campaign's and a round's dates, the cap's
rounding, the webhook's tolerance, the guards of the services, and what the public reads of a
gift."""

import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from remix.contributions import selectors, services
from remix.contributions.models import CampaignStatus, PledgeStatus, RoundStatus, TaxReceipt
from remix.contributions.quadratic import match
from remix.contributions.schedule import Frequency, Schedule, due_dates, reconcile
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.contributions.webhooks import SignatureRefused, stripe_signature, stripe_verify
from remix.ledger.models import Transaction

D = datetime.date
DAY = datetime.timedelta(days=1)
SAMPLE = (Path(__file__).parent / "samples" / "stripe-payment-intent-succeeded.json").read_bytes()
SECRET = "whsec_remix_test_secret"
SENT_AT = 1_795_000_010


def today() -> datetime.date:
    return timezone.localdate()


def round_gift(round_project, user, *, amount="10", on=None):
    return services.payment_record(
        amount=amount, date=on or today(), giver=builders.giver(user), round_project=round_project
    )


# --- a pledge's schedule -------------------------------------------------------------------------


def test_a_gift_is_late_only_once_the_tenth_day_after_its_date_has_passed():
    pledge = Schedule(start=D(2026, 11, 1), frequency=Frequency.MONTHLY, amount=5_000)

    assert reconcile(pledge, [], today=D(2026, 11, 11)).late == ()
    (late,) = reconcile(pledge, [], today=D(2026, 11, 12)).late
    assert (late.due_on, late.missing) == (D(2026, 11, 1), 5_000)


def test_a_pause_holds_the_gifts_due_on_its_first_and_its_last_day():
    pledge = Schedule(
        start=D(2026, 1, 5),
        frequency=Frequency.MONTHLY,
        amount=5_000,
        pauses=((D(2026, 3, 5), D(2026, 4, 5)),),
    )

    assert due_dates(pledge, until=D(2026, 5, 31)) == [
        D(2026, 1, 5),
        D(2026, 2, 5),
        D(2026, 5, 5),
    ]


@pytest.mark.django_db
def test_a_pledge_resumed_on_a_due_day_falls_due_that_very_day():
    pledge, _created = services.pledge_create(
        fund=builders.platform(),
        amount="10",
        frequency="monthly",
        start=D(2026, 1, 5),
        giver=Giver(name="Lucía"),
    )
    services.pledge_pause(pledge=pledge, start=D(2026, 2, 1))
    services.pledge_resume(pledge=pledge, on=D(2026, 4, 5))

    state = selectors.pledge_reconciliation(pledge=pledge, today=D(2026, 5, 31))

    assert [i.due_on for i in state.instalments] == [D(2026, 1, 5), D(2026, 4, 5), D(2026, 5, 5)]


@pytest.mark.django_db
def test_a_pledge_already_paused_is_not_paused_again():
    pledge, _created = services.pledge_create(
        fund=builders.platform(),
        amount="10",
        frequency="monthly",
        start=D(2026, 1, 5),
        giver=Giver(name="Lucía"),
    )
    services.pledge_pause(pledge=pledge, start=D(2026, 3, 1))

    with pytest.raises(ValidationError):
        services.pledge_pause(pledge=pledge, start=D(2026, 6, 1))

    assert pledge.pauses.count() == 1


@pytest.mark.django_db
def test_a_cancelled_one_time_pledge_takes_no_payment_a_cancelled_monthly_one_still_does():
    once, _created = services.pledge_create(
        fund=builders.platform(), amount="50", giver=Giver(name="Awa"), start=D(2026, 9, 1)
    )
    monthly, _created = services.pledge_create(
        fund=builders.platform(),
        amount="10",
        frequency="monthly",
        start=D(2026, 9, 1),
        giver=Giver(name="Ben"),
    )
    services.pledge_cancel(pledge=once, on=D(2026, 9, 15))
    services.pledge_cancel(pledge=monthly, on=D(2026, 10, 15))

    with pytest.raises(ValidationError):
        services.payment_record(pledge=once, amount="50", date=D(2026, 10, 20))
    # October's gift fell due before the cancellation: it may still arrive.
    late, created = services.payment_record(pledge=monthly, amount="10", date=D(2026, 10, 20))
    assert created and late.pledge == monthly


@pytest.mark.django_db
@pytest.mark.dated
def test_a_monthly_pledge_ending_today_still_counts_among_the_monthly_givers():
    fund = builders.platform()
    for name, end in (("Awa", today()), ("Ben", today() - DAY)):
        services.pledge_create(
            fund=fund,
            amount="10",
            frequency="monthly",
            start=today() - 60 * DAY,
            end=end,
            giver=Giver(name=name),
        )

    assert selectors.give_suggestion(fund=fund, today=today()).monthly_givers == 1


# --- the ceiling per giver -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.dated
def test_a_yearly_ceiling_weighs_a_new_monthly_pledge_by_its_twelve_gifts(make_user):
    awa = make_user("awa", roles=["member"])
    fund = builders.platform()
    services.ceiling_set(fund=fund, period="year", amount="600")

    with pytest.raises(ValidationError):
        services.pledge_create(
            fund=fund, amount="50.01", frequency="monthly", giver=builders.giver(awa)
        )
    _pledge, created = services.pledge_create(
        fund=fund, amount="50", frequency="monthly", giver=builders.giver(awa)
    )
    assert created


@pytest.mark.django_db
@pytest.mark.dated
def test_the_ceiling_counts_a_campaign_pledge_once_the_giver_owes_it(make_user):
    awa = make_user("awa", roles=["member"])
    campaign = builders.campaign(goal="50")
    services.ceiling_set(fund=campaign.fund, period="year", amount="100")
    pledge, _created = services.pledge_create(
        fund=campaign.fund, amount="80", giver=builders.giver(awa), campaign=campaign
    )
    services.campaign_close(campaign=campaign, today=campaign.deadline + DAY)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RECEIVABLE

    with pytest.raises(ValidationError):
        services.pledge_create(fund=campaign.fund, amount="30", giver=builders.giver(awa))
    _pledge, created = services.pledge_create(
        fund=campaign.fund, amount="20", giver=builders.giver(awa)
    )
    assert created


@pytest.mark.django_db
@pytest.mark.dated
def test_the_ceiling_does_not_count_a_pledge_s_payments_on_top_of_the_pledge(make_user):
    awa = make_user("awa", roles=["member"])
    fund = builders.platform()
    services.ceiling_set(fund=fund, period="year", amount="600")
    monthly, _created = services.pledge_create(
        fund=fund,
        amount="40",
        frequency="monthly",
        start=D(today().year, 1, 1),
        giver=builders.giver(awa),
    )
    for _month in range(2):
        services.payment_record(pledge=monthly, amount="40", date=today())

    # 12 × 40 € promised this year, the two payments among them: 120 € of room left.
    with pytest.raises(ValidationError):
        services.pledge_create(fund=fund, amount="120.01", giver=builders.giver(awa))
    _pledge, created = services.pledge_create(fund=fund, amount="120", giver=builders.giver(awa))
    assert created


# --- campaigns -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.dated
def test_a_campaign_takes_pledges_on_its_opening_day_and_on_its_deadline():
    campaign = builders.campaign(opens=today(), deadline=today())

    pledge, created = services.pledge_create(
        fund=campaign.fund, amount="10", giver=Giver(name="Awa"), campaign=campaign
    )

    assert created and pledge.campaign == campaign


@pytest.mark.django_db
@pytest.mark.dated
def test_a_campaign_is_not_due_for_closing_on_its_deadline_day_only_the_day_after():
    campaign = builders.campaign()
    services.pledge_create(
        fund=campaign.fund, amount="10", giver=Giver(name="A"), campaign=campaign
    )

    assert list(selectors.campaigns_due(today=campaign.deadline)) == []
    assert services.campaigns_close_due(today=campaign.deadline) == []
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN

    assert list(selectors.campaigns_due(today=campaign.deadline + DAY)) == [campaign]
    (closed,) = services.campaigns_close_due(today=campaign.deadline + DAY)
    assert closed.status == CampaignStatus.FAILED  # 10 € of a 1 000 € goal, all or nothing


@pytest.mark.django_db
def test_a_free_counterpart_takes_its_minimum_exactly_and_not_a_cent_less():
    campaign = builders.campaign()
    tier = services.tier_add(
        campaign=campaign, title={"fr": "Soutien"}, amount="25", free_amount=True
    )

    with pytest.raises(ValidationError):
        services.pledge_create(
            fund=campaign.fund, amount="24.99", giver=Giver(name="A"), campaign=campaign, tier=tier
        )
    pledge, _created = services.pledge_create(
        fund=campaign.fund, amount="25", giver=Giver(name="B"), campaign=campaign, tier=tier
    )

    assert pledge.tier == tier


@pytest.mark.django_db
def test_a_cancelled_campaign_pledge_gives_its_limited_counterpart_back():
    campaign = builders.campaign()
    tier = services.tier_add(campaign=campaign, title={"fr": "Affiche"}, amount="30", quantity=1)
    first, _created = services.pledge_create(
        fund=campaign.fund, amount="30", giver=Giver(name="A"), campaign=campaign, tier=tier
    )

    services.pledge_cancel(pledge=first)
    second, _created = services.pledge_create(
        fund=campaign.fund, amount="30", giver=Giver(name="B"), campaign=campaign, tier=tier
    )

    tier.refresh_from_db()
    assert (tier.taken, second.tier) == (1, tier)


@pytest.mark.django_db
def test_a_stretch_goal_is_above_the_goal_and_reached_by_exactly_its_amount():
    campaign = builders.campaign(goal="100")
    with pytest.raises(ValidationError):
        services.stretch_goal_add(campaign=campaign, amount="100", title={"fr": "Rien de plus"})
    stretch = services.stretch_goal_add(campaign=campaign, amount="150", title={"fr": "Affiches"})
    for name in ("A", "B", "C"):
        services.pledge_create(
            fund=campaign.fund, amount="50", giver=Giver(name=name), campaign=campaign
        )

    progress = selectors.campaign_progress(campaign=campaign, today=today())

    assert progress.stretch_goals == [(stretch, True)]


# --- matching rounds -----------------------------------------------------------------------------


def test_the_cap_is_rounded_down_to_the_cent_and_the_cent_left_goes_to_the_others():
    rounds = {
        "a": {"p0": 300, "p1": 300},  # ideal 600
        "b": {"p0": 150, "p1": 150},  # ideal 300
        "c": {"p0": 50, "p1": 50},  # ideal 100
    }

    result = match(rounds, pool=1_001, cap_share=Fraction(1, 2))

    assert result.cap == 500  # half of 10.01 €, rounded down
    assert {p.project: p.match for p in result.projects} == {"a": 500, "b": 376, "c": 125}


@pytest.mark.django_db
@pytest.mark.dated
def test_a_round_counts_gifts_of_its_last_day_and_refuses_those_after(make_user):
    last_day = today() - DAY
    round_ = builders.round_(
        pool="100", opens=last_day - 10 * DAY, closes=last_day, remainder="share"
    )
    project = services.round_project_add(round=round_, fund=builders.fund())
    awa, ben = (builders.verified(make_user(n, roles=["member"])) for n in ("awa", "ben"))

    round_gift(project, awa, on=last_day)
    round_gift(project, ben, on=last_day)
    with pytest.raises(ValidationError):
        round_gift(project, ben, on=today())

    matching = selectors.round_matching(round=round_)
    assert (matching.of(project.pk).contributors, matching.of(project.pk).match) == (2, 10_000)


@pytest.mark.django_db
@pytest.mark.dated
def test_a_round_is_not_closed_on_its_last_day(make_user):
    round_ = builders.round_()

    with pytest.raises(ValidationError):
        services.round_close(round=round_, today=round_.closes)

    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


@pytest.mark.django_db
@pytest.mark.dated
def test_a_closed_round_takes_no_more_gift_even_one_dated_inside_its_window(make_user):
    last_day = today() - DAY
    round_ = builders.round_(pool="100", opens=last_day - 10 * DAY, closes=last_day)
    project = services.round_project_add(round=round_, fund=builders.fund())
    awa = builders.verified(make_user("awa", roles=["member"]))
    services.round_close(round=round_, today=today())
    project.refresh_from_db()  # as a page or the API would read it, closed

    with pytest.raises(ValidationError):
        round_gift(project, awa, on=last_day)

    assert not project.fund.gifts.exists()


@pytest.mark.django_db
def test_a_gift_counts_in_the_matching_while_its_giver_is_verified_and_active(make_user):
    round_ = builders.round_(pool="100")
    project = services.round_project_add(round=round_, fund=builders.fund())
    people = [builders.verified(make_user(n, roles=["member"])) for n in ("awa", "ben", "chloe")]
    for person in people:
        round_gift(project, person)

    def givers() -> int:
        return selectors.round_matching(round=round_).of(project.pk).contributors

    assert givers() == 3
    people[0].verified_at = None  # the verification was withdrawn
    people[0].save(update_fields=["verified_at"])
    assert givers() == 2
    people[1].is_active = False
    people[1].save(update_fields=["is_active"])
    assert givers() == 1


# --- time, in kind and receipts ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_declaration_validated_twice_is_recorded_once(make_user):
    awa = make_user("awa", roles=["member"])
    declared, _created = services.contribution_declare(
        giver=builders.giver(awa),
        fund=builders.platform(),
        kind="time",
        amount="3",
        date=today(),
        description="Traduction",
    )
    first = services.contribution_validate(contribution=declared)

    again = services.contribution_validate(contribution=declared)

    assert again.transaction_id == first.transaction_id
    assert Transaction.objects.count() == 1


@pytest.mark.django_db
def test_a_gift_in_kind_is_valued_in_a_currency_never_in_hours(make_user):
    awa = make_user("awa", roles=["member"])

    with pytest.raises(ValidationError):
        services.contribution_declare(
            giver=builders.giver(awa),
            fund=builders.platform(),
            kind="in_kind",
            amount="3",
            commodity="HOUR",
            date=today(),
            description="Trois heures de sono",
        )


@pytest.mark.django_db
def test_a_gift_in_kind_gets_no_receipt_before_a_treasurer_records_it_nor_once_refused(
    make_user, settings
):
    settings.REMIX_RECEIPTS = {"issuer": "Association Remix", "address": "Lyon"}
    awa = make_user("awa", roles=["member"])

    def lent(what: str):
        made, _created = services.contribution_declare(
            giver=builders.giver(awa),
            fund=builders.platform(),
            kind="in_kind",
            amount="80",
            date=today(),
            description=what,
        )
        return made

    waiting = lent("Vidéoprojecteur")
    refused = services.contribution_refuse(contribution=lent("Sono"), reason="Doublon")

    for contribution in (waiting, refused):
        with pytest.raises(ValidationError):
            services.receipt_issue(contribution=contribution)

    assert not TaxReceipt.objects.exists()


# --- what the public reads -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_fund_s_wall_lists_only_what_a_treasurer_recorded(make_user):
    awa = make_user("awa", roles=["member"])
    fund = builders.platform()

    def declared(hours: str, what: str):
        made, _created = services.contribution_declare(
            giver=builders.giver(awa),
            fund=fund,
            kind="time",
            amount=hours,
            date=today(),
            description=what,
        )
        return made

    declared("1", "En attente")
    services.contribution_refuse(contribution=declared("2", "Refusé"), reason="Doublon")
    services.contribution_validate(contribution=declared("3", "Validé"))

    assert [(e.kind, e.amount_minor) for e in selectors.wall(fund=fund)] == [("time", 300)]


@pytest.mark.django_db
def test_another_member_reads_an_amount_only_gift_without_its_name_its_giver_with_it(
    client, api_token
):
    jean, jeans_token = api_token(username="jean", roles=["member"])
    _awa, awas_token = api_token(username="awa", roles=["member"])
    services.payment_record(
        fund=builders.platform(),
        amount="30",
        date=today(),
        giver=builders.giver(jean),
        visibility="amount",
    )

    def seen(raw: str) -> list:
        response = client.get("/api/v1/contributions", HTTP_AUTHORIZATION=f"Bearer {raw}")
        return [(i["name"], i["username"], i["amount"]) for i in response.json()["items"]]

    assert seen(awas_token) == [(None, None, "30.00")]
    assert seen(jeans_token) == [("Jean", "jean", "30.00")]


# --- webhooks ------------------------------------------------------------------------------------


def test_a_signature_exactly_five_minutes_off_either_way_still_passes():
    header = f"t={SENT_AT},v1={stripe_signature(SAMPLE, SECRET, SENT_AT)}"

    stripe_verify(SAMPLE, header, SECRET, now=SENT_AT + 300)
    stripe_verify(SAMPLE, header, SECRET, now=SENT_AT - 300)
    with pytest.raises(SignatureRefused):
        stripe_verify(SAMPLE, header, SECRET, now=SENT_AT + 301)
