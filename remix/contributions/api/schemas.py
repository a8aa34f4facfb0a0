"""What the funding API reads and writes: each answer's and each body's shape.

Money travels as decimal strings with its commodity ("12.50", "EUR"), never as JSON numbers. A
gift is shown as its giver chose (``selectors.reads_every_detail`` says who reads it whole).
"""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from remix.api.common import DecimalText, ShareText, amount_text
from remix.contributions import selectors
from remix.contributions.models import (
    Campaign,
    CampaignRule,
    CampaignStatus,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Frequency,
    PaymentMethod,
    PledgeStatus,
    Provider,
    RoundRemainder,
    RoundStatus,
    Visibility,
)
from remix.core.permissions import can_keep_books

# --- contributions -------------------------------------------------------------------------------


def _sees_all(context, contribution: Contribution) -> bool:
    request = context["request"]
    if not hasattr(request, "funding_keeps_books"):
        # Asked for each field of each gift: the role is looked up once per request.
        request.funding_keeps_books = can_keep_books(request.auth)
    return selectors.reads_every_detail(
        request.auth, contribution, keeps_books=request.funding_keeps_books
    )


class ContributionOut(Schema):
    id: int
    kind: ContributionKind
    status: ContributionStatus = Field(description="Public lists hold recorded ones only.")
    date: datetime.date
    amount: str = Field(description="A decimal string: money, or hours for time.")
    commodity: str = Field(description="ISO 4217, or HOUR for time.")
    fund: str = Field(description="The fund's slug.")
    name: str | None = Field(
        description="The giver's name; null when they asked not to be named (to the public)."
    )
    visibility: Visibility
    recurring: bool = Field(description="Part of a recurring pledge.")
    description: str = Field(description="What was given (time and in kind).")
    round_project: int | None = Field(description="The matching round's project, if any.")
    transaction: int | None = Field(description="Its transaction in the books, once recorded.")
    provider: Provider
    payment_method: PaymentMethod | None = Field(description="Money: how it was paid, if said.")
    pledge: str | None = Field(description="The pledge's reference (treasurers and the giver).")
    username: str | None = Field(description="The giver's account (treasurers and the giver).")
    refusal_reason: str | None = Field(description="Why a declaration was refused.")

    @staticmethod
    def resolve_amount(obj):
        return amount_text(obj.amount_minor, obj.commodity)

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.slug

    @staticmethod
    def resolve_payment_method(obj):
        return obj.payment_method or None

    @staticmethod
    def resolve_name(obj, context):
        return (obj.name if _sees_all(context, obj) else obj.public_name) or None

    @staticmethod
    def resolve_recurring(obj):
        return bool(obj.pledge_id) and obj.pledge.frequency != Frequency.ONCE

    @staticmethod
    def resolve_description(obj, context):
        shown = _sees_all(context, obj) or obj.visibility == Visibility.PUBLIC
        return obj.description if shown else ""

    @staticmethod
    def resolve_round_project(obj):
        return obj.round_project_id

    @staticmethod
    def resolve_transaction(obj):
        return obj.transaction_id

    @staticmethod
    def resolve_pledge(obj, context):
        return obj.pledge.reference if obj.pledge_id and _sees_all(context, obj) else None

    @staticmethod
    def resolve_username(obj, context):
        return obj.user.username if obj.user_id and _sees_all(context, obj) else None

    @staticmethod
    def resolve_refusal_reason(obj, context):
        return (obj.refusal_reason or None) if _sees_all(context, obj) else None


