"""Time and gifts in kind: declared by the giver, then validated or refused by a treasurer."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    Provider,
    Visibility,
)
from remix.contributions.services.common import Giver, gift_description, gift_legs, giver_check
from remix.contributions.services.idempotency import write_once
from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.money import HOUR, Money
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Fund

# The PCG's class 8: an expense and a resource of the same value.
TIME = (chart.VOLUNTEER_EXPENSE, chart.VOLUNTEER_INCOME)
IN_KIND = (chart.IN_KIND_EXPENSE, chart.IN_KIND_INCOME)


def contribution_declare(
    *,
    giver: Giver,
    fund: Fund,
    kind: str,
    amount,
    description: str,
    date: datetime.date | None = None,
    visibility: str = Visibility.PUBLIC,
    commodity: str = "EUR",
    external_key: str | None = None,
    recorder=None,
) -> tuple[Contribution, bool]:
    """Time (in hours) or a gift in kind (at its fair value), given on ``date`` (today when
    left out), waiting for a treasurer.

    A repeated ``external_key`` (an API retry) answers the first declaration unchanged, and one
    sent with another declaration is refused (``idempotency``)."""
    if kind not in (ContributionKind.TIME, ContributionKind.IN_KIND):
        raise ValidationError({"kind": _("Declare time or a gift in kind; money is received.")})
    if kind == ContributionKind.TIME:
        commodity = HOUR
    elif commodity == HOUR:
        raise ValidationError({"commodity": _("A gift in kind is valued in a currency.")})
    minor, commodity = amount_positive(amount, commodity)
    description = (description or "").strip()
    asked = {
        **giver.asked(),
        "kind": kind,
        "fund_id": fund.pk,
        "amount_minor": minor,
        "commodity": commodity,
        "description": description[:300],
        "visibility": visibility,
    }
    if date is not None:
        asked["date"] = date

    def declare() -> Contribution:
        return _declaration_write(
            giver=giver,
            fund=fund,
            kind=kind,
            minor=minor,
            commodity=commodity,
            date=date or timezone.localdate(),
            description=description,
            visibility=visibility,
            external_key=external_key,
            recorder=recorder,
        )

    return write_once(
        Contribution, field="external_key", key=external_key, asked=asked, write=declare
    )


def _declaration_write(
    *, giver, fund, kind, minor, commodity, date, description, visibility, external_key, recorder
) -> Contribution:
    giver_check(giver)
    if not description:
        raise ValidationError({"description": _("Say what was given.")})
    date_check(date)
    if date > timezone.localdate():
        raise ValidationError({"date": _("Declare what was already given.")})
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose how the gift is shown.")})
    contribution = Contribution.objects.create(
        kind=kind,
        status=ContributionStatus.DECLARED,
        user=giver.user,
        actor=giver.actor,
        name=giver.display,
        language=giver.lang,
        fund=fund,
        amount_minor=minor,
        commodity=commodity,
        date=date,
        description=description[:300],
        visibility=visibility,
        provider=Provider.DECLARED,
        external_key=external_key or None,
    )
    audit_record(
        action="funding.contribution.declared",
        recorder=recorder,
        obj=contribution,
        data={"kind": kind, "amount": minor, "commodity": commodity},
    )
    return contribution


def contribution_validate(*, contribution: Contribution, recorder=None) -> Contribution:
    """A treasurer accepts a declaration: one posted transaction, expense and resource alike."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status == ContributionStatus.RECORDED:
            return contribution
        if contribution.status != ContributionStatus.DECLARED:
            raise ValidationError(_("Only a declared contribution is validated."))
        expense, income = TIME if contribution.kind == ContributionKind.TIME else IN_KIND
        label = _("Volunteer time") if contribution.kind == ContributionKind.TIME else _("In kind")
        tx, _new = ledger.transaction_create(
            date=contribution.date,
            description=gift_description(
                label, contribution.name, contribution.visibility, contribution.fund
            ),
            legs=gift_legs(
                expense,
                income,
                contribution.fund,
                Money(contribution.amount_minor, contribution.commodity),
            ),
            anonymous=contribution.visibility != Visibility.PUBLIC,
            external_key=f"contribution:{contribution.pk}",
            post=True,
            recorder=recorder,
        )
        contribution.status, contribution.transaction = ContributionStatus.RECORDED, tx
        contribution.decided_by, contribution.decided_at = as_recorder(recorder), timezone.now()
        contribution.save(update_fields=["status", "transaction", "decided_by", "decided_at"])
        audit_record(action="funding.contribution.validated", recorder=recorder, obj=contribution)
    return contribution


def contribution_refuse(*, contribution: Contribution, reason: str, recorder=None) -> Contribution:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the declaration is refused.")})
    with db.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status != ContributionStatus.DECLARED:
            raise ValidationError(_("Only a declared contribution is refused."))
        contribution.status, contribution.refusal_reason = ContributionStatus.REFUSED, reason[:300]
        contribution.decided_by, contribution.decided_at = as_recorder(recorder), timezone.now()
        contribution.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
        audit_record(
            action="funding.contribution.refused",
            recorder=recorder,
            obj=contribution,
            data={"reason": reason},
        )
    return contribution
