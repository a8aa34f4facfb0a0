"""The ceiling per giver of a fund: set, cleared, and checked when someone promises it money."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.contributions.models import Ceiling, CeilingPeriod
from remix.contributions.selectors.giving import ceiling_of, promised_in_period
from remix.contributions.services.common import Giver
from remix.core.amounts import amount_positive
from remix.core.audit import audit_record
from remix.core.formats import format_money
from remix.ledger.models import Fund
from remix.ledger.selectors import Converter


def ceiling_set(
    *,
    fund: Fund,
    period: str,
    amount=None,
    share_of_needs: Decimal | str | None = None,
    commodity: str = "EUR",
    recorder=None,
) -> Ceiling:
    if period not in CeilingPeriod.values:
        raise ValidationError({"period": _("A ceiling is per month or per year.")})
    if (amount is None) == (share_of_needs is None):
        raise ValidationError(
            {"amount": _("Give either an amount or a share of the needs, not both.")}
        )
    minor = None
    share = None
    if amount is not None:
        minor, commodity = amount_positive(amount, commodity)
    else:
        share = Decimal(str(share_of_needs))
        if not Decimal(0) < share <= 1:
            raise ValidationError(
                {"share_of_needs": _("A share of the needs is above 0 and at most 1 (100 %).")}
            )
    with db.atomic():
        ceiling, _created = Ceiling.objects.update_or_create(
            fund=fund,
            defaults={
                "period": period,
                "amount_minor": minor,
                "share_of_needs": share,
                "commodity": commodity,
            },
        )
        audit_record(
            action="funding.ceiling.set",
            recorder=recorder,
            obj=ceiling,
            data={"fund": fund.slug, "period": period, "amount": minor, "share": str(share)},
        )
    return ceiling


def ceiling_clear(*, fund: Fund, recorder=None) -> None:
    with db.atomic():
        deleted, _rows = Ceiling.objects.filter(fund=fund).delete()
        if deleted:
            audit_record(action="funding.ceiling.cleared", recorder=recorder, obj=fund)


def ceiling_check(*, giver: Giver, fund: Fund, minor: int, commodity: str, frequency: str, on):
    """A member's promise is refused when it would take what they promised the fund in the
    ceiling's period past the ceiling."""
    ceiling = ceiling_of(fund=fund, on=on)
    if ceiling is None or giver.user is None:
        return
    quote = ceiling.commodity
    converter = Converter(quote)
    already = promised_in_period(
        user=giver.user,
        fund=fund,
        period=ceiling.period_range,
        currency=quote,
        converter=converter,
    )
    this = converter.minor(minor * ceiling.instalments(frequency), commodity, on)
    if this is None:
        raise ValidationError(
            {
                "commodity": _(
                    "There is no exchange rate from %(code)s to %(quote)s yet: give in %(quote)s."
                )
                % {"code": commodity, "quote": quote}
            }
        )
    if already + this > ceiling.amount_minor:
        raise ValidationError(
            {
                "amount": _(
                    "One giver may promise this fund at most %(ceiling)s per %(period)s, so "
                    "that no one weighs too much; you have already promised %(already)s."
                )
                % {
                    "ceiling": format_money(ceiling.amount_minor, quote),
                    "period": CeilingPeriod(ceiling.period).label,
                    "already": format_money(already, quote),
                }
            }
        )
