"""The contributive budget over HTTP: envelopes and their public requests, questions and answers
read by anyone; a member asks and amends with a token, a treasurer opens, freezes and closes."""

import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import token_auth, token_auth_for
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    Page,
    Rows,
    amount_text,
    fund_by_slug,
    refused,
)
from remix.core.amounts import amount_positive
from remix.core.money import MoneyError, to_minor
from remix.core.permissions import (
    can_envelope_close,
    can_envelope_open,
    can_envelope_request,
)
from remix.envelopes import selectors, services
from remix.envelopes.models import Envelope, Request, Rule
from remix.envelopes.models import Status as EnvelopeStatus
from remix.ledger.models import Account

router = Router(tags=["contributive budget"])


class EnvelopeOut(BaseModel):
    id: int
    title: str
    description: str
    fund: str
    expense_account: str
    period: str
    project: str
    project_fund: str | None
    commodity: str
    amount: str
    day_min: str
    day_max: str
    status: EnvelopeStatus
    rule: Rule | None
    requests: int
    asked: str
    over_subscribed: bool
    excess: str
    left: str
    transaction: int | None


def _envelope_out(envelope: Envelope) -> EnvelopeOut:
    money = envelope.commodity
    sub = selectors.envelope_subscription(envelope)
    count = getattr(envelope, "requests_count", None)
    return EnvelopeOut(
        id=envelope.pk,
        title=envelope.title,
        description=envelope.description,
        fund=envelope.fund.slug,
        expense_account=envelope.expense_account.code,
        period=envelope.period,
        project=envelope.project,
        project_fund=envelope.project_fund.slug if envelope.project_fund else None,
        commodity=money,
        amount=amount_text(envelope.amount_minor, money),
        day_min=amount_text(envelope.day_min_minor, money),
        day_max=amount_text(envelope.day_max_minor, money),
        status=envelope.status,
        rule=envelope.rule or None,
        requests=count if count is not None else len(envelope.requests.all()),
        asked=amount_text(sub.asked, money),
        over_subscribed=sub.over,
        excess=amount_text(sub.excess, money),
        left=amount_text(sub.left, money),
        transaction=envelope.transaction_id,
    )


class VersionOut(BaseModel):
    number: int
    what: str
    days: str
    asked: str
    written_at: datetime.datetime


class CommentOut(BaseModel):
    id: int
    name: str
    body: str
    by_requester: bool
    written_at: datetime.datetime


class RequestOut(BaseModel):
    id: int
    name: str
    what: str
    days: str
    asked: str
    granted: str | None
    asked_at: datetime.datetime
    versions: list[VersionOut]
    comments: list[CommentOut]


def _request_out(request: Request) -> RequestOut:
    money = request.envelope.commodity
    return RequestOut(
        id=request.pk,
        name=request.name,
        what=request.what,
        days=format(request.days, "f"),
        asked=amount_text(request.asked_minor, money),
        granted=amount_text(request.granted_minor, money),
        asked_at=request.created_at,
        versions=[
            VersionOut(
                number=v.number,
                what=v.what,
                days=format(v.days, "f"),
                asked=amount_text(v.asked_minor, money),
                written_at=v.created_at,
            )
            for v in request.versions.all()
        ],
        comments=[_comment_out(c, request) for c in request.comments.all()],
    )


def _comment_out(comment, request: Request) -> CommentOut:
    return CommentOut(
        id=comment.pk,
        name=comment.name,
        body=comment.body,
        by_requester=comment.author_id == request.requester_id,
        written_at=comment.created_at,
    )


class EnvelopeDetailOut(EnvelopeOut):
    request_list: list[RequestOut]


LIST_DESCRIPTION = (
    "Every envelope, newest first: its amount, its daily range, what its requests ask in total "
    "and, when they ask more than it holds, by how much (`excess`). Amounts are decimal strings."
)


@router.get(
    "/envelopes",
    response=list[EnvelopeOut],
    auth=READ,
    url_name="envelopes",
    summary="Contributive budget: the envelopes",
    description=LIST_DESCRIPTION,
)
@paginate(Page)
def envelopes(request):
    return Rows(selectors.envelopes_list().select_related("expense_account"), _envelope_out)


class EnvelopeIn(Schema):
    title: str = Field(max_length=200)
    description: str = ""
    fund: str = Field(description="The slug of the fund the envelope is paid from.")
    expense_account: str = Field(
        description="The code of the expense account, e.g. Expenses:Development."
    )
    period: str = Field("", max_length=120)
    project: str = Field("", max_length=200)
    project_fund: str | None = None
    commodity: str = "EUR"
    amount: DecimalText
    day_min: DecimalText
    day_max: DecimalText


def _expense_account(code: str) -> Account:
    account = Account.objects.filter(code=code, active=True).first()
    if account is None:
        raise refused("expense_account", _("Unknown account: %(code)s.") % {"code": code})
    return account


@router.post(
    "/envelopes",
    response={201: EnvelopeOut, **ERRORS},
    auth=token_auth_for(can_envelope_open),
    summary="Open an envelope (a treasurer)",
)
def envelope_open(request, payload: EnvelopeIn):
    money = payload.commodity
    envelope = services.envelope_open(
        title=payload.title,
        description=payload.description,
        fund=fund_by_slug(payload.fund),
        expense_account=_expense_account(payload.expense_account),
        period=payload.period,
        project=payload.project,
        project_fund=fund_by_slug(payload.project_fund, "project_fund")
        if payload.project_fund
        else None,
        commodity=money,
        amount_minor=amount_positive(payload.amount, money)[0],
        day_min_minor=amount_positive(payload.day_min, money, field="day_min")[0],
        day_max_minor=amount_positive(payload.day_max, money, field="day_max")[0],
        recorder=request.auth,
    )
    return Status(201, _envelope_out(_detail(envelope.pk)))


