"""Pledges: promised to a fund, a campaign or a round's project, then paused, resumed or
cancelled by their giver."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions.models import (
    Campaign,
    Frequency,
    Pledge,
    PledgePause,
    PledgeStatus,
    RoundProject,
    Tier,
    Visibility,
)
from remix.contributions.references import reference_make
from remix.contributions.services.campaigns import campaign_pledge_check
from remix.contributions.services.ceilings import ceiling_check
from remix.contributions.services.common import Giver, giver_check
from remix.contributions.services.idempotency import write_once
from remix.contributions.services.rounds import round_gift_check
from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check, dates_check
from remix.core.money import HOUR
from remix.ledger.models import Fund


def _reference_new() -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        body = "RMX" + "".join(secrets.choice(alphabet) for _i in range(8))
        reference = reference_make(body)
        if not Pledge.objects.filter(reference=reference).exists():
            return reference


@dataclass(frozen=True)
class _Promise:
    """What a giver asks to promise, its amount read."""

    giver: Giver
    fund: Fund
    minor: int
    commodity: str
    frequency: str
    start: datetime.date | None
    end: datetime.date | None
    visibility: str
    campaign: Campaign | None
    tier: Tier | None
    round_project: RoundProject | None

    def asked(self) -> dict:
        """The pledge's fields as a repeated key compares them (``idempotency``)."""
        owner = self.campaign or self.round_project
        asked = {
            **self.giver.asked(),
            "fund_id": owner.fund_id if owner is not None else self.fund.pk,
            "campaign_id": getattr(self.campaign, "pk", None),
            "tier_id": getattr(self.tier, "pk", None),
            "round_project_id": getattr(self.round_project, "pk", None),
            "amount_minor": self.minor,
            "commodity": self.commodity,
            "frequency": self.frequency,
            "end": self.end,
            "visibility": self.visibility,
        }
        if self.start is not None:
            asked["start"] = self.start
        return asked


def pledge_create(
    *,
    fund: Fund,
    amount,
    commodity: str = "EUR",
    frequency: str = Frequency.ONCE,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    visibility: str = Visibility.PUBLIC,
    giver: Giver,
    campaign: Campaign | None = None,
    tier: Tier | None = None,
    round_project: RoundProject | None = None,
    idempotency_key: str | None = None,
    recorder=None,
) -> tuple[Pledge, bool]:
    """A promise to give, from ``start`` (today when left out); a repeated ``idempotency_key``
    answers the first one unchanged, and one sent with another promise is refused
    (``idempotency``)."""
    minor, commodity = amount_positive(amount, commodity)
    promise = _Promise(
        giver=giver,
        fund=fund,
        minor=minor,
        commodity=commodity,
        frequency=frequency,
        start=start,
        end=end,
        visibility=visibility,
        campaign=campaign,
        tier=tier,
        round_project=round_project,
    )
    return write_once(
        Pledge,
        field="idempotency_key",
        key=idempotency_key,
        asked=promise.asked(),
        write=lambda: _pledge_write(promise, key=idempotency_key, recorder=recorder),
    )


def _pledge_check(promise: _Promise, today: datetime.date) -> datetime.date:
    """A promise's own rules, before anything is locked; the day it starts."""
    giver_check(promise.giver)
    if promise.commodity == HOUR:
        raise ValidationError({"commodity": _("Time is declared, not pledged.")})
    if promise.frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose once, monthly, quarterly or yearly.")})
    if promise.visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose how the gift is shown.")})
    if not promise.fund.active:
        raise ValidationError({"fund": _("This fund no longer takes gifts.")})
    start = promise.start or today
    dates_check(start=start, end=promise.end)
    if promise.end is not None and promise.end < start:
        raise ValidationError({"end": _("A pledge ends after it starts.")})
    if promise.campaign is not None and promise.frequency != Frequency.ONCE:
        raise ValidationError({"frequency": _("A campaign takes one-time pledges.")})
    if promise.round_project is not None:
        round_gift_check(
            round_project=promise.round_project,
            giver=promise.giver,
            on=start,
            commodity=promise.commodity,
        )
    return start


