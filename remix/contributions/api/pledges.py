"""Pledges over HTTP: a member's own (a treasurer lists everyone's), and a new one, once or on a
schedule, to a fund or a matching round's project."""

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from remix.api.auth import token_auth, token_auth_for
from remix.api.common import ERRORS, IdempotencyKey, Page, fund_by_slug, refused, retry_key_of
from remix.contributions import selectors, services
from remix.contributions.api.edges import created, fund_filter, keyed
from remix.contributions.api.schemas import PledgeIn, PledgeOut
from remix.contributions.models import PledgeStatus
from remix.contributions.services import Giver
from remix.core.permissions import can_contribute, can_keep_books, require

router = Router(tags=["contributions"])


@router.get(
    "/pledges",
    response={200: list[PledgeOut], **ERRORS},
    auth=token_auth,
    summary="My pledges, with what fell due, what was received and what is late",
    description=(
        "The caller's pledges, newest first. A treasurer lists everyone's with `all=true`. "
        "Filters: `fund` (a slug), `status`."
    ),
    operation_id="remix_funding_api_pledges",
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
    return selectors.pledges_for(
        user=request.auth, everyone=everyone, fund=fund_filter(fund), status=status
    )


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
    operation_id="remix_funding_api_pledge_create",
)
def pledge_create(request, payload: PledgeIn, idempotency_key: IdempotencyKey = None):
    key = retry_key_of(request, idempotency_key)
    project = None
    if payload.round_project is not None:
        project = selectors.round_project_of(payload.round_project)
        if project is None:
            raise refused(
                "round_project", _("Unknown round project: %(id)s.") % {"id": payload.round_project}
            )
    if project is None and not payload.fund:
        raise refused("fund", _("Choose the fund the gift goes to."))
    with keyed():
        pledge, is_new = services.pledge_create(
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
        )
    return created(selectors.pledges_listed().get(pk=pledge.pk), is_new)
