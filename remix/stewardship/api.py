"""Stewardship over HTTP: the history of terms (public)."""

import datetime

from ninja import Router
from ninja.pagination import paginate
from pydantic import BaseModel

from remix.api.common import READ, Page, Rows, amount_text
from remix.stewardship import selectors
from remix.stewardship.models import Charge

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
