"""Reads of stewardship: the history of terms, shared by the page and the API."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from remix.accounts.models import User
from remix.stewardship.models import Charge, Term


def terms_history(*, charge: str = "") -> QuerySet[Term]:
    """Every term, by charge then by start: the carrier and the people read in a fixed number of
    queries whatever the length of the history."""
    terms = Term.objects.select_related("carrier").prefetch_related(
        Prefetch("people", queryset=User.objects.order_by("username"))
    )
    if charge:
        terms = terms.filter(charge=charge)
    return terms.order_by("charge", "start_date", "pk")


@dataclass(frozen=True)
class ChargeHistory:
    charge: str
    label: str
    terms: list[Term]

    @property
    def current(self) -> Term | None:
        return next((term for term in self.terms if term.is_open), None)


def charges_history(terms: Iterable[Term]) -> list[ChargeHistory]:
    """The terms grouped per charge, in the charges' own order, the newest term first; a charge
    nobody has carried yet is listed with no term."""
    by_charge: dict[str, list[Term]] = {charge: [] for charge in Charge.values}
    for term in terms:
        by_charge[term.charge].append(term)
    return [
        ChargeHistory(
            charge=charge.value,
            label=str(charge.label),
            terms=sorted(by_charge[charge.value], key=lambda t: (t.start_date, t.pk), reverse=True),
        )
        for charge in Charge
    ]
