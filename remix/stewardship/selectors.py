"""Reads of stewardship: the history of terms, the handovers, and the rotation suggestion among
the volunteers for a next term, shared by the page and the API."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from remix.accounts.models import User
from remix.ledger.models import BankAccount
from remix.ledger.selectors import bank_accounts_of
from remix.stewardship.models import Charge, Handover, HandoverEvent, Step, Term, Volunteer
from remix.stewardship.reciprocity import Reciprocity, reciprocity_rows
from remix.stewardship.rotation import Candidate, days_since, rotation_rank


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


def handovers_list() -> QuerySet[Handover]:
    """Handovers, newest first, with what their pages and the history show."""
    return Handover.objects.select_related(
        "outgoing__carrier", "incoming", "from_account", "to_account", "incoming_term"
    ).prefetch_related("events__by")


def terms_handed_over_by(user) -> QuerySet[Term]:
    """The open terms ``user`` acts for and that no handover has started on."""
    terms = Term.objects.filter(end_date__isnull=True, handover__isnull=True)
    if not user.is_superuser:
        terms = terms.filter(people=user)
    return terms.select_related("carrier").order_by("charge")


@dataclass(frozen=True)
class StepRow:
    step: str
    label: str
    event: HandoverEvent | None


def handover_steps(handover: Handover) -> list[StepRow]:
    """Every step in order, with its event when it was taken."""
    taken = {event.step: event for event in handover.events.all()}
    return [StepRow(step.value, str(step.label), taken.get(step.value)) for step in Step]


def handover_bank_accounts(*, term: Term, incoming=None) -> tuple:
    """The bank accounts of the books a handover of ``term`` moves money between, as recorded:
    the one its carrier holds, and one recorded for ``incoming`` and not yet held (any
    recorded one for ``incoming`` left out). ``(None, None)`` for a charge other than the fiscal
    host's; either is None when not recorded."""
    if term.charge != Charge.FISCAL_HOST:
        return None, None
    held = [bank for bank in bank_accounts_of(term.carrier) if bank.held_from is not None]
    waiting = BankAccount.objects.select_related("account").filter(
        held_from__isnull=True, held_until__isnull=True
    )
    if incoming is not None:
        waiting = waiting.filter(holder=incoming)
    waiting = list(waiting.order_by("-pk")[:2])
    return (
        held[0].account if held else None,
        waiting[0].account if len(waiting) == 1 else None,
    )


def handover_accounts_shown(handover: Handover) -> list[tuple[str, object, object]]:
    """The two accounts of the books a handover moves the balance between, each with what is
    recorded of it at the bank (``BankAccount`` or None): ``[(side, account, bank)]``, side
    ``outgoing`` or ``incoming``; one query."""
    pairs = [("outgoing", handover.from_account), ("incoming", handover.to_account)]
    pairs = [(role, account) for role, account in pairs if account is not None]
    banks = {
        bank.account_id: bank
        for bank in BankAccount.objects.select_related("holder").filter(
            account__in=[account for _role, account in pairs]
        )
    }
    return [(role, account, banks.get(account.pk)) for role, account in pairs]


def handover_transfer_preview(handover: Handover) -> dict[str, int]:
    """What the balance transfer moves (or moved), per commodity: the outgoing account's
    balance on the day the handover takes effect."""
    from remix.stewardship.transfer import account_balances

    if handover.from_account is None:
        return {}
    balances = account_balances(account=handover.from_account, on=handover.effective_date)
    return {commodity: sum(total for _f, total in rows) for commodity, rows in balances.items()}


@dataclass(frozen=True)
class Suggested:
    volunteer: Volunteer
    reciprocity: Reciprocity
    days_since_last_term: int | None


@dataclass(frozen=True)
class ChargeSuggestion:
    charge: str
    label: str
    ranked: list[Suggested]


def volunteers_open() -> QuerySet[Volunteer]:
    """The offers not withdrawn, with their organisation and who recorded them."""
    return Volunteer.objects.filter(withdrawn_at__isnull=True).select_related(
        "actor", "recorded_by"
    )


def rotation_suggestions(*, today: datetime.date | None = None) -> list[ChargeSuggestion]:
    """Per charge with volunteers, in the charges' order: the volunteers ranked by the rotation
    rule (``rotation.py``), each with its reciprocity. A fixed number of queries."""
    today = today or timezone.localdate()
    volunteers = list(volunteers_open())
    actors = {volunteer.actor.pk: volunteer.actor for volunteer in volunteers}
    rows = {row.actor.pk: row for row in reciprocity_rows(actors.values(), today=today)}
    suggestions = []
    for charge in Charge:
        offers = {v.actor.pk: v for v in volunteers if v.charge == charge.value}
        if not offers:
            continue
        candidates = [
            Candidate(
                key=pk,
                name=offer.actor.name,
                last_term_end=rows[pk].last_term_end,
                balance_minor=rows[pk].balance_minor,
            )
            for pk, offer in offers.items()
        ]
        ranked = [
            Suggested(
                volunteer=offers[candidate.key],
                reciprocity=rows[candidate.key],
                days_since_last_term=days_since(candidate.last_term_end, today),
            )
            for candidate in rotation_rank(candidates)
        ]
        suggestions.append(ChargeSuggestion(charge.value, str(charge.label), ranked))
    return suggestions


def terms_acted_for(*, user) -> QuerySet[Term]:
    """The terms ``user`` acted for, ended ones included, newest first, with their carrier."""
    return (
        Term.objects.filter(people=user)
        .select_related("carrier")
        .order_by("-start_date", "charge", "-pk")
    )


def handovers_taken_part_in(*, user) -> QuerySet[Handover]:
    """The handovers ``user`` took part in: acting for the outgoing term, named for the incoming
    carrier, or having taken one of their steps; newest first, in one query."""
    incoming = Handover.incoming_people.through.objects.filter(user=user).values("handover_id")
    stepped = HandoverEvent.objects.filter(by=user).values("handover_id")
    return (
        Handover.objects.filter(
            Q(outgoing__in=Term.objects.filter(people=user).values("pk"))
            | Q(pk__in=incoming)
            | Q(pk__in=stepped)
        )
        .select_related("outgoing__carrier", "incoming")
        .order_by("-created_at", "-pk")
    )
