"""Events as iCal: one VEVENT per event, a recurring one with its RRULE, on the event's own clock
(DTSTART;TZID=…) with its VTIMEZONE, so that calendar applications compute the same dates."""

import datetime

import icalendar
from django.db.models import Q
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.ical import feed_new
from remix.core.ical import feed_response as core_feed_response
from remix.events import recurrence, texts
from remix.events.models import Event, EventStatus

FEED_PAST_DAYS = 365


def events_for_feed(*, project=None):
    """The scheduled events of the past year and to come (a recurring one whatever its start)."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    found = Event.objects.filter(status=EventStatus.SCHEDULED).filter(
        ~Q(recurrence="") | Q(ends__gte=since)
    )
    if project is not None:
        found = found.filter(project=project)
    return found.select_related("project").order_by("starts", "id")


def vevent(request, event: Event, *, host: str, stamp: datetime.datetime) -> icalendar.Event:
    zone = recurrence.zone(event.time_zone)
    url = request.build_absolute_uri(reverse("events:detail", kwargs={"pk": event.pk}))
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", stamp)
    item.add("summary", event.title_text)
    item.add("dtstart", event.starts.astimezone(zone))
    item.add("dtend", event.ends.astimezone(zone))
    if event.recurrence:
        item.add("rrule", icalendar.vRecur.from_ical(event.recurrence))
    if event.place:
        item.add("location", event.place)
    elif event.online_url:
        item.add("location", event.online_url)
    item.add("url", url)
    lines = [event.description_text, _("Project: %(project)s") % {"project": event.project}]
    if event.languages:
        lines.append(
            _("Languages: %(languages)s") % {"languages": texts.languages_text(event.languages)}
        )
    if event.interpretation:
        lines.append(
            _("Interpretation: %(languages)s")
            % {"languages": texts.languages_text(event.interpretation)}
        )
    if event.online_url:
        lines.append(event.online_url)
    lines.append(texts.contribution_text(event))
    lines.append(url)
    item.add("description", "\n".join(line for line in lines if line))
    item.add("categories", [_("Event")])
    return item


def add_events(request, feed: icalendar.Calendar, events) -> None:
    """Adds the events, and the VTIMEZONEs their TZIDs name, to a feed being built."""
    host = split_domain_port(request.get_host())[0] or "localhost"
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    added = False
    for event in events:
        feed.add_component(vevent(request, event, host=host, stamp=stamp))
        added = True
    if added:
        feed.add_missing_timezones()


def feed_response(request, events, *, name: str, language: str, filename: str) -> HttpResponse:
    feed = feed_new(product="Events", name=name, language=language)
    add_events(request, feed, events)
    return core_feed_response(feed, language=language, filename=filename)
