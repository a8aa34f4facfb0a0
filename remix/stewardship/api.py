"""Stewardship over HTTP: the history of terms and the reciprocity (public), and handovers
taken step by step by the people each step belongs to (an API token)."""

import datetime

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
    Page,
    Rows,
    actor_by_slug,
    amount_text,
    member_by_username,
    refused,
)
from remix.core.amounts import amount_positive
from remix.core.money import HOUR
from remix.stewardship import selectors, services
from remix.stewardship.models import Charge, Handover, Step
from remix.stewardship.reciprocity import Reciprocity, reciprocity_actors, reciprocity_rows

router = Router(tags=["stewardship"])


class CarrierOut(BaseModel):
    id: int
    name: str
    slug: str


class TermOut(BaseModel):
    id: int
    charge: Charge
    carrier: CarrierOut
    start_date: datetime.date
    end_date: datetime.date | None
    is_open: bool
    hours_per_month: int
    money_per_year: str | None
    commodity: str
    hosting: str
    venue: str
    people: list[str]


def _term_out(term) -> TermOut:
    carrier = term.carrier
    return TermOut(
        id=term.pk,
        charge=term.charge,
        carrier=CarrierOut(id=carrier.pk, name=carrier.name, slug=carrier.slug),
        start_date=term.start_date,
        end_date=term.end_date,
        is_open=term.is_open,
        hours_per_month=term.hours_per_month,
        money_per_year=amount_text(term.money_minor, term.commodity),
        commodity=term.commodity,
        hosting=term.hosting,
        venue=term.venue,
        people=[person.public_name for person in term.people.all()],
    )


@router.get(
    "/stewardship/terms",
    response=list[TermOut],
    auth=READ,
    url_name="stewardship_terms",
    summary="Stewardship terms: who carried which charge, from when to when",
    description=(
        "Every term, by charge then start date; `charge` filters one charge. A term with no "
        "`end_date` is the charge's current one (at most one per charge)."
    ),
)
@paginate(Page)
def terms(request, charge: Charge | None = None):
    return Rows(selectors.terms_history(charge=charge or ""), _term_out)


class HandoverIn(Schema):
    term: int = Field(description="The open term handed over.")
    incoming: str = Field(description="The incoming carrier's slug (an organisation).")
    effective_date: datetime.date
    incoming_people: list[str] = Field(description="Usernames acting for the incoming carrier.")
    from_account: str | None = Field(None, description="The outgoing bank account's code.")
    to_account: str | None = Field(None, description="The incoming bank account's code.")
    hours_per_month: int = Field(0, ge=0)
    money_per_year: str | None = None
    commodity: str = "EUR"
    hosting: str = Field("", max_length=200)
    venue: str = Field("", max_length=200)


class StepIn(Schema):
    confirmed: list[str] = Field([], description="The checklist's items (step `checked`).")


class HandoverOut(BaseModel):
    id: int
    charge: Charge
    outgoing: str
    incoming: str
    effective_date: datetime.date
    step: Step
    next_step: Step | None
    steps: list[Step]


def _handover_out(handover: Handover) -> HandoverOut:
    return HandoverOut(
        id=handover.pk,
        charge=handover.outgoing.charge,
        outgoing=handover.outgoing.carrier.slug,
        incoming=handover.incoming.slug,
        effective_date=handover.effective_date,
        step=handover.step,
        next_step=handover.next_step,
        steps=[event.step for event in handover.events.all()],
    )


def _bank_account(code: str | None, field: str):
    from remix.ledger.models import Account

    if code is None:
        return None
    account = Account.objects.filter(code=code, is_cash=True).first()
    if account is None:
        raise refused(field, _("Unknown bank account: %(code)s.") % {"code": code})
    return account


@router.post(
    "/stewardship/handovers",
    response={201: HandoverOut, **ERRORS},
    auth=token_auth,
    summary="Propose to hand a charge over (the outgoing carrier's stewards)",
    description=(
        "Steps follow: accepted → checked → transferred → signed_outgoing → done, each taken "
        "with `POST /stewardship/handovers/{id}/steps/{step}` by its own people."
    ),
)
def handover_propose(request, payload: HandoverIn):
    from remix.stewardship.models import Term

    term = get_object_or_404(Term, pk=payload.term)
    money = (
        amount_positive(payload.money_per_year, payload.commodity, field="money_per_year")[0]
        if payload.money_per_year
        else 0
    )
    handover = services.handover_propose(
        term=term,
        incoming=actor_by_slug(payload.incoming, "incoming"),
        effective_date=payload.effective_date,
        incoming_people=[
            member_by_username(name, "incoming_people") for name in payload.incoming_people
        ],
        from_account=_bank_account(payload.from_account, "from_account"),
        to_account=_bank_account(payload.to_account, "to_account"),
        hours_per_month=payload.hours_per_month,
        money_minor=money,
        commodity=payload.commodity,
        hosting=payload.hosting,
        venue=payload.venue,
        recorder=request.auth,
    )
    return Status(201, _handover_out(handover))


