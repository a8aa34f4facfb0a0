"""Every write about stewardship terms: opened (or recorded whole, for a past carrier) and ended
once. A term is never edited otherwise: a correction is a new term."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from remix.allies.models import Actor, ActorKind
from remix.core.audit import audit_record
from remix.core.money import commodity_check
from remix.core.permissions import can_record_stewardship, require_recorder
from remix.stewardship.models import Charge, Term

# A charge is carried by a body that can sign for it, never by one person alone.
CARRIER_KINDS = frozenset(ActorKind.values) - {ActorKind.PERSON}


def _term_check(*, charge, carrier: Actor, start_date, end_date, money_minor: int) -> None:
    errors = {}
    if charge not in Charge.values:
        errors["charge"] = _("Unknown charge: %(charge)s.") % {"charge": charge}
    if carrier.kind not in CARRIER_KINDS:
        errors["carrier"] = _("A charge is carried by an organisation, not by a person.")
    if end_date is not None and end_date < start_date:
        errors["end_date"] = _("A term cannot end before it starts (%(start)s).") % {
            "start": start_date
        }
    if money_minor < 0:
        errors["money_minor"] = _("A commitment in money cannot be negative.")
    if errors:
        raise ValidationError(errors)


def _overlap_check(*, charge, start_date, end_date) -> None:
    """Terms of one charge follow each other: none overlaps another (the one open term aside,
    which the database refuses on its own)."""
    # Locks the charge's terms: two recordings of one charge wait for each other.
    terms = Term.objects.select_for_update().filter(charge=charge)
    overlapping = terms.filter(Q(end_date__isnull=True) | Q(end_date__gt=start_date))
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lt=end_date)
    if end_date is None and terms.filter(end_date__isnull=True).exists():
        raise ValidationError(
            {"charge": _("This charge is carried already: a handover passes it on.")},
            code="charge_carried",
        )
    if overlapping.exists():
        raise ValidationError(
            {"start_date": _("Another term of this charge covers these dates.")},
            code="terms_overlap",
        )


@transaction.atomic
def term_open(
    *,
    charge: str,
    carrier: Actor,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    hours_per_month: int = 0,
    money_minor: int = 0,
    commodity: str = "EUR",
    hosting: str = "",
    venue: str = "",
    people=(),
    recorder=None,
) -> Term:
    """Record a term: open (``end_date`` None) when nobody carries the charge, or whole for a
    past carrier. Refused when it overlaps another term of the same charge."""
    require_recorder(can_record_stewardship, recorder)
    _term_check(
        charge=charge,
        carrier=carrier,
        start_date=start_date,
        end_date=end_date,
        money_minor=money_minor,
    )
    _overlap_check(charge=charge, start_date=start_date, end_date=end_date)
    term = Term.objects.create(
        charge=charge,
        carrier=carrier,
        start_date=start_date,
        end_date=end_date,
        hours_per_month=hours_per_month,
        money_minor=money_minor,
        commodity=commodity_check(commodity),
        hosting=hosting,
        venue=venue,
        created_by=recorder if recorder is not None and recorder.is_authenticated else None,
    )
    term.people.set(people)
    audit_record(
        action="stewardship.term.opened",
        recorder=recorder,
        obj=term,
        data={
            "charge": charge,
            "carrier": carrier.pk,
            "start_date": str(start_date),
            "end_date": str(end_date) if end_date else None,
            "people": sorted(person.pk for person in people),
        },
    )
    return term


@transaction.atomic
def term_end(*, term: Term, end_date: datetime.date, recorder=None) -> Term:
    """End an open term (once: a term's end is never moved). Handovers call it."""
    require_recorder(can_record_stewardship, recorder)
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.end_date is not None:
        raise ValidationError(
            _("This term ended already (%(end)s).") % {"end": term.end_date}, code="term_ended"
        )
    if end_date < term.start_date:
        raise ValidationError(
            _("A term cannot end before it starts (%(start)s).") % {"start": term.start_date},
            code="end_before_start",
        )
    term.end_date = end_date
    term.save(update_fields=["end_date"])
    audit_record(
        action="stewardship.term.ended",
        recorder=recorder,
        obj=term,
        data={"end_date": str(end_date)},
    )
    return term
