"""An event's occurrences, computed by dateutil's ``rrule`` in the event's own time zone.

The rule runs on the wall clock of the event's zone (the monthly call stays at 20:00 in Paris on
both sides of a daylight-saving change, so its UTC instant moves by an hour); nothing is stored:
a registration names its occurrence by its start."""

import datetime
import zoneinfo

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Rules a person may write: no more often than daily (a feed and a page stay short).
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# However long a rule, a page or a feed never computes more than this many occurrences.
MAX_OCCURRENCES = 500


def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            {"time_zone": _("Unknown time zone: %(name)s.") % {"name": name}}
        ) from None


def rule_of(text: str, starts: datetime.datetime, time_zone: str) -> rrule.rrule:
    """The rule's value (``FREQ=MONTHLY;BYDAY=3TU``) from the event's first start, on the wall
    clock of ``time_zone``; a rule that cannot be read is refused on ``recurrence``."""
    text = (text or "").strip().removeprefix("RRULE:")
    local = starts.astimezone(zone(time_zone))
    parts = dict(part.split("=", 1) for part in text.upper().split(";") if "=" in part)
    if parts.get("FREQ") not in FREQUENCIES:
        raise ValidationError(
            {"recurrence": _("A recurrence is daily, weekly, monthly or yearly (FREQ=…).")}
        )
    try:
        found = rrule.rrulestr(text, dtstart=local, forceset=False)
    except (ValueError, TypeError):
        raise ValidationError(
            {"recurrence": _("This recurrence rule cannot be read: %(rule)s.") % {"rule": text}}
        ) from None
    if not isinstance(found, rrule.rrule):
        raise ValidationError({"recurrence": _("Give one rule (RRULE), not a set.")})
    return found


def _instant(local: datetime.datetime) -> datetime.datetime:
    # dateutil keeps the zone and the wall clock; the instant is read in UTC.
    return local.astimezone(datetime.UTC)


def occurrences(
    event, after: datetime.datetime, before: datetime.datetime
) -> list[datetime.datetime]:
    """The starts (aware, UTC) of the event's occurrences that start from ``after`` to ``before``
    (both included), at most ``MAX_OCCURRENCES``."""
    if not event.recurrence:
        return [event.starts] if after <= event.starts <= before else []
    rule = rule_of(event.recurrence, event.starts, event.time_zone)
    found = []
    for local in rule.xafter(after.astimezone(zone(event.time_zone)), inc=True):
        instant = _instant(local)
        if instant > before or len(found) >= MAX_OCCURRENCES:
            break
        found.append(instant)
    return found


def next_occurrences(event, now: datetime.datetime, count: int) -> list[datetime.datetime]:
    """The next ``count`` starts from ``now`` (an occurrence under way included)."""
    if not event.recurrence:
        return [event.starts] if event.ends > now else []
    rule = rule_of(event.recurrence, event.starts, event.time_zone)
    since = (now - event.duration).astimezone(zone(event.time_zone))
    found = []
    for local in rule.xafter(since, inc=False):
        if len(found) >= count:
            break
        found.append(_instant(local))
    return found


def is_occurrence(event, start: datetime.datetime) -> bool:
    if not event.recurrence:
        return start == event.starts
    rule = rule_of(event.recurrence, event.starts, event.time_zone)
    local = start.astimezone(zone(event.time_zone))
    found = rule.after(local, inc=True)
    return found is not None and _instant(found) == start.astimezone(datetime.UTC)


def last_occurrence(event, now: datetime.datetime) -> datetime.datetime | None:
    """The start of the latest occurrence that began before ``now``."""
    if not event.recurrence:
        return event.starts if event.starts <= now else None
    rule = rule_of(event.recurrence, event.starts, event.time_zone)
    found = rule.before(now.astimezone(zone(event.time_zone)), inc=True)
    return None if found is None else _instant(found)


def occurrence_read(text: str) -> datetime.datetime | None:
    """An occurrence as a form or the API sends it (ISO 8601 with its offset)."""
    try:
        found = datetime.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValidationError({"occurrence": _("Give the date as ISO 8601.")}) from None
    if found.tzinfo is None:
        raise ValidationError({"occurrence": _("Give the date with its offset.")})
    return found
