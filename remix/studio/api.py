"""The study office over HTTP: the services offered (public) and written (stewards), quotes
written and accepted, and an engagement's planned and declared days (stewards and treasurers,
with an API token)."""

import datetime

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import token_auth
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    Page,
    Rows,
    WindowDate,
    actor_by_slug,
    amount_text,
    fund_by_slug,
    objects_named,
    refused,
)
from remix.core.permissions import can_issue_quote, require
from remix.studio import selectors, services
from remix.studio.models import Engagement, PriceModel, Quote, Service, ServiceKind

router = Router(tags=["studio"])


class ServiceOut(BaseModel):
    id: int
    slug: str
    title: dict[str, str]
    description: dict[str, str]
    kind: ServiceKind
    price_model: PriceModel
    price: str = Field(description="A unit's price, or for a free price the amount suggested.")
    commodity: str


def _service_out(service: Service) -> ServiceOut:
    return ServiceOut(
        id=service.pk,
        slug=service.slug,
        title=service.title,
        description=service.description,
        kind=service.kind,
        price_model=service.price_model,
        price=amount_text(service.price_minor, service.commodity),
        commodity=service.commodity,
    )


@router.get(
    "/services",
    response=list[ServiceOut],
    auth=READ,
    url_name="studio_services",
    summary="The study office's services on offer",
    description="By kind then slug; `kind` filters one kind.",
)
@paginate(Page)
def services_list(request, kind: ServiceKind | None = None):
    offered = selectors.services_offered()
    if kind:
        offered = offered.filter(kind=kind)
    return Rows(offered, _service_out)


class ServiceIn(Schema):
    slug: str = Field(max_length=80)
    title: dict[str, str] = Field(description='One title per language: {"fr": …}.')
    description: dict[str, str] = {}
    kind: ServiceKind
    price_model: PriceModel
    price: DecimalText
    commodity: str = "EUR"
    commons: list[int] = Field([], description="Ids of the commons it draws on.")
    themes: list[str] = Field([], description="Codes of the themes it draws on.")
    documents: list[int] = Field([], description="Ids of the catalogue documents it draws on.")
    people: list[str] = Field([], description="Usernames of the people who deliver it.")


@router.post(
    "/services",
    response={201: ServiceOut, **ERRORS},
    auth=token_auth,
    summary="Add a service to the catalogue (stewards)",
)
def service_create(request, payload: ServiceIn):
    from remix.allies.models import Theme
    from remix.catalogue.models import Commons, Document

    service = services.service_create(
        slug=payload.slug,
        title=payload.title,
        description=payload.description,
        kind=payload.kind,
        price_model=payload.price_model,
        price=payload.price,
        commodity=payload.commodity,
        commons=objects_named(Commons, "commons", payload.commons, "pk"),
        themes=objects_named(Theme, "themes", payload.themes, "code"),
        documents=objects_named(Document, "documents", payload.documents, "pk"),
        people=objects_named(get_user_model(), "people", payload.people, "username"),
        recorder=request.auth,
    )
    return Status(201, _service_out(service))


class LineOut(BaseModel):
    service: str
    description: str
    quantity: str
    unit_price: str
    amount: str


class QuoteOut(BaseModel):
    id: int
    number: str
    client: str = Field(description="The client's slug on the allies map.")
    title: str
    language: str
    commodity: str
    total: str
    valid_until: datetime.date
    status: str
    accepted_on: datetime.date | None
    engagement: int | None
    lines: list[LineOut]


def _quote_out(quote: Quote) -> QuoteOut:
    engagement = getattr(quote, "engagement", None) if quote.status == "accepted" else None
    return QuoteOut(
        id=quote.pk,
        number=quote.number,
        client=quote.client.slug,
        title=quote.title,
        language=quote.language,
        commodity=quote.commodity,
        total=amount_text(quote.total_minor, quote.commodity),
        valid_until=quote.valid_until,
        status=quote.status,
        accepted_on=quote.accepted_on,
        engagement=engagement.pk if engagement else None,
        lines=[
            LineOut(
                service=line.service.slug,
                description=line.description,
                quantity=format(line.quantity, "f"),
                unit_price=amount_text(line.unit_price_minor, quote.commodity),
                amount=amount_text(line.amount_minor, quote.commodity),
            )
            for line in quote.lines.all()
        ],
    )


@router.get(
    "/quotes",
    response={200: list[QuoteOut], **ERRORS},
    auth=token_auth,
    summary="Quotes written, newest first (stewards and treasurers)",
)
@paginate(Page)
def quotes_list(request):
    require(can_issue_quote, request.auth)
    return Rows(
        selectors.quotes_list().prefetch_related("lines__service"),
        _quote_out,
    )


