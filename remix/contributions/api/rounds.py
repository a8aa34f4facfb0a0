"""Matching rounds over HTTP: listed with their projects, opened and closed by treasurers, a
member's gift recorded, and the matching with the reason for each project's share."""

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
    actor_by_slug,
    amount_text,
    fund_by_slug,
    member_by_username,
    refused,
    retry_key_of,
)
from remix.contributions import selectors, services
from remix.contributions.api.edges import created, found, keyed
from remix.contributions.api.schemas import (
    ContributionOut,
    MatchingOut,
    RoundGiftIn,
    RoundIn,
    RoundOut,
    RoundProjectIn,
    RoundProjectOut,
)
from remix.contributions.models import Round, RoundStatus
from remix.contributions.services import Giver
from remix.core.permissions import can_keep_books

router = Router(tags=["contributions"])


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
        "remainder": round_.remainder,
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
    operation_id="remix_funding_api_rounds",
)
@paginate(Page)
def rounds(request, status: RoundStatus | None = None):
    return selectors.rounds_listed(status=status)


@router.get(
    "/rounds/{round_id}",
    response={200: RoundOut, 404: ErrorOut},
    summary="One matching round",
    operation_id="remix_funding_api_round_detail",
)
def round_detail(request, round_id: int):
    return get_object_or_404(selectors.rounds_listed(), pk=round_id)


@router.post(
    "/rounds",
    response={201: RoundOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Open a matching round and record its pool (treasurers)",
    description=(
        "The funder's pool is recorded in the books at once, as a public or institutional "
        "grant to `pool_fund`. `cap_share` is the most one project may receive, as a share of "
        "the pool. `remainder` says what becomes of the pool when the projects' ideal matches "
        "fall short of it: `keep` (the default) leaves the rest in the pool, `share` spends it "
        "whole in proportion. The slug is unique, so a repeat records nothing."
    ),
    operation_id="remix_funding_api_round_create",
)
def round_create(request, payload: RoundIn):
    funder = actor_by_slug(payload.funder, "funder")
    created_round = services.round_create(
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
        remainder=payload.remainder,
        recorder=request.auth,
    )
    return Status(201, selectors.rounds_listed().get(pk=created_round.pk))


def _round(round_id: int) -> Round:
    return found(selectors.round_of(round_id))


@router.post(
    "/rounds/{round_id}/projects",
    response={201: RoundProjectOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Add an eligible project to an open round (treasurers)",
    description="A project receives into its own fund, never the pool's.",
    operation_id="remix_funding_api_round_project_create",
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
    operation_id="remix_funding_api_round_contribution_create",
)
def round_contribution_create(
    request, round_id: int, payload: RoundGiftIn, idempotency_key: IdempotencyKey = None
):
    round_ = _round(round_id)
    key = retry_key_of(request, idempotency_key)
    project = selectors.round_project_of(payload.project, round=round_)
    if project is None:
        raise refused(
            "project", _("Unknown project in this round: %(id)s.") % {"id": payload.project}
        )
    with keyed():
        contribution, is_new = services.payment_record(
            amount=payload.amount,
            commodity=round_.commodity,
            date=payload.date,
            giver=Giver(user=member_by_username(payload.user)),
            round_project=project,
            visibility=payload.visibility,
            external_key=key,
            recorder=request.auth,
        )
    return created(selectors.contributions_listed().get(pk=contribution.pk), is_new)


@router.get(
    "/rounds/{round_id}/matching",
    response={200: MatchingOut, 404: ErrorOut},
    summary="Each project's gifts, contributors and match, with why",
    description=(
        "While the round is open the matches are an estimate (`estimate` true) from the gifts "
        "so far; once closed they are final. The matches add up to the pool less what stays in "
        "it (`unallocated`): the rest a `keep` round leaves, or what no project could take."
    ),
    operation_id="remix_funding_api_round_matching",
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
    operation_id="remix_funding_api_round_close",
)
def round_close(request, round_id: int):
    closed = services.round_close(round=_round(round_id), recorder=request.auth)
    return _matching(closed)
