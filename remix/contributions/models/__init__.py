"""Gifts and promises of gifts, crowdfunding campaigns and matching rounds, one module a subject.

A **pledge** (``pledges``) is a promise to give; a **contribution** (``contributions``) is what was
actually given; **campaigns** and matching **rounds** gather pledges and gifts toward a goal or a
funder's pool; a tax **receipt** (``receipts``) is issued for one gift.
"""

from remix.contributions.models.campaigns import (
    Campaign,
    CampaignRule,
    CampaignStatus,
    CampaignUpdate,
    StretchGoal,
    Tier,
)
from remix.contributions.models.contributions import (
    PROVIDER_METHODS,
    Contribution,
    ContributionKind,
    ContributionQuerySet,
    ContributionStatus,
    PaymentMethod,
    Provider,
)
from remix.contributions.models.pledges import (
    Ceiling,
    CeilingPeriod,
    Frequency,
    Pledge,
    PledgePause,
    PledgeStatus,
    Visibility,
)
from remix.contributions.models.receipts import ReceiptCounter, ReceiptIssuer, TaxReceipt
from remix.contributions.models.rounds import (
    Round,
    RoundMatch,
    RoundProject,
    RoundRemainder,
    RoundStatus,
)

__all__ = [
    "Campaign",
    "CampaignRule",
    "CampaignStatus",
    "CampaignUpdate",
    "Ceiling",
    "CeilingPeriod",
    "Contribution",
    "ContributionKind",
    "ContributionQuerySet",
    "ContributionStatus",
    "Frequency",
    "Pledge",
    "PledgePause",
    "PaymentMethod",
    "PledgeStatus",
    "Provider",
    "PROVIDER_METHODS",
    "ReceiptCounter",
    "ReceiptIssuer",
    "Round",
    "RoundMatch",
    "RoundProject",
    "RoundRemainder",
    "RoundStatus",
    "StretchGoal",
    "TaxReceipt",
    "Tier",
    "Visibility",
]
