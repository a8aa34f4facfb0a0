"""Gifts as their givers, the treasurers, the public wall and the API read them.

Public readers get what each giver chose to show: a private gift is counted in totals but never
listed; a gift public without a name is listed with its amount only.
"""

import datetime
from dataclasses import dataclass

from remix.contributions.models import (
    Campaign,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Frequency,
    TaxReceipt,
    Visibility,
)
from remix.contributions.selectors.pledges import STANDING
from remix.core.permissions import can_keep_books
from remix.ledger.models import Fund


def contributions_of(*, user):
    """Everything a person gave or declared, newest first, with its receipt."""
    return Contribution.objects.filter(user=user).select_related("fund", "pledge", "receipt")


def declarations_awaiting():
    """Time and in-kind declared, waiting for a treasurer, oldest first."""
    return (
        Contribution.objects.filter(status=ContributionStatus.DECLARED)
        .select_related("fund", "user")
        .order_by("date", "pk")
    )


def gifts_of(*, user):
    """Money a person gave, newest first."""
    return contributions_of(user=user).filter(kind=ContributionKind.MONEY)


def declarations_of(*, user):
    """Time and in-kind a person declared, newest first."""
    return contributions_of(user=user).exclude(kind=ContributionKind.MONEY)


def contributions_listed():
    """Contributions with what a list of them shows (fund, pledge, giver's account)."""
    return Contribution.objects.select_related("fund", "pledge", "user")


def contributions_for(
    *, reader, fund: Fund | None = None, kind: str | None = None, status: str | None = None
):
    """What a reader may list, newest first: a treasurer every contribution; anyone else the
    recorded gifts that are not private. ``fund``, ``kind`` and ``status`` keep those."""
    if can_keep_books(reader):
        gifts = contributions_listed()
    else:
        gifts = contributions_listed().shown_publicly()
    if fund is not None:
        gifts = gifts.filter(fund=fund)
    if kind:
        gifts = gifts.filter(kind=kind)
    if status:
        gifts = gifts.filter(status=status)
    return gifts.order_by("-date", "-id")


def reads_every_detail(reader, contribution: Contribution, *, keeps_books=None) -> bool:
    """Who reads a gift whole (its giver's name, pledge, account, a refusal's reason, its tax
    receipt): the treasurers and its giver; anyone else reads what the giver chose to show.
    ``keeps_books`` is the reader's right when the caller already asked it."""
    if keeps_books is None:
        keeps_books = can_keep_books(reader)
    return keeps_books or (reader.is_authenticated and contribution.user_id == reader.pk)


def receipt_by_number(*, year: int, sequence: int) -> TaxReceipt | None:
    return (
        TaxReceipt.objects.select_related("contribution__actor")
        .filter(year=year, sequence=sequence)
        .first()
    )


@dataclass(frozen=True)
class WallEntry:
    name: str  # "" when the giver asked not to be named
    amount_minor: int
    commodity: str
    date: datetime.date
    kind: str
    recurring: bool = False


def wall(
    *,
    fund: Fund | None = None,
    campaign: Campaign | None = None,
    limit: int = 50,
) -> list[WallEntry]:
    """Who gave, newest first, as each chose to be shown; private gifts are not listed.

    A campaign's wall lists its standing pledges; a fund's, the gifts recorded in its books
    (money, time and in kind) and the recurring pledges that feed it."""
    if campaign is not None:
        pledges = campaign.pledges.filter(status__in=STANDING).exclude(
            visibility=Visibility.PRIVATE
        )
        return [
            WallEntry(
                name=p.public_name,
                amount_minor=p.amount_minor,
                commodity=p.commodity,
                date=p.created_at.date(),
                kind=ContributionKind.MONEY,
            )
            for p in pledges.order_by("-created_at", "-pk")[:limit]
        ]
    gifts = Contribution.objects.shown_publicly()
    if fund is not None:
        gifts = gifts.filter(fund=fund)
    return [
        WallEntry(
            name=g.public_name,
            amount_minor=g.amount_minor,
            commodity=g.commodity,
            date=g.date,
            kind=g.kind,
            recurring=bool(g.pledge_id) and g.pledge.frequency != Frequency.ONCE,
        )
        for g in gifts.select_related("pledge").order_by("-date", "-pk")[:limit]
    ]
