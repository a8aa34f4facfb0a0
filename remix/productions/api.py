"""Productions over HTTP, public reads: the list with its totals, and one production's sheet
(the same selector as its page), amounts as decimal strings."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate
from pydantic import BaseModel

from remix.api.common import ERRORS, READ, Page, Rows, amount_text
from remix.core.money import HOUR
from remix.productions import selectors
from remix.productions.models import (
    CostCategory,
    FundingSource,
    ProductionKind,
    ProductionStatus,
)

router = Router(tags=["productions"])


class ProductionRowOut(BaseModel):
    id: int
    slug: str
    kind: ProductionKind
    status: ProductionStatus
    title: dict[str, str]
    starts: datetime.date
    ends: datetime.date | None
    fund: str | None
    commodity: str
    planned: str
    actual: str
    documents: int


def _row_out(production) -> ProductionRowOut:
    code = production.commodity
    return ProductionRowOut(
        id=production.pk,
        slug=production.slug,
        kind=production.kind,
        status=production.status,
        title=production.title,
        starts=production.starts,
        ends=production.ends,
        fund=production.fund.slug if production.fund_id else None,
        commodity=code,
        planned=amount_text(production.planned_minor, code),
        actual=amount_text(production.actual_minor, code),
        documents=production.documents_count,
    )


@router.get(
    "/productions",
    response=list[ProductionRowOut],
    auth=READ,
    url_name="productions_list",
    summary="Productions, newest first, with their planned and actual totals",
    description="`actual` is read in the books: the expenses of the transactions counted.",
)
@paginate(Page)
def productions(request):
    return Rows(selectors.productions_list(), _row_out)


class LineOut(BaseModel):
    label: str
    category: CostCategory | None
    planned: str
    actual: str
    difference: str


class CostOut(BaseModel):
    transaction: int
    date: datetime.date
    description: str
    line: int | None
    amount: str
    reversed: bool


class ContributorOut(BaseModel):
    name: str
    roles: list[str]
    hours: str
    value: str | None


class FundingOut(BaseModel):
    source: FundingSource
    label: str
    amount: str
    campaign: str | None


class DocumentOut(BaseModel):
    slug: str
    title: str


class TotalsOut(BaseModel):
    planned: str
    actual: str
    difference: str
    hours: str
    time_value: str | None
    full_cost: str | None
    funding: str
    documents: int
    cost_per_document: str | None
    full_cost_per_document: str | None


class ProductionOut(ProductionRowOut):
    description: dict[str, str]
    lines: list[LineOut]
    costs: list[CostOut]
    contributors: list[ContributorOut]
    funding: list[FundingOut]
    produced: list[DocumentOut]
    totals: TotalsOut
    rates_missing: bool


def _totals_out(totals: dict, code: str) -> TotalsOut:
    def money(name):
        return amount_text(totals[f"{name}_minor"], code)

    return TotalsOut(
        planned=money("planned"),
        actual=money("actual"),
        difference=money("difference"),
        hours=amount_text(totals["hours_minor"], HOUR),
        time_value=money("time_value"),
        full_cost=money("full_cost"),
        funding=money("funding"),
        documents=totals["documents"],
        cost_per_document=money("cost_per_document"),
        full_cost_per_document=money("full_cost_per_document"),
    )


def _sheet_out(production, sheet) -> ProductionOut:
    code = production.commodity
    row = _row_out(production)
    return ProductionOut(
        **row.model_dump(),
        description=production.description,
        lines=[
            LineOut(
                label=line.label,
                category=line.category or None,
                planned=amount_text(line.planned_minor, code),
                actual=amount_text(line.actual_minor, code),
                difference=amount_text(line.difference_minor, code),
            )
            for line in sheet.lines
        ],
        costs=[
            CostOut(
                transaction=cost.transaction.pk,
                date=cost.transaction.date,
                description=cost.transaction.description,
                line=cost.line_id,
                amount=amount_text(cost.spent_minor, code),
                reversed=cost.reversed,
            )
            for cost in sheet.costs
        ],
        contributors=[
            ContributorOut(
                name=person.name,
                roles=person.roles,
                hours=amount_text(person.hours_minor, HOUR),
                value=amount_text(person.value_minor, code),
            )
            for person in sheet.contributors
        ],
        funding=[
            FundingOut(
                source=line.source,
                label=line.label,
                amount=amount_text(line.amount_minor, line.commodity),
                campaign=line.campaign.slug if line.campaign_id else None,
            )
            for line in sheet.funding
        ],
        produced=[DocumentOut(slug=doc.slug, title=doc.title) for doc in sheet.documents],
        totals=_totals_out(sheet.totals, code),
        rates_missing=sheet.rates_missing,
    )


@router.get(
    "/productions/{production_id}",
    response={200: ProductionOut, **ERRORS},
    auth=READ,
    url_name="production",
    summary="A production's sheet: planned against actual, cost per document, time, funding",
    description=(
        "The same figures as the production's page. `actual` and each cost are read in the "
        "books (expense postings of the transactions counted, in the production's currency; a "
        "reversed transaction counts nothing); time is valued at the books' hourly rate of its "
        "day (`value` is null without a rate)."
    ),
)
def production(request, production_id: int):
    found = get_object_or_404(selectors.productions_list(), pk=production_id)
    return _sheet_out(found, selectors.production_sheet(found))
