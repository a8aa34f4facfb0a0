"""Exchange rates: what a day's rate converts other currencies (and volunteer hours) at."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder
from remix.core.dates import date_check
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger.models import ExchangeRate
from remix.ledger.services.audit import books_record
from remix.ledger.services.checks import commodity_known, currency_check


def rate_record(
    *, date: datetime.date, commodity: str, quote: str, rate: Decimal | str, recorder=None
) -> ExchangeRate:
    """Record (or correct) the rate of one day; reports say which rates they used."""
    date_check(date)
    commodity = commodity_known(commodity, field="commodity")
    quote = currency_check(quote, field="quote")
    rate = Decimal(str(rate))
    if rate <= 0:
        raise ValidationError({"rate": _("A rate is positive.")})
    if commodity == quote:
        raise ValidationError({"quote": _("A rate converts between two commodities.")})
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        record, created = ExchangeRate.objects.update_or_create(
            date=date,
            commodity=commodity,
            quote=quote,
            defaults={"rate": rate, "recorded_by": as_recorder(recorder)},
        )
        books_record(
            action="ledger.rate.recorded",
            recorder=recorder,
            obj=record,
            data={"rate": str(rate), "corrected": not created},
        )
    return record