class ContributionIn(Schema):
    kind: ContributionKind = Field(
        ContributionKind.MONEY,
        description=(
            "`money`: received, recorded by a treasurer. `time` (in hours) or `in_kind` (at its "
            "fair value): declared by a member for themself, then validated by a treasurer."
        ),
    )
    amount: DecimalText
    commodity: str | None = Field(
        None,
        max_length=3,
        description="ISO 4217: the pledge's when left out, else EUR. Time is always in hours.",
    )
    date: datetime.date | None = Field(None, description="Today when left out.")
    fund: str = Field("", description="A fund's slug; the platform's when left out.")
    description: str = Field("", max_length=300, description="What was given (time, in kind).")
    visibility: Visibility = Visibility.PUBLIC
    pledge: str | None = Field(
        None,
        description=(
            "Money: the pledge's RF reference, with or without spaces. The fund, giver and "
            "visibility are then the pledge's."
        ),
        examples=["RF18 RMX1 2345 678"],
    )
    user: str | None = Field(None, description="Money without a pledge: the giver's username.")
    name: str | None = Field(
        None, max_length=200, description="Money without a pledge: the giver's name."
    )
    method: PaymentMethod | None = Field(
        None,
        description="Money: how it was paid (`cash`, `cheque`, `transfer`, `card`, "
        "`direct_debit`), as its tax receipt states it.",
    )


# --- pledges -------------------------------------------------------------------------------------


class ReconciliationOut(Schema):
    on: datetime.date = Field(description="Today: what fell due up to this day.")
    scheduled: str = Field(description="What fell due so far.")
    received: str = Field(description="What was received for this pledge.")
    advance: str = Field(description="Received beyond what fell due.")
    late: str = Field(description="What is missing on gifts due more than ten days ago.")
    late_instalments: list[datetime.date] = Field(description="The days those gifts fell due.")


