"""The dates the platform accepts: one window around today, for the books and for the plans.

A date far from today is almost always a typing slip (0001-01-01, 9999-12-31), and a page that
draws every year its rows span cannot draw ten thousand. The services refuse a date outside the
window; a page that meets a row outside it (written before the rule, or before the window was
narrowed) leaves it out of its menus instead of failing.

The window runs from the 1st of January ``REMIX_DATES_YEARS_BACK`` years before this year to the
31st of December ``REMIX_DATES_YEARS_AHEAD`` years after it: the operator's settings are the
least, and a steward widens the window in the admin (``DatesWindow``, ``dates_window_widen``),
never past ``MAX_YEARS`` on either side.

Dates and months read from a query string go through ``query_date`` and ``query_month``: a bad or
out-of-window value raises ``QueryError`` (a ``BadRequest``), which the site answers with a 400
in the reader's language.
"""

import datetime
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

YEARS_BACK = 10
YEARS_AHEAD = 5
MAX_YEARS = 100  # however wide a steward makes it, never year 1 nor year 9999


WIDENED_KEY = "remix:dates-window"
WIDENED_SECONDS = 60  # each server process reads a steward's change within a minute


def _years(name: str, default: int, widened: int) -> int:
    value = max(int(getattr(settings, name, default)), widened)
    return max(0, min(value, MAX_YEARS))


def _widened() -> tuple[int, int]:
    """What a steward has widened the window to (0, 0 when never), read once a minute."""
    found = cache.get(WIDENED_KEY)
    if found is None:
        from remix.core.models import DatesWindow

        row = DatesWindow.objects.first()
        found = (row.years_back, row.years_ahead) if row else (0, 0)
        cache.set(WIDENED_KEY, found, WIDENED_SECONDS)
    return found


def date_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and the last day the platform accepts, both included (whole years)."""
    year = (today or timezone.localdate()).year
    widened_back, widened_ahead = _widened()
    back = _years("REMIX_DATES_YEARS_BACK", YEARS_BACK, widened_back)
    ahead = _years("REMIX_DATES_YEARS_AHEAD", YEARS_AHEAD, widened_ahead)
    return datetime.date(year - back, 1, 1), datetime.date(year + ahead, 12, 31)


def date_in_window(day: datetime.date) -> bool:
    first, last = date_window()
    return first <= _as_date(day) <= last


def _as_date(day) -> datetime.date:
    return day.date() if isinstance(day, datetime.datetime) else day


def _outside_message(day) -> str:
    first, last = date_window()
    return _("%(date)s is outside the dates the platform accepts (%(first)s – %(last)s).") % {
        "date": _as_date(day).isoformat(),
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


def date_check(day, *, field: str = "date") -> None:
    """Refuse a date (or an instant) outside the window, on the field that holds it; ``None``
    passes (an optional date left empty)."""
    if day is None:
        return
    if not date_in_window(day):
        raise ValidationError({field: _outside_message(day)}, code="date_out_of_range")


def dates_check(**days) -> None:
    """``dates_check(opens=…, deadline=…)``: every date named, each refused on its own field."""
    errors = {}
    for field, day in days.items():
        if day is not None and not date_in_window(day):
            errors[field] = ValidationError(_outside_message(day), code="date_out_of_range")
    if errors:
        raise ValidationError(errors)


# --- dates read from a query string --------------------------------------------------------------


class QueryError(BadRequest):
    """A parameter of the address that cannot be read; the message says which, translated."""


MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _refuse_outside(day: datetime.date, name: str) -> datetime.date:
    if not date_in_window(day):
        first, last = date_window()
        raise QueryError(
            _("“%(name)s”: %(value)s is outside the dates shown (%(first)s – %(last)s).")
            % {"name": name, "value": day.isoformat(), "first": first, "last": last}
        )
    return day


def query_date(value: str | None, *, name: str) -> datetime.date | None:
    """A day written 2026-06-30, in the window; ``None`` when the parameter is empty."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if not DAY.match(value):
            raise ValueError(value)
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise QueryError(_("“%(name)s” is a day written 2026-06-30.") % {"name": name}) from None
    return _refuse_outside(day, name)


def query_month(value: str | None, *, name: str) -> datetime.date | None:
    """A month written 2026-06, as its first day, in the window; ``None`` when empty."""
    value = (value or "").strip()
    if not value:
        return None
    match = MONTH.match(value)
    if not match:
        raise QueryError(_("“%(name)s” is a month written 2026-06.") % {"name": name})
    return _refuse_outside(datetime.date(int(match["year"]), int(match["month"]), 1), name)


def date_validator(day) -> None:
    """For a form's date field: the same refusal, said under the field."""
    if day is not None and not date_in_window(day):
        raise ValidationError(_outside_message(day), code="date_out_of_range")
