"""Gifts, pledges, campaigns and matching rounds over HTTP.

Public reads need no token and show what each giver chose to show: a private gift is never
listed, a gift public without a name has no name. A treasurer's token sees everything. Writes
need a token: members pledge and declare for themselves; treasurers record money received,
create campaigns and rounds, and close them. Money travels as decimal strings with its commodity
("12.50", "EUR"), never as JSON numbers. Money-moving writes take an ``Idempotency-Key`` header:
a repeat with the same key answers the first result with 200 and writes nothing more.
"""

import datetime
from typing import Literal

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from remix.allies.models import Actor
from remix.api.auth import token_auth, token_auth_for
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    ErrorOut,
    IdempotencyKey,
    Page,
    ShareText,
    amount_text,
    fund_by_slug,
    member_by_username,
    refused,
    retry_key,
    retry_record,
)
from remix.core.money import from_minor
from remix.core.permissions import can_contribute, can_keep_books, require
from remix.funding import selectors, services
from remix.funding.models import (
    Campaign,
    CampaignRule,
    CampaignStatus,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Frequency,
    Pledge,
    PledgeStatus,
    Provider,
    Round,
    RoundProject,
    RoundStatus,
    Tier,
    Visibility,
)
from remix.funding.references import reference_body, reference_make
from remix.funding.services import Giver
from remix.ledger import selectors as ledger_selectors
from remix.ledger.models import Fund

router = Router(tags=["funding"])


def _within(prefix: str, error: DjangoValidationError) -> DjangoValidationError:
    """A nested write's refusal, its fields named from the payload's root (``tiers.0.amount``)."""
    if not hasattr(error, "error_dict"):
        return DjangoValidationError({prefix: error.error_list})
    return DjangoValidationError(
        {
            prefix if name == NON_FIELD_ERRORS else f"{prefix}.{name}": errors
            for name, errors in error.error_dict.items()
        }
    )


def _fund_or_platform(slug: str) -> Fund:
    return fund_by_slug(slug) if slug else ledger_selectors.platform_fund()


def _fund_filter(slug: str) -> Fund | None:
    return fund_by_slug(slug) if slug else None


def _pledge_by_reference(text: str) -> Pledge:
    """An RF reference as the giver typed it: grouped by four, compact, in any case."""
    body = reference_body(text)
    pledge = Pledge.objects.filter(reference=reference_make(body)).first() if body else None
    if pledge is None:
        raise refused("pledge", _("Unknown pledge reference: %(reference)s.") % {"reference": text})
    return pledge


def _created(item, created: bool) -> Status:
    return Status(201 if created else 200, item)


def _once(request, model, key: str | None, write):
    """Run a keyed write; when a parallel retry with the same key won the race, its result."""
    try:
        with db.atomic():
            written, created = write()
            if created:
                retry_record(request, key, written)
            return written, created
    except IntegrityError:
        field = "idempotency_key" if model is Pledge else "external_key"
        found = model.objects.filter(**{field: key}).first() if key else None
        if found is None:
            raise
        return found, False


# --- contributions -------------------------------------------------------------------------------


def _can_declare(user) -> bool:
    return can_contribute(user) or can_keep_books(user)