def _campaign_unit_take(promise: _Promise, today: datetime.date) -> Campaign:
    """Under the campaign's lock: its rules checked again, and one unit of the tier taken."""
    campaign = Campaign.objects.select_for_update().get(pk=promise.campaign.pk)
    campaign_pledge_check(campaign, promise.tier, promise.minor, promise.commodity, today)
    if promise.tier is not None:
        # Lock and re-check in one statement: the row only moves while a unit is left.
        room = Tier.objects.filter(Q(quantity__isnull=True) | Q(taken__lt=F("quantity")))
        if not room.filter(pk=promise.tier.pk).update(taken=F("taken") + 1):
            raise ValidationError({"tier": _("This counterpart is no longer available.")})
    return campaign


def _pledge_write(promise: _Promise, *, key: str | None, recorder) -> Pledge:
    today = timezone.localdate()
    start = _pledge_check(promise, today)
    fund, campaign = promise.fund, promise.campaign
    if promise.round_project is not None:
        fund = promise.round_project.fund
    with db.atomic():
        if campaign is not None:
            campaign = _campaign_unit_take(promise, today)
            fund = campaign.fund
        ceiling_check(
            giver=promise.giver,
            fund=fund,
            minor=promise.minor,
            commodity=promise.commodity,
            frequency=promise.frequency,
            on=start,
        )
        pledge = Pledge.objects.create(
            reference=_reference_new(),
            user=promise.giver.user,
            actor=promise.giver.actor,
            name=promise.giver.display,
            language=promise.giver.lang,
            fund=fund,
            campaign=campaign,
            tier=promise.tier,
            round_project=promise.round_project,
            amount_minor=promise.minor,
            commodity=promise.commodity,
            frequency=promise.frequency,
            start=start,
            end=promise.end,
            visibility=promise.visibility,
            idempotency_key=key or None,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="funding.pledge.created",
            recorder=recorder,
            obj=pledge,
            data={
                "fund": fund.slug,
                "amount": promise.minor,
                "commodity": promise.commodity,
                "every": promise.frequency,
            },
        )
    return pledge


def pledge_pause(
    *, pledge: Pledge, start: datetime.date, end: datetime.date | None = None, recorder=None
) -> PledgePause:
    if not pledge.is_recurring:
        raise ValidationError(_("Only a recurring pledge is paused."))
    dates_check(start=start, end=end)
    if end is not None and end < start:
        raise ValidationError({"end": _("A pause ends after it starts.")})
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.status != PledgeStatus.ACTIVE:
            raise ValidationError(_("This pledge is no longer running."))
        if pledge.pauses.filter(end__isnull=True).exists():
            raise ValidationError(_("This pledge is already paused."))
        pause = PledgePause.objects.create(pledge=pledge, start=start, end=end)
        audit_record(
            action="funding.pledge.paused",
            recorder=recorder,
            obj=pledge,
            data={"from": str(start), "until": str(end) if end else None},
        )
    return pause


def pledge_resume(*, pledge: Pledge, on: datetime.date, recorder=None) -> Pledge:
    """An open pause ends the day before ``on``."""
    date_check(on, field="on")
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        pause = pledge.pauses.filter(end__isnull=True).first()
        if pause is None:
            raise ValidationError(_("This pledge is not paused."))
        pause.end = max(pause.start, on - datetime.timedelta(days=1))
        pause.save(update_fields=["end"])
        audit_record(
            action="funding.pledge.resumed", recorder=recorder, obj=pledge, data={"on": str(on)}
        )
    return pledge


def pledge_cancel(*, pledge: Pledge, on: datetime.date | None = None, recorder=None) -> Pledge:
    """Nothing falls due from ``on``; a campaign pledge gives its counterpart back."""
    on = on or timezone.localdate()
    date_check(on, field="on")
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.status != PledgeStatus.ACTIVE:
            raise ValidationError(_("This pledge is no longer running."))
        if pledge.campaign_id and not Campaign.objects.get(pk=pledge.campaign_id).is_open:
            raise ValidationError(_("The campaign is closed: its pledges no longer change."))
        pledge.status, pledge.cancelled_on = PledgeStatus.CANCELLED, max(on, pledge.start)
        pledge.save(update_fields=["status", "cancelled_on"])
        if pledge.tier_id:
            Tier.objects.filter(pk=pledge.tier_id, taken__gt=0).update(taken=F("taken") - 1)
        audit_record(
            action="funding.pledge.cancelled", recorder=recorder, obj=pledge, data={"on": str(on)}
        )
    return pledge
