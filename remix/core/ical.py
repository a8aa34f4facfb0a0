"""What every iCal feed of the platform shares: its header (the refresh calendar applications
are asked to keep, the instance's time zone), its answer, and the language it speaks."""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

FEED_REFRESH = datetime.timedelta(hours=6)


def feed_new(*, product: str, name: str, language: str) -> icalendar.Calendar:
    feed = icalendar.Calendar()
    feed.add("prodid", f"-//Remix//{product}//{language.upper()}")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    feed.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", icalendar.vDuration(FEED_REFRESH))
    return feed


def feed_response(feed: icalendar.Calendar, *, language: str, filename: str) -> HttpResponse:
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Language"] = language
    # A browser that follows the link downloads the file; a calendar application subscribes.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed_language(request, preferred: str = "") -> str:
    """``?lang=``, else the person's own language, else the address's (French at the root)."""
    known = {code for code, _name in settings.LANGUAGES}
    for code in (request.GET.get("lang", ""), preferred, translation.get_language() or ""):
        code = code.split("-")[0].lower()
        if code in known:
            return code
    return settings.LANGUAGE_CODE
