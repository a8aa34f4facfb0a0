"""The contribute area's words for figures: a campaign's progress, a share, who may do what."""

from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions import receipts
from remix.core import permissions
from remix.core.formats import format_percent
from remix.core.money import from_minor
from remix.ledger.templatetags.ledger import money_round

register = template.Library()


@register.filter
def progress_label(progress) -> str:
    """« 1 240 € sur 3 000 € · 41 % »: what a progress bar shows, in words."""
    return _("%(raised)s of %(goal)s · %(percent)s") % {
        "raised": money_round(progress.raised, progress.commodity),
        "goal": money_round(progress.goal, progress.commodity),
        "percent": format_percent(Decimal(progress.percent) / 100),
    }


@register.filter
def units(minor, commodity="EUR") -> str:
    """Minor units as a plain decimal for an attribute (``<progress value="230.00">``): a dot,
    no grouping, whatever the language."""
    return str(from_minor(int(minor), commodity))


@register.filter
def share_percent(share) -> str:
    """A share of 0.1 as « 10 % »."""
    return "" if share is None else format_percent(share, decimals=0 if share * 100 % 1 == 0 else 1)


@register.filter
def compact(reference: str) -> str:
    """A reference as it goes in an address: without its spaces."""
    return (reference or "").replace(" ", "")


@register.filter
def may_give(user) -> bool:
    return permissions.can_contribute(user)


@register.filter
def may_keep_books(user) -> bool:
    return permissions.can_keep_books(user)


@register.filter
def may_set_receipt_issuer(user) -> bool:
    return permissions.can_set_receipt_issuer(user)


@register.filter
def receipt_note(tier) -> str:
    """What a tier's counterpart does to the tax receipt, at the tier's amount (its minimum for a
    free amount): « Your tax receipt will state 70 €: the counterpart is worth 30 €… »."""
    return receipts.counterpart_note(
        gift_minor=tier.amount_minor,
        value_minor=tier.counterpart_value_minor,
        commodity=tier.campaign.commodity,
        on=timezone.localdate(),
    )
