"""Crowdfunding campaigns as pages and the API read them: how far each has come, which are due to
close, in what order they are listed."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from remix.contributions.models import Campaign, CampaignStatus, PledgeStatus, Tier
from remix.contributions.selectors.pledges import STANDING


@dataclass(frozen=True)
class Progress:
    raised: int
    goal: int
    backers: int
    commodity: str
    stretch_goals: list  # (StretchGoal, reached)
    days_left: int

    @property
    def percent(self) -> int:
        return int(self.raised * 100 // self.goal) if self.goal else 0

    @property
    def bar(self) -> int:
        """The width of the progress bar, 0 to 100."""
        return min(self.percent, 100)

    @property
    def reached(self) -> bool:
        return self.raised >= self.goal


# Who backed a campaign: its standing pledges; once it closed, those it released too.
BACKED_AT_CLOSE = (*STANDING, PledgeStatus.RELEASED)


def campaigns_with_pledges_counted(campaigns):
    """Campaigns with what their progress reads of their pledges, counted in the same query:
    the standing pledges' total and number, and the backers at close."""
    standing = Q(pledges__status__in=STANDING)
    return campaigns.annotate(
        standing_total=Sum("pledges__amount_minor", filter=standing),
        standing_count=Count("pledges", filter=standing),
        backers_at_close=Count("pledges", filter=Q(pledges__status__in=BACKED_AT_CLOSE)),
    )


def campaign_progress(*, campaign: Campaign, today: datetime.date) -> Progress:
    """How far a campaign has come; its pledges are read from the counts
    ``campaigns_with_pledges_counted`` made, if it made them."""
    counted = hasattr(campaign, "standing_count")
    if campaign.raised_at_close_minor is not None:
        raised = campaign.raised_at_close_minor
        backers = (
            campaign.backers_at_close
            if counted
            else campaign.pledges.filter(status__in=BACKED_AT_CLOSE).count()
        )
    elif counted:
        raised, backers = campaign.standing_total or 0, campaign.standing_count
    else:
        standing = campaign.pledges.filter(status__in=STANDING).aggregate(
            total=Sum("amount_minor"), count=Count("pk")
        )
        raised, backers = standing["total"] or 0, standing["count"]
    goals = [(goal, raised >= goal.amount_minor) for goal in campaign.stretch_goals.all()]
    days_left = (campaign.deadline - today).days + 1 if campaign.is_open else 0
    return Progress(
        raised=raised,
        goal=campaign.goal_minor,
        backers=backers,
        commodity=campaign.commodity,
        stretch_goals=goals,
        days_left=max(days_left, 0),
    )


def campaigns_due(*, today: datetime.date):
    """Campaigns past their deadline and not closed yet (or left half-closed by a crash)."""
    return Campaign.objects.filter(
        status__in=(CampaignStatus.OPEN, CampaignStatus.CLOSING), deadline__lt=today
    ).select_related("fund")


def campaigns_public(*, status: str | None = None):
    """Every campaign (or those of one ``status``): open ones first, the nearest deadline first;
    then the closed, latest first."""
    campaigns = Campaign.objects.select_related("fund").order_by("-status", "deadline")
    return campaigns.filter(status=status) if status else campaigns


def campaigns_listed(*, status: str | None = None):
    """Campaigns with what the API shows of each: their tiers and stretch goals."""
    return campaigns_with_pledges_counted(campaigns_public(status=status)).prefetch_related(
        "tiers__campaign", "stretch_goals"
    )


def campaign_open_first(campaigns) -> list:
    items = list(campaigns)
    return [c for c in items if c.status == CampaignStatus.OPEN] + [
        c for c in items if c.status != CampaignStatus.OPEN
    ]


def tier_of(pk: int) -> Tier | None:
    return Tier.objects.filter(pk=pk).first()
