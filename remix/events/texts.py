"""An event said in the reader's language: its dates in its own time zone, its languages, its
contribution."""

import datetime

from babel import dates
from django.utils.translation import gettext as _

from remix.core.formats import current_locale, first_of_month, format_money
from remix.events import recurrence
from remix.events.models import EventContribution


def when_text(event, start: datetime.datetime) -> str:
    """« mardi 15 décembre 2026, 20:00 – 21:00 (Europe/Paris) »: the day and hours on the event's
    own clock, its zone named."""
    locale = current_locale()
    zone = recurrence.zone(event.time_zone)
    local, end = start.astimezone(zone), (start + event.duration).astimezone(zone)
    day = first_of_month(dates.format_date(local.date(), "full", locale=locale))
    hours = dates.format_time(local.time(), "short", locale=locale)
    if end.date() == local.date():
        hours += " – " + dates.format_time(end.time(), "short", locale=locale)
    else:
        hours += " – " + dates.format_datetime(end.replace(tzinfo=None), "short", locale=locale)
    return f"{day}, {hours} ({event.time_zone})"


def rule_text(event) -> str:
    """The rule in words where it is a common one, else the RRULE itself."""
    if not event.recurrence:
        return ""
    parts = dict(p.split("=", 1) for p in event.recurrence.split(";") if "=" in p)
    day = parts.get("BYDAY", "")
    if parts.get("FREQ") == "MONTHLY" and len(day) == 3 and day[0] in "1234":
        weekday = dates.get_day_names("wide", locale=current_locale())[
            ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(day[1:])
        ]
        ordinal = {"1": _("first"), "2": _("second"), "3": _("third"), "4": _("fourth")}[day[0]]
        return _("Every month, the %(ordinal)s %(weekday)s") % {
            "ordinal": ordinal,
            "weekday": weekday,
        }
    if parts.get("FREQ") == "WEEKLY" and set(parts) <= {"FREQ", "BYDAY", "INTERVAL"}:
        return _("Every week")
    return _("Repeats: %(rule)s") % {"rule": event.recurrence}


def languages_text(codes) -> str:
    names = current_locale().languages
    return ", ".join(names.get(code, code) for code in codes)


def contribution_text(event) -> str:
    if event.contribution == EventContribution.FIXED:
        return _("Price: %(amount)s") % {
            "amount": format_money(event.amount_minor, event.commodity)
        }
    if event.contribution == EventContribution.FREE_PRICE:
        if event.amount_minor:
            return _("Free price (suggested: %(amount)s)") % {
                "amount": format_money(event.amount_minor, event.commodity)
            }
        return _("Free price")
    return _("Free entry")