class PledgeOut(Schema):
    id: int
    reference: str = Field(description="The RF reference to put in a bank transfer's label.")
    name: str = Field(description="The giver's name.")
    fund: str = Field(description="The fund's slug.")
    campaign: int | None
    tier: int | None
    round: int | None = Field(description="The matching round, for a round project's pledge.")
    round_project: int | None
    amount: str
    commodity: str
    frequency: Frequency
    start: datetime.date
    end: datetime.date | None
    cancelled_on: datetime.date | None
    paused: bool
    visibility: Visibility
    status: PledgeStatus
    reconciliation: ReconciliationOut = Field(description="Scheduled against received.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.slug

    @staticmethod
    def resolve_campaign(obj):
        return obj.campaign_id

    @staticmethod
    def resolve_tier(obj):
        return obj.tier_id

    @staticmethod
    def resolve_round(obj):
        return obj.round_project.round_id if obj.round_project_id else None

    @staticmethod
    def resolve_round_project(obj):
        return obj.round_project_id

    @staticmethod
    def resolve_amount(obj):
        return amount_text(obj.amount_minor, obj.commodity)

    @staticmethod
    def resolve_paused(obj):
        return selectors.pledge_is_paused(obj)

    @staticmethod
    def resolve_reconciliation(obj):
        today = timezone.localdate()
        state = selectors.pledge_reconciliation(pledge=obj, today=today)
        return {
            "on": today,
            "scheduled": amount_text(state.scheduled, obj.commodity),
            "received": amount_text(state.received, obj.commodity),
            "advance": amount_text(state.advance, obj.commodity),
            "late": amount_text(state.late_amount, obj.commodity),
            "late_instalments": [instalment.due_on for instalment in state.late],
        }


class PledgeIn(Schema):
    fund: str = Field("", description="A fund's slug; the round project's with `round_project`.")
    amount: DecimalText
    commodity: str = Field("EUR", max_length=3, description="ISO 4217.")
    frequency: Frequency = Frequency.ONCE
    start: datetime.date | None = Field(None, description="Today when left out.")
    end: datetime.date | None = None
    visibility: Visibility = Visibility.PUBLIC
    round_project: int | None = Field(
        None, description="A matching round's project (verified members only)."
    )


# --- campaigns -----------------------------------------------------------------------------------


class TierOut(Schema):
    id: int
    title: dict[str, str]
    label: str = Field(description="The title in the reader's language.")
    description: dict[str, str]
    amount: str = Field(description="The amount, or the minimum of a free amount.")
    free_amount: bool
    quantity: int | None = Field(description="null when unlimited.")
    taken: int
    left: int | None = Field(description="How many are left; null when unlimited.")
    counterpart_value: str = Field(
        description="What the reward is worth to the giver; a tax receipt states the gift less "
        "it when it is more than a quarter of the gift or the legal ceiling (73 € in 2026)."
    )

    @staticmethod
    def resolve_amount(obj):
        return amount_text(obj.amount_minor, obj.campaign.commodity)

    @staticmethod
    def resolve_counterpart_value(obj):
        return amount_text(obj.counterpart_value_minor, obj.campaign.commodity)


class StretchGoalOut(Schema):
    amount: str
    title: dict[str, str]
    label: str
    reached: bool


class CampaignOut(Schema):
    id: int
    slug: str
    title: dict[str, str]
    label: str = Field(description="The title in the reader's language (Accept-Language).")
    description: dict[str, str]
    fund: str = Field(description="The fund's slug.")
    goal: str
    raised: str = Field(description="What standing pledges add up to (at the close, once).")
    commodity: str
    backers: int
    percent: int = Field(description="Raised ÷ goal, in whole percents; may pass 100.")
    opens: datetime.date
    deadline: datetime.date = Field(description="The last day pledges are taken.")
    days_left: int
    rule: CampaignRule
    status: CampaignStatus
    tiers: list[TierOut]
    stretch_goals: list[StretchGoalOut]

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.slug

    @staticmethod
    def resolve_goal(obj):
        return amount_text(obj.goal_minor, obj.commodity)

    @staticmethod
    def resolve_raised(obj):
        return amount_text(_progress(obj).raised, obj.commodity)

    @staticmethod
    def resolve_backers(obj):
        return _progress(obj).backers

    @staticmethod
    def resolve_percent(obj):
        return _progress(obj).percent

    @staticmethod
    def resolve_days_left(obj):
        return _progress(obj).days_left

    @staticmethod
    def resolve_tiers(obj):
        return list(obj.tiers.all())

    @staticmethod
    def resolve_stretch_goals(obj):
        return [
            {
                "amount": amount_text(goal.amount_minor, obj.commodity),
                "title": goal.title,
                "label": str(goal),
                "reached": reached,
            }
            for goal, reached in _progress(obj).stretch_goals
        ]


def _progress(campaign: Campaign) -> selectors.Progress:
    """Computed once per campaign and answer, however many fields read it."""
    if "_api_progress" not in campaign.__dict__:
        campaign.__dict__["_api_progress"] = selectors.campaign_progress(
            campaign=campaign, today=timezone.localdate()
        )
    return campaign.__dict__["_api_progress"]


class TierIn(Schema):
    title: dict[str, str] = Field(description="One title per language.")
    description: dict[str, str] = {}
    amount: DecimalText
    free_amount: bool = Field(False, description="`amount` is then a minimum.")
    quantity: int | None = Field(None, ge=1, description="Limited to this many; unlimited if null.")
    counterpart_value: DecimalText | None = Field(
        None, description="What the reward is worth to the giver; null when it has no value."
    )


class StretchGoalIn(Schema):
    amount: DecimalText
    title: dict[str, str] = Field(description="What it pays for, per language.")


class CampaignIn(Schema):
    slug: str = Field(pattern=r"^[-a-z0-9_]+$", max_length=80, examples=["fiesta-2026"])
    title: dict[str, str] = Field(description="One title per language.")
    description: dict[str, str] = {}
    fund: str = Field(description="The fund it raises money for: a slug.")
    goal: DecimalText
    commodity: str = Field("EUR", max_length=3)
    opens: datetime.date
    deadline: datetime.date = Field(description="The last day pledges are taken.")
    rule: CampaignRule
    tiers: list[TierIn] = Field([], description="Counterparts, created with the campaign.")
    stretch_goals: list[StretchGoalIn] = Field([], description="Amounts above the goal.")


class CampaignPledgeIn(Schema):
    tier: int | None = Field(None, description="A counterpart tier of this campaign.")
    amount: DecimalText | None = Field(
        None, description="A decimal string; a fixed tier's amount when left out."
    )
    visibility: Visibility = Visibility.PUBLIC


# --- matching rounds -----------------------------------------------------------------------------


class FunderOut(Schema):
    slug: str
    name: str


class RoundProjectOut(Schema):
    id: int
    fund: str = Field(description="The fund it receives into: a slug.")
    name: str = Field(description="The fund's name in the reader's language.")
    description: dict[str, str]

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.slug

    @staticmethod
    def resolve_name(obj):
        return obj.fund.label


_REMAINDER = (
    "When the projects' ideal matches add up to less than the pool: `keep` matches each its "
    "ideal and leaves the rest in the pool; `share` scales them up until the whole pool is spent."
)


class RoundOut(Schema):
    id: int
    slug: str
    title: dict[str, str]
    label: str = Field(description="The title in the reader's language (Accept-Language).")
    description: dict[str, str]
    funder: FunderOut
    pool: str = Field(description="The matching pool, a decimal string.")
    commodity: str
    pool_fund: str = Field(description="The fund holding the pool until the close: a slug.")
    opens: datetime.date
    closes: datetime.date = Field(description="The last day gifts count.")
    cap_share: str | None = Field(description="The most one project receives, as a share.")
    remainder: RoundRemainder = Field(description=_REMAINDER)
    status: RoundStatus
    projects: list[RoundProjectOut]

    @staticmethod
    def resolve_pool(obj):
        return amount_text(obj.pool_minor, obj.commodity)

    @staticmethod
    def resolve_pool_fund(obj):
        return obj.pool_fund.slug

    @staticmethod
    def resolve_cap_share(obj):
        return None if obj.cap_share is None else format(obj.cap_share.normalize(), "f")

    @staticmethod
    def resolve_projects(obj):
        return list(obj.projects.all())


class RoundIn(Schema):
    slug: str = Field(pattern=r"^[-a-z0-9_]+$", max_length=80, examples=["abondement-2026"])
    title: dict[str, str] = Field(description="One title per language.")
    description: dict[str, str] = {}
    funder: str = Field(description="The funder: an actor's slug.")
    pool: DecimalText
    commodity: str = Field("EUR", max_length=3)
    pool_fund: str = Field(description="The fund that receives the pool: a slug.")
    pool_account: Literal["Income:Grants:Public", "Income:Grants:Institutional"] = Field(
        "Income:Grants:Public", description="A public authority's grant or an institution's."
    )
    pool_received_on: datetime.date | None = Field(None, description="`opens` when left out.")
    opens: datetime.date
    closes: datetime.date = Field(description="The last day gifts count.")
    cap_share: ShareText | None = Field(None, description="The most one project receives.")
    remainder: RoundRemainder = Field(RoundRemainder.KEEP, description=_REMAINDER)


class RoundProjectIn(Schema):
    fund: str = Field(description="The project's own fund: a slug.")
    description: dict[str, str] = {}


class RoundGiftIn(Schema):
    project: int = Field(description="The round project's id.")
    user: str = Field(description="The giver's username: a verified member.")
    amount: DecimalText
    date: datetime.date | None = Field(None, description="Today when left out.")
    visibility: Visibility = Visibility.PUBLIC


class MatchLineOut(Schema):
    project: int
    fund: str
    name: str
    total: str = Field(description="What its contributors gave.")
    contributors: int
    match: str = Field(description="Its share of the pool.")
    capped: bool = Field(description="It reached the cap per project.")
    explanation: str = Field(description="Why, in plain words, in the reader's language.")


class MatchingOut(Schema):
    round: int
    status: RoundStatus
    estimate: bool = Field(description="True while the round is open: the figures may change.")
    commodity: str
    pool: str
    matched: str = Field(description="The matches added up.")
    remainder: RoundRemainder = Field(description=_REMAINDER)
    unallocated: str = Field(
        description="What stays in the pool: the rest a `keep` round leaves, or what no project "
        "could take (every one capped)."
    )
    projects: list[MatchLineOut]


class ReceiptIssuerIn(Schema):
    name: str = Field(max_length=200, description="The association, as its statutes name it.")
    address: str = ""
    object: str = Field("", description="The association's object, as in its statutes.")
    signatory: str = Field("", max_length=200, description="The person who signs the receipts.")
    signatory_role: str = Field("", max_length=200, examples=["présidente"])


class ReceiptIssuerOut(ReceiptIssuerIn):
    from_settings: bool = Field(description="True until a steward sets it.")
