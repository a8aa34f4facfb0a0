"""Crowdfunding campaigns over HTTP: listed with their progress, started and closed by treasurers,
pledged to by members."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from remix.api.auth import token_auth_for
from remix.api.common import (
    ERRORS,
    ErrorOut,
    IdempotencyKey,
    Page,
    fund_by_slug,
    refused,
    retry_key_of,
)
from remix.contributions import selectors, services
from remix.contributions.api.edges import created, keyed
from remix.contributions.api.schemas import CampaignIn, CampaignOut, CampaignPledgeIn, PledgeOut
from remix.contributions.models import CampaignStatus
from remix.contributions.services import Giver
from remix.core.money import from_minor
from remix.core.permissions import can_contribute, can_keep_books

router = Router(tags=["contributions"])


@router.get(
    "/campaigns",
    response={200: list[CampaignOut]},
    summary="Crowdfunding campaigns: goal, raised, backers, tiers and stretch goals",
    description=(
        "Every campaign, open ones first. `raised` counts standing pledges (a closed "
        "campaign: what was pledged when it closed); `percent` may pass 100. Each tier says "
        "how many are `left` (null when unlimited). `status` keeps one status."
    ),
    operation_id="remix_funding_api_campaigns",
)
@paginate(Page)
def campaigns(request, status: CampaignStatus | None = None):
    return selectors.campaigns_listed(status=status)


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignOut, 404: ErrorOut},
    summary="One campaign",
    operation_id="remix_funding_api_campaign",
)
def campaign(request, campaign_id: int):
    return get_object_or_404(selectors.campaigns_listed(), pk=campaign_id)


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
    operation_id="remix_funding_api_campaign_create",
)
def campaign_create(request, payload: CampaignIn):
    created_campaign = services.campaign_create(
        slug=payload.slug,
        title=payload.title,
        description=payload.description,
        fund=fund_by_slug(payload.fund),
        goal=payload.goal,
        commodity=payload.commodity,
        opens=payload.opens,
        deadline=payload.deadline,
        rule=payload.rule,
        tiers=[tier.model_dump() for tier in payload.tiers],
        stretch_goals=[goal.model_dump() for goal in payload.stretch_goals],
        recorder=request.auth,
    )
    return Status(201, selectors.campaigns_listed().get(pk=created_campaign.pk))


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
    operation_id="remix_funding_api_campaign_pledge",
)
def campaign_pledge(
    request, campaign_id: int, payload: CampaignPledgeIn, idempotency_key: IdempotencyKey = None
):
    found = get_object_or_404(selectors.campaigns_public(), pk=campaign_id)
    key = retry_key_of(request, idempotency_key)
    tier = None
    if payload.tier is not None:
        tier = selectors.tier_of(payload.tier)
        if tier is None:
            raise refused("tier", _("Unknown counterpart: %(id)s.") % {"id": payload.tier})
    amount = payload.amount
    if amount is None:
        if tier is None or tier.free_amount:
            raise refused("amount", _("This field is required."))
        amount = from_minor(tier.amount_minor, found.commodity)
    with keyed():
        pledge, is_new = services.pledge_create(
            fund=found.fund,
            amount=amount,
            commodity=found.commodity,
            visibility=payload.visibility,
            giver=Giver(user=request.auth),
            campaign=found,
            tier=tier,
            idempotency_key=key,
            recorder=request.auth,
        )
    return created(selectors.pledges_listed().get(pk=pledge.pk), is_new)


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
    operation_id="remix_funding_api_campaign_close",
)
def campaign_close(request, campaign_id: int):
    found = get_object_or_404(selectors.campaigns_public(), pk=campaign_id)
    services.campaign_close(campaign=found, recorder=request.auth)
    return selectors.campaigns_listed().get(pk=found.pk)
