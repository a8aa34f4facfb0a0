"""Pledges as their givers, the treasurers and the API read them: by reference, listed, and what
fell due against what was received."""

import datetime

from django.db.models import Prefetch

from remix.contributions import schedule
from remix.contributions.models import Contribution, ContributionStatus, Pledge, PledgeStatus
from remix.contributions.references import reference_body, reference_make
from remix.ledger.models import Fund

# Pledges that still stand: running, or owed after a campaign reached its goal.
STANDING = (PledgeStatus.ACTIVE, PledgeStatus.RECEIVABLE)


def pledge_schedule(pledge: Pledge) -> schedule.Schedule:
    return schedule.Schedule(
        start=pledge.start,
        frequency=schedule.Frequency(pledge.frequency),
        amount=pledge.amount_minor,
        end=pledge.end,
        cancelled_on=pledge.cancelled_on,
        pauses=tuple((pause.start, pause.end) for pause in pledge.pauses.all()),
    )


def pledge_reconciliation(*, pledge: Pledge, today: datetime.date) -> schedule.Reconciliation:
    """Scheduled against received for a pledge; a campaign pledge falls due when it closed. The
    payments are read from those ``pledges_with_payments`` fetched, if they were."""
    if hasattr(pledge, "recorded_payments"):
        payments = [payment.amount_minor for payment in pledge.recorded_payments]
    else:
        payments = list(
            _recorded(pledge.contributions.all()).values_list("amount_minor", flat=True)
        )
    if pledge.campaign_id:
        if pledge.status != PledgeStatus.RECEIVABLE:
            return schedule.Reconciliation(instalments=(), received=sum(payments), advance=0)
        closed = pledge.receivable.date if pledge.receivable_id else today
        plan = schedule.Schedule(
            start=closed, frequency=schedule.Frequency.ONCE, amount=pledge.amount_minor
        )
        return schedule.reconcile(plan, payments, today=today)
    return schedule.reconcile(pledge_schedule(pledge), payments, today=today)


def _recorded(contributions):
    return contributions.filter(status=ContributionStatus.RECORDED).order_by("date", "pk")


def pledges_with_payments(pledges):
    """Pledges with what their reconciliation reads, in a fixed number of queries: their
    recorded payments and, for a campaign's, the receivable it became."""
    payments = _recorded(Contribution.objects.only("pk", "pledge_id", "amount_minor"))
    return pledges.select_related("receivable").prefetch_related(
        Prefetch("contributions", queryset=payments, to_attr="recorded_payments")
    )


def pledges_of(*, user):
    return (
        Pledge.objects.filter(user=user)
        .select_related("fund", "campaign", "round_project__round")
        .prefetch_related("pauses")
    )


def pledge_by_reference(text: str, *, standing: bool = False) -> Pledge | None:
    """The pledge an RF reference names, as a giver types it (grouped by four or compact, in any
    case); with ``standing``, only while it still stands."""
    body = reference_body(text)
    if body is None:
        return None
    pledges = Pledge.objects.select_related("fund", "campaign", "tier", "round_project__round")
    if standing:
        pledges = pledges.filter(status__in=STANDING)
    return pledges.filter(reference=reference_make(body)).first()


def pledge_is_paused(pledge: Pledge) -> bool:
    """Paused now: a pause without an end (read from the pauses already fetched, if they were)."""
    return any(pause.end is None for pause in pledge.pauses.all())


def pledges_listed():
    """Pledges with what a list of them shows (fund, round project, pauses)."""
    return Pledge.objects.select_related("fund", "round_project").prefetch_related("pauses")


def pledges_for(
    *, user, everyone: bool = False, fund: Fund | None = None, status: str | None = None
):
    """A giver's pledges, or with ``everyone`` every giver's (the caller asks a treasurer's
    right), newest first; ``fund`` and ``status`` keep those."""
    pledges = pledges_with_payments(pledges_listed() if everyone else pledges_of(user=user))
    if fund is not None:
        pledges = pledges.filter(fund=fund)
    if status:
        pledges = pledges.filter(status=status)
    return pledges.order_by("-created_at", "-id")


def pledge_same(
    *,
    user,
    fund,
    minor: int,
    commodity: str,
    tier=None,
    frequency: str | None = None,
    key: str | None = None,
) -> Pledge | None:
    """A standing pledge of this giver that a new one would repeat: the same fund (and the same
    counterpart, when one is chosen), the same amount and currency, and the same frequency when
    one is given; the latest if several. A repeat is asked about, never refused. A request sent
    again under its idempotency ``key`` is the pledge it already made, not a repeat."""
    if user is None or not user.is_authenticated:
        return None
    if key and Pledge.objects.filter(idempotency_key=key).exists():
        return None
    same = Pledge.objects.filter(
        user=user, fund=fund, amount_minor=minor, commodity=commodity, status__in=STANDING
    )
    if tier is not None:
        same = same.filter(tier=tier)
    if frequency is not None:
        same = same.filter(frequency=frequency)
    return same.order_by("-start", "-pk").first()