class LineIn(Schema):
    service: str = Field(description="The service's slug.")
    quantity: DecimalText
    unit_price: str | None = Field(
        None,
        pattern=r"^[0-9]{1,15}(\.[0-9]{1,6})?$",
        description="When not the service's: a free price, a negotiated rate.",
    )
    description: str = Field("", max_length=300)


class QuoteIn(Schema):
    client: str = Field(description="The client's slug on the allies map.")
    title: str = Field(max_length=200)
    valid_until: WindowDate
    language: str = Field("fr", max_length=8)
    commodity: str = "EUR"
    note: str = ""
    lines: list[LineIn] = Field(min_length=1, max_length=50)


@router.post(
    "/quotes",
    response={201: QuoteOut, **ERRORS},
    auth=token_auth,
    summary="Write a quote to a client (stewards and treasurers)",
    description="Numbered `D-<year>-<sequence>`; a quote is never edited: write a new one.",
)
def quote_issue(request, payload: QuoteIn):
    require(can_issue_quote, request.auth)
    offered = {s.slug: s for s in selectors.services_offered()}
    lines = []
    for index, line in enumerate(payload.lines):
        if line.service not in offered:
            raise refused(
                f"lines.{index}", _("Unknown service: %(slug)s.") % {"slug": line.service}
            )
        lines.append(
            services.LineAsked(
                service=offered[line.service],
                quantity=line.quantity,
                unit_price=line.unit_price,
                description=line.description,
            )
        )
    quote = services.quote_issue(
        client=actor_by_slug(payload.client, "client"),
        title=payload.title,
        lines=lines,
        valid_until=payload.valid_until,
        language=payload.language,
        commodity=payload.commodity,
        note=payload.note,
        recorder=request.auth,
    )
    return Status(201, _quote_out(selectors.quote_shown(quote.pk)))


class AcceptIn(Schema):
    accepted_on: WindowDate
    acceptance: str = Field(max_length=300, description="How the client accepted.")
    start_date: WindowDate
    end_date: WindowDate
    deliverables: str = ""
    day_rate: DecimalText | None = Field(None, description="Empty: the quote's daily rate.")
    fund: str | None = Field(None, description="The fund's slug; empty: the platform's.")


class PersonOut(BaseModel):
    username: str
    planned_days: str
    declared_days: str
    validated_days: str


class EngagementOut(BaseModel):
    id: int
    quote: str
    client: str
    title: str
    deliverables: str
    start_date: datetime.date
    end_date: datetime.date
    commodity: str
    day_rate: str
    people: list[PersonOut]
    planned_days: str
    declared_days: str
    validated_days: str
    time_value: str
    invoiced: str
    margin: str | None


def _engagement_out(engagement: Engagement) -> EngagementOut:
    report = selectors.engagement_report(engagement)
    money = engagement.commodity
    return EngagementOut(
        id=engagement.pk,
        quote=engagement.quote.number,
        client=engagement.client.slug,
        title=engagement.title,
        deliverables=engagement.deliverables,
        start_date=engagement.start_date,
        end_date=engagement.end_date,
        commodity=money,
        day_rate=amount_text(engagement.day_rate_minor, money),
        people=[
            PersonOut(
                username=row.person.user.username,
                planned_days=str(row.planned_days),
                declared_days=str(row.declared_days),
                validated_days=str(row.validated_days),
            )
            for row in report.people
        ],
        planned_days=str(report.planned_days),
        declared_days=str(report.declared_days),
        validated_days=str(report.validated_days),
        time_value=amount_text(report.time_value_minor, money),
        invoiced=amount_text(report.invoiced_minor, money),
        margin=amount_text(report.margin_minor, money),
    )


@router.post(
    "/quotes/{quote_id}/accept",
    response={201: EngagementOut, **ERRORS},
    auth=token_auth,
    summary="Record the client's acceptance of a quote: the engagement opens",
    description="A quote is accepted once; a second acceptance is refused (422).",
)
def quote_accept(request, quote_id: int, payload: AcceptIn):
    quote = get_object_or_404(Quote, pk=quote_id)
    engagement = services.quote_accept(
        quote=quote,
        accepted_on=payload.accepted_on,
        acceptance=payload.acceptance,
        start_date=payload.start_date,
        end_date=payload.end_date,
        deliverables=payload.deliverables,
        day_rate=payload.day_rate,
        fund=fund_by_slug(payload.fund) if payload.fund else None,
        recorder=request.auth,
    )
    return Status(201, _engagement_out(engagement))


@router.get(
    "/engagements/{engagement_id}",
    response={200: EngagementOut, **ERRORS},
    auth=token_auth,
    summary="An engagement: its people's planned, declared and validated days, and its margin",
)
def engagement_detail(request, engagement_id: int):
    require(can_issue_quote, request.auth)
    return _engagement_out(get_object_or_404(selectors.engagements_list(), pk=engagement_id))
