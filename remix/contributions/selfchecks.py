"""The funding invariants, checked by `remix check` and after every test."""

from django.db.models import Count, Max, Q, Sum

from remix.contributions.models import (
    CampaignStatus,
    Contribution,
    ContributionStatus,
    PledgeStatus,
    ReceiptCounter,
    RoundStatus,
    TaxReceipt,
    Tier,
)
from remix.contributions.models import Round as MatchingRound
from remix.core.selfchecks import selfcheck
from remix.ledger.models import Posting


@selfcheck("funding.gifts_in_books")
def check_gifts_in_books() -> list[str]:
    """A recorded gift has a posted transaction that brings its amount into its fund."""
    problems = []
    recorded = Contribution.objects.filter(status=ContributionStatus.RECORDED)
    for gift in recorded.select_related("transaction").iterator():
        if not gift.transaction.is_posted:
            problems.append(f"contribution {gift.pk}: its transaction is not posted")
            continue
        brought = (
            Posting.objects.filter(
                transaction_id=gift.transaction_id,
                fund_id=gift.fund_id,
                commodity=gift.commodity,
                amount_minor__gt=0,
            ).aggregate(total=Sum("amount_minor"))["total"]
            or 0
        )
        if brought != gift.amount_minor:
            problems.append(
                f"contribution {gift.pk} is {gift.amount_minor} {gift.commodity} but its "
                f"transaction brings {brought} into its fund"
            )
    return problems


@selfcheck("funding.tiers")
def check_tiers() -> list[str]:
    """A tier's count of pledges taken is the number of its pledges not cancelled."""
    tiers = Tier.objects.annotate(
        holding=Count("pledges", filter=~Q(pledges__status=PledgeStatus.CANCELLED))
    )
    return [
        f"tier {tier.pk} says {tier.taken} taken but {tier.holding} pledges hold one"
        for tier in tiers
        if tier.taken != tier.holding or (tier.quantity is not None and tier.taken > tier.quantity)
    ]


@selfcheck("funding.campaigns")
def check_campaigns() -> list[str]:
    """A closed campaign has no running pledge; a released one reached the books with nothing."""
    from remix.contributions.models import Pledge

    problems = [
        f"pledge {pk} still runs in a closed campaign"
        for pk in Pledge.objects.filter(
            status=PledgeStatus.ACTIVE,
            campaign__status__in=(
                CampaignStatus.SUCCEEDED,
                CampaignStatus.FAILED,
                CampaignStatus.KEPT,
            ),
        ).values_list("pk", flat=True)
    ]
    problems += [
        f"pledge {pk} was released but has a receivable"
        for pk in Pledge.objects.filter(
            status=PledgeStatus.RELEASED, receivable__isnull=False
        ).values_list("pk", flat=True)
    ]
    problems += [
        f"pledge {pk} is due but no receivable was recorded"
        for pk in Pledge.objects.filter(
            status=PledgeStatus.RECEIVABLE, receivable__isnull=True
        ).values_list("pk", flat=True)
    ]
    return problems


@selfcheck("funding.rounds")
def check_rounds() -> list[str]:
    """A closed round's matches sum to at most its pool, each one moved by a posted transfer."""
    problems = []
    for round_ in MatchingRound.objects.filter(status=RoundStatus.CLOSED):
        matched = round_.matches.aggregate(total=Sum("match_minor"))["total"] or 0
        if matched > round_.pool_minor:
            problems.append(f"round {round_.slug} matched {matched}, more than its pool")
        for match in round_.matches.filter(match_minor__gt=0).select_related("transaction"):
            if match.transaction is None or not match.transaction.is_posted:
                problems.append(
                    f"round {round_.slug}: the match of project {match.project_id} "
                    "was not transferred"
                )
    return problems


@selfcheck("funding.receipts")
def check_receipts() -> list[str]:
    """Receipt numbers run from 1 without a gap each year, as far as the year's counter."""
    problems = []
    years = TaxReceipt.objects.values("year").annotate(n=Count("pk"), top=Max("sequence"))
    counters = dict(ReceiptCounter.objects.values_list("year", "last"))
    for row in years:
        if row["n"] != row["top"] or counters.get(row["year"]) != row["top"]:
            problems.append(
                f"tax receipts of {row['year']}: {row['n']} receipts, numbers up to "
                f"{row['top']}, counter at {counters.get(row['year'])}"
            )
    return problems