def _detail(envelope_id: int) -> Envelope:
    return get_object_or_404(selectors.envelope_detail(), pk=envelope_id)


def _detail_out(envelope: Envelope) -> EnvelopeDetailOut:
    return EnvelopeDetailOut(
        **_envelope_out(envelope).model_dump(),
        request_list=[_request_out(r) for r in envelope.requests.all()],
    )


@router.get(
    "/envelopes/{envelope_id}",
    response={200: EnvelopeDetailOut, 404: ERRORS[404]},
    auth=READ,
    summary="One envelope with every request, its versions and its thread",
)
def envelope(request, envelope_id: int):
    return _detail_out(_detail(envelope_id))


class RequestIn(Schema):
    what: str = Field(description="What you did (Markdown).")
    days: DecimalText = Field(description="Days of work, to the hundredth: `2.5`.")
    amount: DecimalText = Field(description="The amount you find fair, within days × daily range.")


def _request_values(payload: RequestIn, envelope: Envelope) -> dict:
    return {
        "what": payload.what,
        "days": Decimal(payload.days),
        "asked_minor": amount_positive(payload.amount, envelope.commodity)[0],
    }


@router.post(
    "/envelopes/{envelope_id}/requests",
    response={201: RequestOut, **ERRORS},
    auth=token_auth_for(can_envelope_request),
    summary="Ask an envelope publicly for the amount you find fair (a member)",
    description="Refused (422) outside days × the daily range, or once the envelope is not open.",
)
def request_ask(request, envelope_id: int, payload: RequestIn):
    envelope = get_object_or_404(Envelope, pk=envelope_id)
    made = services.request_ask(
        envelope=envelope, requester=request.auth, **_request_values(payload, envelope)
    )
    return Status(201, _request_out(_request(envelope_id, made.pk)))


def _request(envelope_id: int, request_id: int) -> Request:
    """The request of the path, under its envelope (looked up by primary keys only: an id past
    what the database holds is then simply not found)."""
    found = get_object_or_404(selectors.envelope_requests(), pk=request_id)
    if found.envelope_id != envelope_id:
        raise Http404
    return found


@router.patch(
    "/envelopes/{envelope_id}/requests/{request_id}",
    response={200: RequestOut, **ERRORS},
    auth=token_auth,
    summary="Amend your request while the envelope is open (its requester)",
    description="The earlier versions stay in `versions`.",
)
def request_amend(request, envelope_id: int, request_id: int, payload: RequestIn):
    found = _request(envelope_id, request_id)
    services.request_amend(
        request=found, recorder=request.auth, **_request_values(payload, found.envelope)
    )
    return _request_out(_request(envelope_id, request_id))


class CommentIn(Schema):
    body: str = Field(description="A question, or the requester's answer (Markdown).")


@router.post(
    "/envelopes/{envelope_id}/requests/{request_id}/comments",
    response={201: CommentOut, **ERRORS},
    auth=token_auth,
    summary="Question a request, or answer under it (anyone logged in)",
)
def comment_write(request, envelope_id: int, request_id: int, payload: CommentIn):
    found = _request(envelope_id, request_id)
    comment = services.comment_write(request=found, body=payload.body, author=request.auth)
    return Status(201, _comment_out(comment, found))


@router.post(
    "/envelopes/{envelope_id}/freeze",
    response={200: EnvelopeOut, **ERRORS},
    auth=token_auth_for(can_envelope_close),
    summary="Freeze the requests before closing (a treasurer)",
)
def envelope_freeze(request, envelope_id: int):
    services.envelope_freeze(
        envelope=get_object_or_404(Envelope, pk=envelope_id), recorder=request.auth
    )
    return _envelope_out(_detail(envelope_id))


class CloseIn(Schema):
    rule: Rule
    agreed: dict[str, str] = Field(
        {},
        description=(
            "With `agreed`: each request's id and the amount agreed in the meeting (`0` "
            "allowed); together at most the envelope, the rest staying in the fund."
        ),
    )


def _agreed(values: dict[str, str], commodity: str) -> dict[int, int]:
    try:
        return {int(key): to_minor(value, commodity) for key, value in values.items()}
    except (ValueError, MoneyError):
        raise refused("agreed", _("Give each agreed amount as a decimal, e.g. 120.00.")) from None


@router.post(
    "/envelopes/{envelope_id}/close",
    response={200: EnvelopeDetailOut, **ERRORS},
    auth=token_auth_for(can_envelope_close),
    summary="Close an envelope and post its payouts (a treasurer; once)",
    description=(
        "`proportional`: the requests are paid what they asked when they fit, else the envelope "
        "is split in proportion to what each asked, the parts adding up to it exactly. "
        "`agreed`: the amounts in `agreed`. Closing again is refused (422): a correction "
        "reverses the payouts' transaction."
    ),
)
def envelope_close(request, envelope_id: int, payload: CloseIn):
    envelope = get_object_or_404(Envelope, pk=envelope_id)
    services.envelope_close(
        envelope=envelope,
        rule=payload.rule,
        agreed=_agreed(payload.agreed, envelope.commodity) if payload.rule == Rule.AGREED else None,
        recorder=request.auth,
    )
    return _detail_out(_detail(envelope_id))