def _sees_all(context, contribution: Contribution) -> bool:
    """Treasurers see every detail; a giver sees their own."""
    request = context["request"]
    user = request.auth
    if not hasattr(request, "funding_keeps_books"):
        # Asked for each field of each gift: the role is looked up once per request.
        request.funding_keeps_books = can_keep_books(user)
    return request.funding_keeps_books or (
        user.is_authenticated and contribution.user_id == user.pk
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


def _contributions():
    return Contribution.objects.select_related("fund", "pledge", "user")


def _contributions_for(user):
    """Treasurers see all; everyone else recorded gifts that are not private."""
    if can_keep_books(user):
        return _contributions()
    return _contributions().shown_publicly()


@router.get(
    "/contributions",
    response={200: list[ContributionOut], 422: ErrorOut},
    auth=READ,
    summary="Gifts received: money, time and in kind, newest first",
    description=(
        "Recorded gifts as each giver chose to show them: a private gift is never listed and a "
        "gift public without a name has `name` null. With a treasurer's token: every "
        "contribution, declared and refused ones too, with names. Filters: `fund` (a slug), "
        "`kind`, `status` (treasurers)."
    ),
)
@paginate(Page)
def contributions(
    request,
    fund: str = "",
    kind: ContributionKind | None = None,
    status: ContributionStatus | None = None,
):
    queryset = _contributions_for(request.auth).order_by("-date", "-id")
    chosen = _fund_filter(fund)
    if chosen is not None:
        queryset = queryset.filter(fund=chosen)
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.post(
    "/contributions",
    response={201: ContributionOut, 200: ContributionOut, **ERRORS},
    auth=token_auth,
    summary="Declare time or in-kind (members), record money received (treasurers)",
    description=(
        "`kind` `time` (`amount` in hours) or `in_kind` (`amount` at its fair value): a member "
        "declares for themself; a treasurer validates it later. `kind` `money`: a treasurer "
        "records money received, for a pledge (`pledge`: its reference) or for a fund with a "
        "giver (`user` or `name`) and a `visibility`; it reaches the books at once. With an "
        "`Idempotency-Key`, a repeat returns the first contribution (200) and records nothing."
    ),
)
def contribution_create(request, payload: ContributionIn, idempotency_key: IdempotencyKey = None):
    key = retry_key(request, idempotency_key)
    if payload.kind == ContributionKind.MONEY:
        require(can_keep_books, request.auth)
    else:
        require(_can_declare, request.auth)
        for field in ("pledge", "user", "name"):
            if getattr(payload, field):
                raise refused(field, _("Time and in-kind are declared by the giver, for themself."))
    existing = _contributions().filter(external_key=key).first() if key else None
    if existing is not None:
        return Status(200, existing)
    write = _money if payload.kind == ContributionKind.MONEY else _declare
    contribution, created = _once(request, Contribution, key, lambda: write(request, payload, key))
    return _created(_contributions().get(pk=contribution.pk), created)


def _declare(request, payload: ContributionIn, key):
    declared = services.contribution_declare(
        giver=Giver(user=request.auth),
        fund=_fund_or_platform(payload.fund),
        kind=payload.kind,
        amount=payload.amount,
        commodity=payload.commodity or "EUR",
        date=payload.date or timezone.localdate(),
        description=payload.description,
        visibility=payload.visibility,
        external_key=key,
        recorder=request.auth,
    )
    return declared, True


def _money(request, payload: ContributionIn, key):
    date = payload.date or timezone.localdate()
    if payload.pledge:
        pledge = _pledge_by_reference(payload.pledge)
        return services.payment_record(
            pledge=pledge,
            amount=payload.amount,
            commodity=payload.commodity or pledge.commodity,
            date=date,
            external_key=key,
            recorder=request.auth,
        )
    return services.payment_record(
        fund=_fund_or_platform(payload.fund),
        giver=Giver(
            user=member_by_username(payload.user) if payload.user else None, name=payload.name or ""
        ),
        visibility=payload.visibility,
        amount=payload.amount,
        commodity=payload.commodity or "EUR",
        date=date,
        external_key=key,
        recorder=request.auth,
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
        return any(pause.end is None for pause in obj.pauses.all())

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


def _pledges():
    return Pledge.objects.select_related("fund", "round_project").prefetch_related("pauses")


@router.get(
    "/pledges",
    response={200: list[PledgeOut], **ERRORS},
    auth=token_auth,
    summary="My pledges, with what fell due, what was received and what is late",
    description=(
        "The caller's pledges, newest first. A treasurer lists everyone's with `all=true`. "
        "Filters: `fund` (a slug), `status`."
    ),
)
@paginate(Page)
def pledges(
    request,
    fund: str = "",
    status: PledgeStatus | None = None,
    everyone: bool = Query(False, alias="all", description="Everyone's (treasurers)."),
):
    if everyone:
        require(can_keep_books, request.auth)
        queryset = _pledges()
    else:
        queryset = selectors.pledges_of(user=request.auth)
    chosen = _fund_filter(fund)
    if chosen is not None:
        queryset = queryset.filter(fund=chosen)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-id")


@router.post(
    "/pledges",
    response={201: PledgeOut, 200: PledgeOut, **ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Pledge to give, once or on a schedule (members)",
    description=(
        "A member promises to a fund (or to a matching round's project), once or every month, "
        "quarter or year, from `start` until `end`. The answer carries the RF reference to put "
        "in a bank transfer. A ceiling per giver may refuse it (422, with the reason). With an "
        "`Idempotency-Key`, a repeat returns the first pledge (200)."
    ),
)
def pledge_create(request, payload: PledgeIn, idempotency_key: IdempotencyKey = None):
    key = retry_key(request, idempotency_key)
    project = None
    if payload.round_project is not None:
        project = (
            RoundProject.objects.select_related("round", "fund")
            .filter(pk=payload.round_project)
            .first()
        )
        if project is None:
            raise refused(
                "round_project", _("Unknown round project: %(id)s.") % {"id": payload.round_project}
            )
    if project is None and not payload.fund:
        raise refused("fund", _("Choose the fund the gift goes to."))
    pledge, created = _once(
        request,
        Pledge,
        key,
        lambda: services.pledge_create(
            fund=project.fund if project else fund_by_slug(payload.fund),
            amount=payload.amount,
            commodity=payload.commodity,
            frequency=payload.frequency,
            start=payload.start,
            end=payload.end,
            visibility=payload.visibility,
            giver=Giver(user=request.auth),
            round_project=project,
            idempotency_key=key,
            recorder=request.auth,
        ),
    )
    return _created(_pledges().get(pk=pledge.pk), created)


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

    @staticmethod
    def resolve_amount(obj):
        return amount_text(obj.amount_minor, obj.campaign.commodity)


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


def _campaigns():
    return selectors.campaigns_public().prefetch_related("tiers__campaign", "stretch_goals")


@router.get(
    "/campaigns",
    response={200: list[CampaignOut]},
    summary="Crowdfunding campaigns: goal, raised, backers, tiers and stretch goals",
    description=(
        "Every campaign, open ones first. `raised` counts standing pledges (a closed "
        "campaign: what was pledged when it closed); `percent` may pass 100. Each tier says "
        "how many are `left` (null when unlimited). `status` keeps one status."
    ),
)
@paginate(Page)
def campaigns(request, status: CampaignStatus | None = None):
    queryset = _campaigns()
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignOut, 404: ErrorOut},
    summary="One campaign",
)
def campaign(request, campaign_id: int):
    return get_object_or_404(_campaigns(), pk=campaign_id)


@router.post(
    "/campaigns",
    response={201: CampaignOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Start a campaign (treasurers)",
    description=(
        "A goal, a deadline and a rule: `all_or_nothing` releases every pledge when the goal is "
        "missed, `keep_it_all` keeps what was pledged. Tiers and stretch goals may come inline; "
        "a refusal in one of them names it (`tiers.0.amount`) and nothing is created. The slug "
        "is unique, so a repeat creates nothing."
    ),
)
def campaign_create(request, payload: CampaignIn):
    fund = fund_by_slug(payload.fund)
    with db.atomic():
        created = services.campaign_create(
            slug=payload.slug,
            title=payload.title,
            description=payload.description,
            fund=fund,
            goal=payload.goal,
            commodity=payload.commodity,
            opens=payload.opens,
            deadline=payload.deadline,
            rule=payload.rule,
            recorder=request.auth,
        )
        for index, tier in enumerate(payload.tiers):
            try:
                services.tier_add(
                    campaign=created,
                    title=tier.title,
                    description=tier.description,
                    amount=tier.amount,
                    free_amount=tier.free_amount,
                    quantity=tier.quantity,
                    recorder=request.auth,
                )
            except DjangoValidationError as error:
                raise _within(f"tiers.{index}", error) from None
        for index, goal in enumerate(payload.stretch_goals):
            try:
                services.stretch_goal_add(
                    campaign=created, amount=goal.amount, title=goal.title, recorder=request.auth
                )
            except DjangoValidationError as error:
                raise _within(f"stretch_goals.{index}", error) from None
    return Status(201, _campaigns().get(pk=created.pk))


@router.post(
    "/campaigns/{campaign_id}/pledges",
    response={201: PledgeOut, 200: PledgeOut, **ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Pledge to a campaign (members)",
    description=(
        "A one-time pledge while the campaign is open, with a counterpart `tier` or without. "
        "A limited tier is never taken past its quantity. Nothing reaches the books until the "
        "campaign closes. With an `Idempotency-Key`, a repeat returns the first pledge (200)."
    ),
)
def campaign_pledge(
    request, campaign_id: int, payload: CampaignPledgeIn, idempotency_key: IdempotencyKey = None
):
    found = get_object_or_404(Campaign, pk=campaign_id)
    key = retry_key(request, idempotency_key)
    tier = None
    if payload.tier is not None:
        tier = Tier.objects.filter(pk=payload.tier).first()
        if tier is None:
            raise refused("tier", _("Unknown counterpart: %(id)s.") % {"id": payload.tier})
    amount = payload.amount
    if amount is None:
        if tier is None or tier.free_amount:
            raise refused("amount", _("This field is required."))
        amount = from_minor(tier.amount_minor, found.commodity)
    pledge, created = _once(
        request,
        Pledge,
        key,
        lambda: services.pledge_create(
            fund=found.fund,
            amount=amount,
            commodity=found.commodity,
            visibility=payload.visibility,
            giver=Giver(user=request.auth),
            campaign=found,
            tier=tier,
            idempotency_key=key,
            recorder=request.auth,
        ),
    )
    return _created(_pledges().get(pk=pledge.pk), created)


@router.post(
    "/campaigns/{campaign_id}/close",
    response={200: CampaignOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Close a campaign past its deadline (treasurers)",
    description=(
        "All or nothing and missed: every pledge is released, nothing is posted. Otherwise "
        "each pledge becomes what its giver owes, in the books. Closing runs in stages and is "
        "safe to repeat: a closed campaign is returned as it is."
    ),
)
def campaign_close(request, campaign_id: int):
    found = get_object_or_404(Campaign, pk=campaign_id)
    services.campaign_close(campaign=found, recorder=request.auth)
    return _campaigns().get(pk=found.pk)


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
    unallocated: str = Field(description="What no project could take (every one capped).")
    projects: list[MatchLineOut]


def _rounds():
    return selectors.rounds_public().prefetch_related("projects__fund")


def _matching(round_: Round) -> dict:
    lines = selectors.round_lines(round=round_)
    matched = sum(line.match for line in lines)
    money = round_.commodity
    return {
        "round": round_.pk,
        "status": round_.status,
        "estimate": round_.status != RoundStatus.CLOSED,
        "commodity": money,
        "pool": amount_text(round_.pool_minor, money),
        "matched": amount_text(matched, money),
        "unallocated": amount_text(round_.pool_minor - matched, money),
        "projects": [
            {
                "project": line.project.pk,
                "fund": line.project.fund.slug,
                "name": line.project.label,
                "total": amount_text(line.total, money),
                "contributors": line.contributors,
                "match": amount_text(line.match, money),
                "capped": line.capped,
                "explanation": line.explanation,
            }
            for line in lines
        ],
    }


@router.get(
    "/rounds",
    response={200: list[RoundOut]},
    summary="Matching rounds: a funder's pool shared by the breadth of members' support",
    description="Every round, the latest closing first, with its projects. `status` keeps one.",
)
@paginate(Page)
def rounds(request, status: RoundStatus | None = None):
    queryset = _rounds()
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.get(
    "/rounds/{round_id}",
    response={200: RoundOut, 404: ErrorOut},
    summary="One matching round",
)
def round_detail(request, round_id: int):
    return get_object_or_404(_rounds(), pk=round_id)


@router.post(
    "/rounds",
    response={201: RoundOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Open a matching round and record its pool (treasurers)",
    description=(
        "The funder's pool is recorded in the books at once, as a public or institutional "
        "grant to `pool_fund`. `cap_share` is the most one project may receive, as a share of "
        "the pool. The slug is unique, so a repeat records nothing."
    ),
)
def round_create(request, payload: RoundIn):
    funder = Actor.objects.filter(slug=payload.funder).first()
    if funder is None:
        raise refused("funder", _("Unknown actor: %(slug)s.") % {"slug": payload.funder})
    created = services.round_create(
        slug=payload.slug,
        title=payload.title,
        description=payload.description,
        funder=funder,
        pool=payload.pool,
        commodity=payload.commodity,
        pool_fund=fund_by_slug(payload.pool_fund, "pool_fund"),
        pool_account=payload.pool_account,
        pool_received_on=payload.pool_received_on,
        opens=payload.opens,
        closes=payload.closes,
        cap_share=payload.cap_share,
        recorder=request.auth,
    )
    return Status(201, _rounds().get(pk=created.pk))


def _round(round_id: int) -> Round:
    return get_object_or_404(Round.objects.select_related("pool_fund"), pk=round_id)


@router.post(
    "/rounds/{round_id}/projects",
    response={201: RoundProjectOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Add an eligible project to an open round (treasurers)",
    description="A project receives into its own fund, never the pool's.",
)
def round_project_create(request, round_id: int, payload: RoundProjectIn):
    project = services.round_project_add(
        round=_round(round_id),
        fund=fund_by_slug(payload.fund),
        description=payload.description,
        recorder=request.auth,
    )
    return Status(201, project)


@router.post(
    "/rounds/{round_id}/contributions",
    response={201: ContributionOut, 200: ContributionOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Record a member's gift to a round's project (treasurers)",
    description=(
        "Money received from a verified member (one person, one voice) for a project, within "
        "the round's dates; it reaches the project's fund in the books at once. With an "
        "`Idempotency-Key`, a repeat returns the first gift (200) and records nothing."
    ),
)
def round_contribution_create(
    request, round_id: int, payload: RoundGiftIn, idempotency_key: IdempotencyKey = None
):
    round_ = _round(round_id)
    key = retry_key(request, idempotency_key)
    existing = _contributions().filter(external_key=key).first() if key else None
    if existing is not None:
        return Status(200, existing)
    project = RoundProject.objects.filter(pk=payload.project, round=round_).first()
    if project is None:
        raise refused(
            "project", _("Unknown project in this round: %(id)s.") % {"id": payload.project}
        )
    contribution, created = _once(
        request,
        Contribution,
        key,
        lambda: services.payment_record(
            amount=payload.amount,
            commodity=round_.commodity,
            date=payload.date or timezone.localdate(),
            giver=Giver(user=member_by_username(payload.user)),
            round_project=project,
            visibility=payload.visibility,
            external_key=key,
            recorder=request.auth,
        ),
    )
    return _created(_contributions().get(pk=contribution.pk), created)


@router.get(
    "/rounds/{round_id}/matching",
    response={200: MatchingOut, 404: ErrorOut},
    summary="Each project's gifts, contributors and match, with why",
    description=(
        "While the round is open the matches are an estimate (`estimate` true) from the gifts "
        "so far; once closed they are final. The matches add up to the pool less what no "
        "project could take (`unallocated`, when every project with a match is capped)."
    ),
)
def round_matching(request, round_id: int):
    return _matching(_round(round_id))


@router.post(
    "/rounds/{round_id}/close",
    response={200: MatchingOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Close a round after its last day and move each match (treasurers)",
    description=(
        "The matching is computed once and stored; each project's match moves from the pool's "
        "fund to the project's by one transfer. Closing runs in stages and is safe to repeat: "
        "a closed round answers its final figures and moves nothing more."
    ),
)
def round_close(request, round_id: int):
    closed = services.round_close(round=_round(round_id), recorder=request.auth)
    return _matching(closed)
