"""The funding services against the books: pledges, gifts, declarations, campaigns, rounds."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone, translation

from remix.contributions import selectors, services
from remix.contributions.models import (
    CampaignStatus,
    ContributionStatus,
    PledgeStatus,
    ReceiptCounter,
    RoundStatus,
    Visibility,
)
from remix.contributions.references import reference_valid
from remix.contributions.services import Giver, campaigns
from remix.contributions.tests import builders
from remix.ledger.models import Posting, Transaction

TODAY = timezone.localdate

pytestmark = pytest.mark.django_db


def balance(code: str, fund=None) -> int:
    postings = Posting.objects.filter(account__code=code, posted=True)
    if fund is not None:
        postings = postings.filter(fund=fund)
    return postings.aggregate(total=Sum("amount_minor"))["total"] or 0


# --- pledges and gifts ---------------------------------------------------------------------------


def test_a_monthly_pledge_gets_a_reference_and_its_payments_reach_the_books(make_user):
    awa = make_user("awa", roles=["member"])
    pledge, created = services.pledge_create(
        fund=builders.platform(),
        amount="15",
        frequency="monthly",
        start=datetime.date(2026, 9, 5),
        giver=builders.giver(awa),
    )
    assert created and reference_valid(pledge.reference) and pledge.name == awa.public_name
    services.payment_record(pledge=pledge, amount="15", date=datetime.date(2026, 9, 6))
    services.payment_record(pledge=pledge, amount="15", date=datetime.date(2026, 10, 7))
    assert balance("Income:Contributions:Donations") == -3000
    assert balance("Assets:Bank:Current") == 3000
    state = selectors.pledge_reconciliation(pledge=pledge, today=datetime.date(2026, 11, 26))
    assert state.scheduled == 4500 and state.received == 3000
    assert [i.due_on for i in state.late] == [datetime.date(2026, 11, 5)]


def test_a_repeated_external_key_records_one_gift(make_user):
    pledge, _ = services.pledge_create(
        fund=builders.platform(), amount="20", giver=Giver(name="Awa Diop")
    )
    first, created = services.payment_record(
        pledge=pledge, amount="20", date=TODAY(), external_key="stripe:evt_1"
    )
    again, created_again = services.payment_record(
        pledge=pledge, amount="20", date=TODAY(), external_key="stripe:evt_1"
    )
    assert created and not created_again and first.pk == again.pk
    assert Transaction.objects.count() == 1


def test_a_gift_that_asked_for_anonymity_is_not_named_in_the_books(make_user):
    with translation.override("en"):
        contribution, _ = services.payment_record(
            fund=builders.platform(),
            amount="50",
            date=TODAY(),
            giver=Giver(name="Jean Secret"),
            visibility=Visibility.AMOUNT,
        )
    tx = contribution.transaction
    assert tx.anonymous and "Jean" not in tx.description and tx.is_posted


def test_a_pledge_of_nothing_or_in_hours_is_refused():
    with pytest.raises(ValidationError):
        services.pledge_create(fund=builders.platform(), amount="0", giver=Giver(name="A"))
    with pytest.raises(ValidationError):
        services.pledge_create(
            fund=builders.platform(), amount="3", commodity="HOUR", giver=Giver(name="A")
        )
    with pytest.raises(ValidationError):
        services.pledge_create(fund=builders.platform(), amount="3", giver=Giver())


def test_pause_resume_and_cancel_change_what_falls_due(make_user):
    pledge, _ = services.pledge_create(
        fund=builders.platform(),
        amount="10",
        frequency="monthly",
        start=datetime.date(2026, 1, 10),
        giver=Giver(name="Lucía"),
    )
    services.pledge_pause(pledge=pledge, start=datetime.date(2026, 3, 1))
    services.pledge_resume(pledge=pledge, on=datetime.date(2026, 6, 1))
    pledge = services.pledge_cancel(pledge=pledge, on=datetime.date(2026, 9, 1))
    state = selectors.pledge_reconciliation(pledge=pledge, today=datetime.date(2026, 12, 1))
    # January, February, then June, July, August: March to May paused, nothing after September.
    assert [i.due_on.month for i in state.instalments] == [1, 2, 6, 7, 8]


def test_time_is_declared_then_validated_in_hours(make_user):
    awa = make_user("awa", roles=["member"])
    treasurer = make_user("tresoriere", roles=["treasurer"])
    declared, _created = services.contribution_declare(
        giver=builders.giver(awa),
        fund=builders.platform(),
        kind="time",
        amount="6.5",
        date=TODAY(),
        description="Traduction des pages",
    )
    assert declared.status == ContributionStatus.DECLARED and declared.commodity == "HOUR"
    assert not Transaction.objects.exists()
    services.contribution_validate(contribution=declared, recorder=treasurer)
    assert balance("Income:Community:Time") == -650
    assert balance("Expenses:Volunteering") == 650
    in_kind, _created = services.contribution_declare(
        giver=builders.giver(awa),
        fund=builders.platform(),
        kind="in_kind",
        amount="120",
        date=TODAY(),
        description="Prêt d'un vidéoprojecteur",
    )
    refused = services.contribution_refuse(contribution=in_kind, reason="Déjà compté")
    assert refused.status == ContributionStatus.REFUSED and refused.transaction is None


def test_a_ceiling_per_giver_refuses_what_would_weigh_too_much(make_user):
    awa = make_user("awa", roles=["member"])
    services.ceiling_set(fund=builders.platform(), period="year", amount="600")
    services.pledge_create(
        fund=builders.platform(),
        amount="40",
        frequency="monthly",
        start=datetime.date(TODAY().year, 1, 1),
        giver=builders.giver(awa),
    )
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.pledge_create(fund=builders.platform(), amount="150", giver=builders.giver(awa))
    assert "at most" in str(refused.value)
    services.pledge_create(fund=builders.platform(), amount="120", giver=builders.giver(awa))


# --- campaigns -----------------------------------------------------------------------------------


def test_a_capped_tier_is_never_taken_beyond_its_quantity(make_user):
    campaign = builders.campaign()
    tier = services.tier_add(campaign=campaign, title={"fr": "Affiche"}, amount="30", quantity=1)
    services.pledge_create(
        fund=campaign.fund, amount="30", giver=Giver(name="A"), campaign=campaign, tier=tier
    )
    with pytest.raises(ValidationError):
        services.pledge_create(
            fund=campaign.fund, amount="30", giver=Giver(name="B"), campaign=campaign, tier=tier
        )
    tier.refresh_from_db()
    assert tier.taken == 1


def test_an_all_or_nothing_campaign_that_missed_its_goal_posts_nothing(make_user):
    campaign = builders.campaign(goal="1000")
    for name in ("A", "B"):
        services.pledge_create(
            fund=campaign.fund, amount="100", giver=Giver(name=name), campaign=campaign
        )
    closed = services.campaign_close(
        campaign=campaign, today=campaign.deadline + datetime.timedelta(days=1)
    )
    assert closed.status == CampaignStatus.FAILED
    assert set(campaign.pledges.values_list("status", flat=True)) == {PledgeStatus.RELEASED}
    assert not Posting.objects.exists()


@pytest.mark.parametrize(
    ("second", "status", "receivable"),
    [
        ("99.99", CampaignStatus.FAILED, 0),  # a cent short: nothing is due
        ("100", CampaignStatus.SUCCEEDED, 20000),  # exactly the goal: the goal is reached
    ],
)
@pytest.mark.dated
def test_an_all_or_nothing_campaign_at_its_goal_to_the_cent_succeeds(second, status, receivable):
    campaign = builders.campaign(goal="200", rule="all_or_nothing")
    for name, amount in (("A", "100"), ("B", second)):
        services.pledge_create(
            fund=campaign.fund, amount=amount, giver=Giver(name=name), campaign=campaign
        )
    progress = selectors.campaign_progress(campaign=campaign, today=TODAY())
    assert progress.reached == (status == CampaignStatus.SUCCEEDED)
    closed = services.campaign_close(
        campaign=campaign, today=campaign.deadline + datetime.timedelta(days=1)
    )
    assert closed.status == status
    assert balance("Assets:Receivables:Pledges") == receivable


@pytest.mark.dated
def test_a_campaign_that_reached_its_goal_turns_pledges_into_receivables_then_payments():
    campaign = builders.campaign(goal="150")
    pledges = [
        services.pledge_create(
            fund=campaign.fund, amount="100", giver=Giver(name=n), campaign=campaign
        )[0]
        for n in ("A", "B")
    ]
    with pytest.raises(ValidationError):
        services.payment_record(pledge=pledges[0], amount="100", date=TODAY())
    closed = services.campaign_close(
        campaign=campaign, today=campaign.deadline + datetime.timedelta(days=1)
    )
    assert closed.status == CampaignStatus.SUCCEEDED
    assert balance("Assets:Receivables:Pledges") == 20000
    assert balance("Income:Micro-financing") == -20000
    services.payment_record(pledge=pledges[0], amount="100", date=TODAY())
    assert balance("Assets:Receivables:Pledges") == 10000
    assert balance("Assets:Bank:Current", campaign.fund) == 10000
    assert balance("Income:Micro-financing") == -20000  # received once, not counted twice


def test_a_crashed_close_is_finished_by_a_rerun(monkeypatch):
    campaign = builders.campaign(goal="10")
    for name in "ABCD":
        services.pledge_create(
            fund=campaign.fund, amount="10", giver=Giver(name=name), campaign=campaign
        )
    real, calls = campaigns._pledge_settle, []

    def crashing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the server stopped")
        return real(*args, **kwargs)

    monkeypatch.setattr(campaigns, "_pledge_settle", crashing)
    after = campaign.deadline + datetime.timedelta(days=1)
    with pytest.raises(RuntimeError):
        services.campaign_close(campaign=campaign, today=after)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSING
    assert Transaction.objects.count() == 2
    monkeypatch.setattr(campaigns, "_pledge_settle", real)
    assert services.campaigns_close_due(today=after)[0].status == CampaignStatus.SUCCEEDED
    assert Transaction.objects.count() == 4
    services.campaign_close(campaign=campaign, today=after)  # again: nothing more
    assert Transaction.objects.count() == 4


def test_a_campaign_is_not_closed_before_its_deadline():
    campaign = builders.campaign()
    with pytest.raises(ValidationError):
        services.campaign_close(campaign=campaign, today=campaign.deadline)


# --- rounds --------------------------------------------------------------------------------------


def test_a_round_pool_is_income_and_its_close_moves_each_match_once(make_user):
    round_ = builders.round_(pool="1000", cap_share=Decimal("0.6"), remainder="share")
    assert balance("Income:Grants:Public", builders.platform()) == -100000
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    revue = services.round_project_add(round=round_, fund=builders.fund("revue-2026"))
    people = [builders.verified(make_user(f"m{i}", roles=["member"])) for i in range(4)]
    for person in people:
        services.payment_record(
            amount="10", date=TODAY(), giver=builders.giver(person), round_project=fiesta
        )
    services.payment_record(
        amount="40", date=TODAY(), giver=builders.giver(people[0]), round_project=revue
    )
    matching = selectors.round_matching(round=round_)
    assert matching.of(fiesta.pk).match == 60000 and matching.of(fiesta.pk).capped
    assert matching.of(revue.pk).match == 0  # one giver alone earns nothing
    closed = services.round_close(round=round_, today=round_.closes + datetime.timedelta(days=1))
    assert closed.status == RoundStatus.CLOSED
    assert sum(m.match_minor for m in closed.matches.all()) == 60000
    assert balance("Assets:Bank:Current", fiesta.fund) == 4000 + 60000
    again = services.round_close(round=closed, today=round_.closes + datetime.timedelta(days=2))
    assert again.status == RoundStatus.CLOSED
    assert balance("Assets:Bank:Current", fiesta.fund) == 4000 + 60000


def test_only_verified_members_give_in_a_round(make_user):
    round_ = builders.round_()
    project = services.round_project_add(round=round_, fund=builders.fund())
    unverified = make_user("nouveau", roles=["member"])
    with pytest.raises(ValidationError):
        services.payment_record(
            amount="10", date=TODAY(), giver=builders.giver(unverified), round_project=project
        )
    with pytest.raises(ValidationError):
        services.payment_record(
            amount="10", date=TODAY(), giver=Giver(name="Sans compte"), round_project=project
        )


def test_a_round_project_cannot_be_the_pool_fund():
    round_ = builders.round_()
    with pytest.raises(ValidationError):
        services.round_project_add(round=round_, fund=builders.platform())


# --- receipts ------------------------------------------------------------------------------------


def test_receipts_are_numbered_without_gaps_per_year(make_user, settings):
    settings.REMIX_RECEIPTS = {"issuer": "Association Remix", "address": "Lyon"}
    gifts = [
        services.payment_record(
            fund=builders.platform(),
            amount="30",
            date=datetime.date(2026, 3, d),
            giver=Giver(name=n),
        )[0]
        for d, n in ((1, "A"), (2, "B"))
    ]
    first = services.receipt_issue(contribution=gifts[0])
    second = services.receipt_issue(contribution=gifts[1])
    assert (first.number, second.number) == ("2026-00001", "2026-00002")
    assert services.receipt_issue(contribution=gifts[0]).pk == first.pk
    assert first.issuer["issuer"] == "Association Remix"  # kept as it was on the day


def test_no_receipt_is_numbered_while_no_issuer_is_set(settings):
    settings.REMIX_RECEIPTS = {"issuer": ""}
    gift, _ = services.payment_record(
        fund=builders.platform(), amount="30", date=TODAY(), giver=Giver(name="A")
    )
    with pytest.raises(ValidationError):
        services.receipt_issue(contribution=gift)
    assert not ReceiptCounter.objects.exists()


def test_a_malformed_amount_is_refused_in_the_reader_s_language():
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.pledge_create(fund=builders.platform(), amount="1.234", giver=Giver(name="A"))
    assert refused.value.message_dict["amount"] == [
        "1.234 n'est pas un montant en EUR (2 décimales au plus)."
    ]


def test_the_ceiling_counts_gifts_in_other_currencies_at_the_day_s_rate(make_user):
    from remix.ledger.services import rate_record

    awa = make_user("awa", roles=["member"])
    year = TODAY().year
    rate_record(date=datetime.date(year, 1, 1), commodity="XOF", quote="EUR", rate="0.0015")
    services.ceiling_set(fund=builders.platform(), period="year", amount="100")
    # 5,000 XOF a month from January is 60,000 XOF a year, 90 € at 0.0015.
    services.pledge_create(
        fund=builders.platform(),
        amount="5000",
        commodity="XOF",
        frequency="monthly",
        start=datetime.date(year, 1, 1),
        giver=builders.giver(awa),
    )
    with pytest.raises(ValidationError):
        services.pledge_create(fund=builders.platform(), amount="15", giver=builders.giver(awa))
    services.pledge_create(fund=builders.platform(), amount="10", giver=builders.giver(awa))