@router.post(
    "/stewardship/handovers/{handover_id}/steps/{step}",
    response={200: HandoverOut, **ERRORS},
    auth=token_auth,
    summary="Take the next step of a handover (the people that step belongs to)",
    description=(
        "A step out of order is refused (422) and the message names the next one. `checked` "
        "needs every item of `confirmed`: bank_mandate, domain_hosting, archives."
    ),
)
def handover_step(request, handover_id: int, step: Step, payload: StepIn):
    found = get_object_or_404(
        Handover.objects.select_related("outgoing__carrier", "incoming"), pk=handover_id
    )
    handover = services.handover_step(
        handover=found, step=step, confirmed=payload.confirmed, recorder=request.auth
    )
    return _handover_out(handover)


class AmountOut(BaseModel):
    commodity: str
    amount: str


class GaveOut(BaseModel):
    money: list[AmountOut]
    money_value: str
    hours: str
    time_value: str
    terms: int
    term_days: int
    hosting_days: int
    venue_days: int


class ReceivedOut(BaseModel):
    money: list[AmountOut]
    money_value: str
    services: list[AmountOut] = Field(
        description="What the platform invoiced to it: issued invoices with VAT minus credit notes"
    )
    services_value: str
    documents: int


class ReciprocityOut(BaseModel):
    id: int
    name: str
    slug: str
    currency: str
    gave: GaveOut
    received: ReceivedOut
    given_value: str
    received_value: str
    balance: str
    not_valued: list[str]
    last_term_end: datetime.date | None


def _amounts(totals: dict[str, int]) -> list[AmountOut]:
    return [
        AmountOut(commodity=commodity, amount=amount_text(minor, commodity))
        for commodity, minor in sorted(totals.items())
    ]


def _reciprocity_out(row: Reciprocity) -> ReciprocityOut:
    money = row.currency
    return ReciprocityOut(
        id=row.actor.pk,
        name=row.actor.name,
        slug=row.actor.slug,
        currency=money,
        gave=GaveOut(
            money=_amounts(row.money_given),
            money_value=amount_text(row.money_given_minor, money),
            hours=amount_text(row.hours_given, HOUR),
            time_value=amount_text(row.time_given_minor, money),
            terms=row.terms,
            term_days=row.term_days,
            hosting_days=row.hosting_days,
            venue_days=row.venue_days,
        ),
        received=ReceivedOut(
            money=_amounts(row.money_received),
            money_value=amount_text(row.received_minor, money),
            services=_amounts(row.services_received),
            services_value=amount_text(row.services_received_minor, money),
            documents=row.documents,
        ),
        given_value=amount_text(row.given_minor, money),
        received_value=amount_text(row.received_total_minor, money),
        balance=amount_text(row.balance_minor, money),
        not_valued=sorted(row.unvalued),
        last_term_end=row.last_term_end,
    )


@router.get(
    "/stewardship/reciprocity",
    response=list[ReciprocityOut],
    auth=READ,
    url_name="stewardship_reciprocity",
    summary="Reciprocity: what each organisation gave the platform and received from it",
    description=(
        "One row per organisation that carried a term, gave or received anything, by name. "
        "`gave.money` and `received.money` are per commodity, from the books (posted, not "
        "anonymous); `received.services` is what the platform invoiced to it (issued invoices "
        "with VAT minus credit notes; what it paid for them is in `gave.money`, so a paid "
        "invoice nets to zero); `*_value` are in `currency`, each amount at the books' rate of "
        "its day, hours at the hourly rate; `received_value` is money and services; `balance` "
        "is received minus given; `not_valued` names the commodities with no rate, left out of "
        "the values. Hosting, venues and terms are in days; `documents` counts the visible "
        "documents it wrote, contributed to or produced."
    ),
)
@paginate(Page)
def reciprocity(request):
    return Rows(
        reciprocity_actors(),
        write_page=lambda page: [_reciprocity_out(row) for row in reciprocity_rows(page)],
    )
