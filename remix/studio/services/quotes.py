"""Quotes: written whole to a client and numbered ``D-<year>-<sequence>``; a client's acceptance
recorded once, which opens the engagement.

Numbers follow a per-year counter taken under a row lock (``core/numbering.py``, as invoices'
and receipts' do), so quotes are numbered in the order they are written, without holes. French
law asks gapless numbering of invoices, not of quotes; a quote is never deleted anyway, since
the engagement and the audit refer to it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.i18ntext import text_for
from remix.core.money import MoneyError, to_minor
from remix.core.numbering import counter_next
from remix.core.permissions import can_accept_quote, can_issue_quote, require_recorder
from remix.ledger.models import Fund
from remix.studio.models import (
    Engagement,
    PriceModel,
    Quote,
    QuoteCounter,
    QuoteLine,
    QuoteStatus,
    Service,
)
from remix.studio.pricing import line_amount


@dataclass(frozen=True)
class LineAsked:
    """One line of a quote as asked: a service, how many units, and the unit price when it is
    not the service's (a free price, a negotiated rate); ``None`` takes the service's."""

    service: Service
    quantity: Decimal | str | int
    unit_price: Decimal | str | None = None
    description: str = ""


def _line_read(index: int, asked: LineAsked, commodity: str, language: str) -> QuoteLine:
    field = f"lines.{index}"
    try:
        quantity = Decimal(str(asked.quantity))
    except InvalidOperation:
        quantity = Decimal(0)
    if not quantity.is_finite() or quantity <= 0 or quantity != quantity.quantize(Decimal("0.01")):
        raise ValidationError({field: _("A quantity is above zero, with at most two decimals.")})
    if asked.service.commodity != commodity:
        raise ValidationError({field: _("Every line of a quote is in the quote's currency.")})
    if asked.unit_price in (None, ""):
        unit = asked.service.price_minor
    else:
        try:
            unit = to_minor(asked.unit_price, commodity)
        except MoneyError:
            unit = -1
        if unit < 0:
            raise ValidationError({field: _("A unit price is an amount of zero or more.")})
    return QuoteLine(
        position=index + 1,
        service=asked.service,
        description=(asked.description or "").strip()[:300]
        or text_for(asked.service.title, language),
        quantity=quantity,
        unit_price_minor=unit,
        amount_minor=line_amount(quantity, unit),
    )


def quote_issue(
    *,
    client,
    title: str,
    lines: list[LineAsked],
    valid_until: datetime.date,
    language: str = "fr",
    commodity: str = "EUR",
    note: str = "",
    recorder=None,
) -> Quote:
    """A quote to ``client`` (an actor of the allies map), numbered in its year, its lines and
    total written once."""
    require_recorder(can_issue_quote, recorder)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Say what the quote is for.")})
    if not lines:
        raise ValidationError({"lines": _("A quote has at least one line.")})
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    date_check(valid_until, field="valid_until")
    today = timezone.localdate()
    if valid_until < today:
        raise ValidationError({"valid_until": _("A quote is valid until today or later.")})
    rows = [_line_read(index, asked, commodity, language) for index, asked in enumerate(lines)]
    with db.atomic():
        quote = Quote.objects.create(
            year=today.year,
            sequence=counter_next(QuoteCounter, year=today.year),
            client=client,
            title=title[:200],
            language=language,
            commodity=commodity,
            total_minor=sum(row.amount_minor for row in rows),
            valid_until=valid_until,
            note=(note or "").strip(),
            issued_by=as_recorder(recorder),
        )
        for row in rows:
            row.quote = quote
        QuoteLine.objects.bulk_create(rows)
        audit_record(
            action="studio.quote.issued",
            recorder=recorder,
            obj=quote,
            data={"number": quote.number, "client": client.pk, "total": quote.total_minor},
        )
    return quote


def _day_rate_default(quote: Quote) -> int | None:
    """The unit price of the quote's first line sold by the day, if any."""
    for line in quote.lines.select_related("service"):
        if line.service.price_model == PriceModel.DAILY:
            return line.unit_price_minor
    return None


def _acceptance_check(quote, accepted_on, start_date, end_date) -> None:
    errors = {}
    for field, day in (("accepted_on", accepted_on), ("start_date", start_date)):
        date_check(day, field=field)
    date_check(end_date, field="end_date")
    if accepted_on > timezone.localdate():
        errors["accepted_on"] = _("Record an acceptance already given.")
    elif accepted_on > quote.valid_until:
        errors["accepted_on"] = _("The quote was no longer valid on that day.")
    if end_date < start_date:
        errors["end_date"] = _("The engagement ends on or after its start.")
    if errors:
        raise ValidationError(errors)


def quote_accept(
    *,
    quote: Quote,
    accepted_on: datetime.date,
    acceptance: str,
    start_date: datetime.date,
    end_date: datetime.date,
    deliverables: str = "",
    day_rate=None,
    fund: Fund | None = None,
    recorder=None,
) -> Engagement:
    """Record the client's acceptance (``acceptance`` says how: a signed copy, an order number)
    and open the engagement. A second acceptance of the same quote is refused."""
    require_recorder(can_accept_quote, recorder)
    acceptance = (acceptance or "").strip()
    if not acceptance:
        raise ValidationError({"acceptance": _("Say how the client accepted the quote.")})
    _acceptance_check(quote, accepted_on, start_date, end_date)
    if day_rate in (None, ""):
        rate = _day_rate_default(quote)
        if rate is None:
            raise ValidationError({"day_rate": _("Give the agreed daily rate.")})
    else:
        try:
            rate = to_minor(day_rate, quote.commodity)
        except MoneyError:
            rate = 0
    if rate <= 0:
        raise ValidationError({"day_rate": _("A daily rate is an amount above zero.")})
    with db.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != QuoteStatus.SENT:
            raise ValidationError(_("This quote is accepted already."), code="accepted")
        quote.status, quote.accepted_on, quote.acceptance = (
            QuoteStatus.ACCEPTED,
            accepted_on,
            acceptance[:300],
        )
        quote.accepted_by = as_recorder(recorder)
        quote.save(update_fields=["status", "accepted_on", "acceptance", "accepted_by"])
        engagement = Engagement.objects.create(
            quote=quote,
            client=quote.client,
            title=quote.title,
            deliverables=(deliverables or "").strip(),
            start_date=start_date,
            end_date=end_date,
            fund=fund or Fund.objects.get(kind="platform"),
            commodity=quote.commodity,
            day_rate_minor=rate,
        )
        audit_record(
            action="studio.quote.accepted",
            recorder=recorder,
            obj=quote,
            data={"engagement": engagement.pk, "accepted_on": str(accepted_on)},
        )
    return engagement
