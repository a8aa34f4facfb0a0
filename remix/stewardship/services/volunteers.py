"""Every write about volunteering for a charge's next term: recorded, then withdrawn at most
once. An offer is never edited or deleted: a new note is a new offer after a withdrawal."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.allies.models import Actor
from remix.core.audit import audit_record
from remix.core.permissions import can_record_volunteer, require_recorder
from remix.stewardship.models import Charge, Volunteer
from remix.stewardship.services.terms import CARRIER_KINDS


def _volunteer_check(*, actor: Actor, charge: str) -> None:
    errors = {}
    if charge not in Charge.values:
        errors["charge"] = _("Unknown charge: %(charge)s.") % {"charge": charge}
    if actor.kind not in CARRIER_KINDS:
        errors["actor"] = _("A charge is carried by an organisation, not by a person.")
    if errors:
        raise ValidationError(errors)


def _recorder_or_none(recorder):
    return recorder if recorder is not None and recorder.is_authenticated else None


@transaction.atomic
def volunteer_record(*, actor: Actor, charge: str, note: str = "", recorder=None) -> Volunteer:
    """Record that ``actor`` volunteers for ``charge``'s next term; refused while it has an offer
    for that charge not withdrawn (``volunteer_once_per_charge``)."""
    require_recorder(can_record_volunteer, recorder)
    _volunteer_check(actor=actor, charge=charge)
    already = _("%(actor)s has volunteered for this charge already.") % {"actor": actor.name}
    if Volunteer.objects.filter(actor=actor, charge=charge, withdrawn_at__isnull=True).exists():
        raise ValidationError({"actor": already}, code="volunteered")
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                actor=actor,
                charge=charge,
                note=note.strip(),
                recorded_by=_recorder_or_none(recorder),
            )
    except IntegrityError:  # the same offer recorded at the same moment by someone else
        raise ValidationError({"actor": already}, code="volunteered") from None
    audit_record(
        action="stewardship.volunteer.recorded",
        recorder=recorder,
        obj=volunteer,
        data={"actor": actor.pk, "charge": charge, "note": volunteer.note},
    )
    return volunteer


@transaction.atomic
def volunteer_withdraw(*, volunteer: Volunteer, recorder=None) -> Volunteer:
    """Withdraw an offer (once)."""
    require_recorder(can_record_volunteer, recorder)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.withdrawn_at is not None:
        raise ValidationError(_("This offer was withdrawn already."), code="withdrawn")
    volunteer.withdrawn_at = timezone.now()
    volunteer.withdrawn_by = _recorder_or_none(recorder)
    volunteer.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(action="stewardship.volunteer.withdrawn", recorder=recorder, obj=volunteer)
    return volunteer
