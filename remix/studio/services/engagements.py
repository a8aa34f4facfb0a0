"""An engagement's people and their time: who works on it and the days planned, the hours each
declares, and a treasurer's decision on each declaration.

A validated declaration posts its value at the engagement's agreed daily rate, in the
engagement's fund, as the PCG's class 8 records volunteer work: ``Expenses:Volunteering`` (864,
personnel bénévole) against ``Income:Community:Time`` (875, bénévolat). The two legs are equal,
so the year's result is unchanged while the study's real cost is in the books, beside the
volunteer hours; the people are paid, if at all, when the office shares its income, which posts
its own payouts."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.money import Money
from remix.core.permissions import (
    can_declare_engagement_time,
    can_keep_books,
    can_record_engagement_people,
    require,
    require_recorder,
)
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Account
from remix.studio.models import Engagement, EngagementPerson, TimeDeclaration, TimeStatus
from remix.studio.pricing import time_value

TIME_ACCOUNTS = (chart.VOLUNTEER_EXPENSE, chart.VOLUNTEER_INCOME)


def _decimal(value, field: str, message: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: message}) from None
    if not number.is_finite() or number != number.quantize(Decimal("0.01")):
        raise ValidationError({field: message})
    return number


def engagement_person_record(
    *, engagement: Engagement, user, planned_days, recorder=None
) -> EngagementPerson:
    """``user`` works on ``engagement``, with ``planned_days`` planned; recording them again
    changes the days planned."""
    require_recorder(can_record_engagement_people, recorder)
    message = _("Planned days are zero or more, with at most two decimals.")
    days = _decimal(planned_days, "planned_days", message)
    if days < 0:
        raise ValidationError({"planned_days": message})
    if not (user.is_active and user.is_authenticated):
        raise ValidationError({"user": _("Only an active member works on an engagement.")})
    with db.atomic():
        person, created = EngagementPerson.objects.update_or_create(
            engagement=engagement, user=user, defaults={"planned_days": days}
        )
        audit_record(
            action="studio.engagement.person_recorded",
            recorder=recorder,
            obj=engagement,
            data={"user": user.pk, "planned_days": str(days), "added": created},
        )
    return person


def time_declare(
    *,
    engagement: Engagement,
    user,
    date: datetime.date,
    hours,
    description: str,
    recorder=None,
) -> TimeDeclaration:
    """Hours ``user`` worked on ``engagement`` on ``date``, waiting for a treasurer. A person
    declares their own time (``recorder`` is ``user``; ``None`` is the platform)."""
    if recorder is not None:
        if recorder.pk != user.pk:
            raise ValidationError({"user": _("Each person declares their own time.")})
        require(can_declare_engagement_time, recorder, engagement=engagement)
    elif not engagement.people.filter(user_id=user.pk).exists():
        raise ValidationError({"user": _("This person does not work on the engagement.")})
    message = _("Hours are above zero and at most 24, with at most two decimals.")
    hours = _decimal(hours, "hours", message)
    if not Decimal(0) < hours <= 24:
        raise ValidationError({"hours": message})
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what was done.")})
    date_check(date)
    if date > timezone.localdate():
        raise ValidationError({"date": _("Declare time already worked.")})
    with db.atomic():
        declared = TimeDeclaration.objects.create(
            engagement=engagement,
            user=user,
            date=date,
            hours=hours,
            description=description[:300],
        )
        audit_record(
            action="studio.time.declared",
            recorder=recorder,
            obj=declared,
            data={"engagement": engagement.pk, "hours": str(hours)},
        )
    return declared


def _time_legs(declared: TimeDeclaration, value: int) -> list:
    engagement = declared.engagement
    expense, income = (Account.objects.get(code=code) for code in TIME_ACCOUNTS)
    money = Money(value, engagement.commodity)
    return [
        ledger.Leg(expense, engagement.fund, money),
        ledger.Leg(income, engagement.fund, -money),
    ]


def time_validate(*, declared: TimeDeclaration, recorder=None) -> TimeDeclaration:
    """A treasurer accepts a declaration: its hours valued at the engagement's agreed daily rate
    post to the books; validating it again changes nothing."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        declared = (
            TimeDeclaration.objects.select_for_update()
            .select_related("engagement__quote", "engagement__fund", "user")
            .get(pk=declared.pk)
        )
        if declared.status == TimeStatus.VALIDATED:
            return declared
        if declared.status != TimeStatus.DECLARED:
            raise ValidationError(_("Only declared time is validated."))
        engagement = declared.engagement
        value = time_value(declared.hours, engagement.day_rate_minor)
        tx, _new = ledger.transaction_create(
            date=declared.date,
            # The public books name the person, as volunteer time does, and not the quote nor
            # the client's business, which stay private.
            description=f"{_('Study office time')} · {declared.user.public_name}",
            legs=_time_legs(declared, value),
            counterparty=None,
            external_key=f"studio-time:{declared.pk}",
            post=True,
            recorder=recorder,
        )
        declared.status, declared.transaction, declared.value_minor = (
            TimeStatus.VALIDATED,
            tx,
            value,
        )
        declared.decided_by, declared.decided_at = as_recorder(recorder), timezone.now()
        declared.save(
            update_fields=["status", "transaction", "value_minor", "decided_by", "decided_at"]
        )
        audit_record(
            action="studio.time.validated",
            recorder=recorder,
            obj=declared,
            data={"value": value, "transaction": tx.pk},
        )
    return declared


def time_refuse(*, declared: TimeDeclaration, reason: str, recorder=None) -> TimeDeclaration:
    """A treasurer refuses a declaration, saying why; nothing is posted."""
    require_recorder(can_keep_books, recorder)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the declaration is refused.")})
    with db.atomic():
        declared = TimeDeclaration.objects.select_for_update().get(pk=declared.pk)
        if declared.status != TimeStatus.DECLARED:
            raise ValidationError(_("Only declared time is refused."))
        declared.status, declared.refusal_reason = TimeStatus.REFUSED, reason[:300]
        declared.decided_by, declared.decided_at = as_recorder(recorder), timezone.now()
        declared.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
        audit_record(
            action="studio.time.refused", recorder=recorder, obj=declared, data={"reason": reason}
        )
    return declared
