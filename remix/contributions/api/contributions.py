"""Gifts over HTTP: the list as each giver chose to show it, money recorded by treasurers, time
and in-kind declared by members."""

from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from remix.api.auth import token_auth
from remix.api.common import (
    ERRORS,
    READ,
    ErrorOut,
    IdempotencyKey,
    Page,
    member_by_username,
    refused,
    retry_key_of,
)
from remix.contributions import selectors, services
from remix.contributions.api.edges import created, fund_filter, fund_or_platform, keyed
from remix.contributions.api.schemas import ContributionIn, ContributionOut
from remix.contributions.models import ContributionKind, ContributionStatus
from remix.contributions.services import Giver
from remix.core.permissions import can_contribute, can_keep_books, require

router = Router(tags=["contributions"])


def _can_declare(user) -> bool:
    return can_contribute(user) or can_keep_books(user)


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
    operation_id="remix_funding_api_contributions",
)
@paginate(Page)
def contributions(
    request,
    fund: str = "",
    kind: ContributionKind | None = None,
    status: ContributionStatus | None = None,
):
    return selectors.contributions_for(
        reader=request.auth, fund=fund_filter(fund), kind=kind, status=status
    )


@router.post(
    "/contributions",
    response={201: ContributionOut, 200: ContributionOut, **ERRORS},
    auth=token_auth,
    summary="Declare time or in-kind (members), record money received (treasurers)",
    description=(
        "`kind` `time` (`amount` in hours) or `in_kind` (`amount` at its fair value): a member "
        "declares for themself; a treasurer validates it later. `kind` `money`: a treasurer "
        "records money received, for a pledge (`pledge`: its reference) or for a fund with a "
        "giver (`user` or `name`) and a `visibility`, and how it was paid (`method`); it "
        "reaches the books at once. With an "
        "`Idempotency-Key`, a repeat returns the first contribution (200) and records nothing."
    ),
    operation_id="remix_funding_api_contribution_create",
)
def contribution_create(request, payload: ContributionIn, idempotency_key: IdempotencyKey = None):
    key = retry_key_of(request, idempotency_key)
    if payload.kind == ContributionKind.MONEY:
        require(can_keep_books, request.auth)
    else:
        require(_can_declare, request.auth)
        for field in ("pledge", "user", "name"):
            if getattr(payload, field):
                raise refused(field, _("Time and in-kind are declared by the giver, for themself."))
    write = _money if payload.kind == ContributionKind.MONEY else _declare
    with keyed():
        contribution, is_new = write(request, payload, key)
    return created(selectors.contributions_listed().get(pk=contribution.pk), is_new)


def _declare(request, payload: ContributionIn, key):
    return services.contribution_declare(
        giver=Giver(user=request.auth),
        fund=fund_or_platform(payload.fund),
        kind=payload.kind,
        amount=payload.amount,
        commodity=payload.commodity or "EUR",
        date=payload.date,
        description=payload.description,
        visibility=payload.visibility,
        external_key=key,
        recorder=request.auth,
    )


def _money(request, payload: ContributionIn, key):
    if payload.pledge:
        pledge = selectors.pledge_by_reference(payload.pledge)
        if pledge is None:
            raise refused(
                "pledge",
                _("Unknown pledge reference: %(reference)s.") % {"reference": payload.pledge},
            )
        return services.payment_record(
            pledge=pledge,
            amount=payload.amount,
            commodity=payload.commodity or pledge.commodity,
            date=payload.date,
            method=payload.method,
            external_key=key,
            recorder=request.auth,
        )
    return services.payment_record(
        fund=fund_or_platform(payload.fund),
        giver=Giver(
            user=member_by_username(payload.user) if payload.user else None, name=payload.name or ""
        ),
        visibility=payload.visibility,
        amount=payload.amount,
        commodity=payload.commodity or "EUR",
        date=payload.date,
        method=payload.method,
        external_key=key,
        recorder=request.auth,
    )
