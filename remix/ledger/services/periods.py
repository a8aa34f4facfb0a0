"""Closing a month or a year: its books become final, and nothing more is posted in it."""

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder
from remix.core.dates import date_check
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import maths
from remix.ledger.models import ClosedPeriod, Transaction
from remix.ledger.services.audit import books_record


def period_close(*, period: maths.Period, recorder=None) -> ClosedPeriod:
    """Close a reconciled month or year; closing it again is a no-op."""
    if period.kind not in ("month", "year"):
        raise ValidationError({"period": _("A month or a year is closed, not a quarter.")})
    require_recorder(can_keep_books, recorder)
    date_check(period.start, field="period")
    with db.atomic():
        existing = ClosedPeriod.objects.filter(start=period.start, end=period.end).first()
        if existing:
            return existing
        drafts = Transaction.objects.drafts().filter(date__range=(period.start, period.end))
        count = drafts.count()
        if count:
            raise ValidationError(
                _(
                    "%(count)s draft transactions are dated in %(period)s: post or delete them "
                    "before closing."
                )
                % {"count": count, "period": period.name}
            )
        closed = ClosedPeriod.objects.create(
            kind=period.kind, start=period.start, end=period.end, closed_by=as_recorder(recorder)
        )
        books_record(
            action="ledger.period.closed",
            recorder=recorder,
            obj=closed,
            data={"period": period.name},
        )
    return closed
