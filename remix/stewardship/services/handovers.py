"""The handover of a charge: proposed by the outgoing carrier, accepted by the incoming one, a
checklist gone through, the balance moved in the books, signed by both. Each step is one
``HandoverEvent`` and one audit event; a step is taken only after the one before it, so the flow
stops anywhere and resumes where it stopped. The last signature ends the outgoing term, opens the
incoming one and moves the steward role, in one database transaction."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remix.accounts.models import Role
from remix.accounts.services import role_grant, role_revoke
from remix.allies.models import Actor
from remix.core.audit import as_recorder, audit_record
from remix.core.permissions import (
    can_handover_accept,
    can_handover_check,
    can_handover_propose,
    can_handover_sign_incoming,
    can_handover_sign_outgoing,
    can_handover_transfer,
    require_recorder,
)
from remix.ledger.models import BankAccount
from remix.ledger.services import bank_account_pass
from remix.stewardship import obligations
from remix.stewardship.models import Charge, Handover, HandoverEvent, Step, Term
from remix.stewardship.selectors import handover_bank_accounts
from remix.stewardship.services.terms import CARRIER_KINDS, term_end, term_open
from remix.stewardship.transfer import balance_transfer

# Who may take each step, one named rule each.
STEP_RULES = {
    Step.ACCEPTED: can_handover_accept,
    Step.CHECKED: can_handover_check,
    Step.TRANSFERRED: can_handover_transfer,
    Step.SIGNED_OUTGOING: can_handover_sign_outgoing,
    Step.DONE: can_handover_sign_incoming,
}


def _event(handover: Handover, step: str, action: str, recorder, data: dict) -> None:
    HandoverEvent.objects.create(handover=handover, step=step, by=as_recorder(recorder), data=data)
    audit_record(action=action, recorder=recorder, obj=handover, data=data)


@transaction.atomic
def handover_propose(
    *,
    term: Term,
    incoming: Actor,
    effective_date: datetime.date,
    incoming_people=(),
    from_account=None,
    to_account=None,
    recorder=None,
    **commitments,
) -> Handover:
    """The outgoing carrier proposes to hand its open term's charge to ``incoming``. For the
    fiscal host's charge, bank accounts left out are the recorded ones: the outgoing carrier's,
    and the one recorded for ``incoming`` (``selectors.handover_bank_accounts``)."""
    if recorder is not None and not can_handover_propose(recorder, term=term):
        raise PermissionDenied
    term = Term.objects.select_for_update().get(pk=term.pk)
    errors = {}
    if not term.is_open:
        errors["term"] = _("This term has ended: there is nothing to hand over.")
    elif Handover.objects.filter(outgoing=term).exists():
        errors["term"] = _("A handover of this term is under way already.")
    if incoming.kind not in CARRIER_KINDS:
        errors["incoming"] = _("A charge is carried by an organisation, not by a person.")
    elif incoming.pk == term.carrier_id:
        errors["incoming"] = _("The incoming carrier must be another organisation.")
    if effective_date <= term.start_date:
        errors["effective_date"] = _(
            "The handover takes effect after the term began (%(start)s)."
        ) % {"start": term.start_date}
    if from_account is None and to_account is None:
        from_account, to_account = handover_bank_accounts(term=term, incoming=incoming)
        if from_account is None or to_account is None:
            from_account = to_account = None
    if not incoming_people:
        errors["incoming_people"] = _("Name at least one person acting for the incoming carrier.")
    if (from_account is None) != (to_account is None) or (
        from_account is not None and from_account.pk == to_account.pk
    ):
        errors["to_account"] = _("Name both bank accounts, the outgoing and the incoming one.")
    elif to_account is not None and _held_by_another(to_account, incoming):
        errors["to_account"] = _("This bank account is recorded for another organisation.")
    if errors:
        raise ValidationError(errors)
    handover = Handover.objects.create(
        outgoing=term,
        incoming=incoming,
        effective_date=effective_date,
        from_account=from_account,
        to_account=to_account,
        **commitments,
    )
    handover.incoming_people.set(incoming_people)
    _event(
        handover,
        Step.PROPOSED,
        "stewardship.handover.proposed",
        recorder,
        {
            "charge": term.charge,
            "outgoing": term.carrier_id,
            "incoming": incoming.pk,
            "effective_date": str(effective_date),
            "incoming_people": sorted(person.pk for person in incoming_people),
        },
    )
    return handover


def _held_by_another(account, holder) -> bool:
    return BankAccount.objects.filter(account=account).exclude(holder=holder).exists()


def _checklist(confirmed) -> dict:
    missing = sorted(set(obligations.MANUAL) - set(confirmed))
    if missing:
        raise ValidationError(
            {
                "confirmed": _("Confirm every item of the checklist: %(missing)s.")
                % {"missing": ", ".join(missing)}
            }
        )
    listed = obligations.open_obligations()
    return {
        "confirmed": sorted(obligations.MANUAL),
        "obligations": {item.kind: {"count": item.count, "items": item.items} for item in listed},
    }


def _bank_account_pass(handover: Handover, recorder) -> dict:
    """For the fiscal host's charge: gifts by transfer are expected on the incoming carrier's
    account from the day the handover takes effect."""
    if handover.outgoing.charge != Charge.FISCAL_HOST or not handover.to_account_id:
        return {}
    return bank_account_pass(
        from_account=handover.from_account,
        to_account=handover.to_account,
        holder=handover.incoming,
        on=handover.effective_date,
        recorder=recorder,
    )


def _complete(handover: Handover, recorder) -> dict:
    """The outgoing term ends the day before the handover takes effect, the incoming one opens
    on it, the steward role moves (the outgoing people lose it unless they still act for
    another open term), and for the fiscal host's charge the incoming bank account is held from
    that day: all or nothing (the caller's transaction)."""
    outgoing = handover.outgoing
    leaving = set(outgoing.people.all())
    arriving = set(handover.incoming_people.all())
    term_end(term=outgoing, end_date=handover.effective_date - datetime.timedelta(days=1))
    incoming_term = term_open(
        charge=outgoing.charge,
        carrier=handover.incoming,
        start_date=handover.effective_date,
        hours_per_month=handover.hours_per_month,
        money_minor=handover.money_minor,
        commodity=handover.commodity,
        hosting=handover.hosting,
        venue=handover.venue,
        people=sorted(arriving, key=lambda user: user.pk),
    )
    handover.incoming_term = incoming_term
    banks = _bank_account_pass(handover, recorder)
    # Who still acts for another open term keeps the role that term gives.
    staying = set(
        Term.objects.filter(end_date__isnull=True, people__in=leaving).values_list(
            "people", flat=True
        )
    )
    losing = sorted(
        (person for person in leaving - arriving if person.pk not in staying),
        key=lambda user: user.pk,
    )
    # The platform moves the roles, on the signatures the handover's events record.
    for person in losing:
        role_revoke(user=person, role=Role.STEWARD, recorder=None)
    for person in sorted(arriving, key=lambda user: user.pk):
        role_grant(user=person, role=Role.STEWARD, recorder=None)
    return {
        "ended": outgoing.pk,
        "opened": incoming_term.pk,
        "stewards_leaving": [person.pk for person in losing],
        "stewards_arriving": sorted(person.pk for person in arriving),
        **({"bank_accounts": banks} if banks else {}),
    }


@transaction.atomic
def handover_step(
    *, handover: Handover, step: str, recorder=None, confirmed=(), on=None
) -> Handover:
    """Take the next step of a handover; a step out of order is refused and says which comes
    next. ``confirmed`` is the checklist's items, ``on`` the date of the balance transfer."""
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if step not in STEP_RULES:
        raise ValidationError(
            {"step": _("Unknown step: %(step)s.") % {"step": step}}, code="step_unknown"
        )
    expected = handover.next_step
    if step != expected:
        message = (
            _("This handover is done: it has no step left.")
            if expected is None
            else _("This step cannot be taken now: the next one is “%(next)s”.")
            % {"next": Step(expected).label}
        )
        raise ValidationError({"step": message}, code="step_out_of_order")
    require_recorder(STEP_RULES[step], recorder, handover=handover)
    data = {}
    if step == Step.ACCEPTED:
        action = "stewardship.handover.accepted"
    elif step == Step.CHECKED:
        action = "stewardship.handover.checked"
        data = _checklist(confirmed)
    elif step == Step.TRANSFERRED:
        action = "stewardship.handover.transferred"
        data = balance_transfer(
            handover=handover, on=on or handover.effective_date, recorder=recorder
        )
    elif step == Step.SIGNED_OUTGOING:
        action = "stewardship.handover.signed_outgoing"
    else:
        action = "stewardship.handover.done"
        data = _complete(handover, recorder)
    handover.step = step
    handover.save(update_fields=["step", "incoming_term"])
    _event(handover, step, action, recorder, data)
    return handover
