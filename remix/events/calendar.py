"""The events' part of the platform's one calendar (the funding search's page, ``/funding/
calendar/``, and its public feed): each occurrence of the period, by month."""

import datetime

from django.urls import reverse
from django.utils import timezone

from remix.events import selectors, texts


def rows_by_month(start: datetime.date, end: datetime.date) -> dict[datetime.date, list[dict]]:
    """The occurrences from ``start`` to ``end`` (days of the instance's zone), keyed by the first
    day of their month."""
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(end, datetime.time.max, tzinfo=zone)
    months: dict[datetime.date, list[dict]] = {}
    for occurrence in selectors.occurrences_between(since, until):
        event = occurrence.event
        day = occurrence.starts.astimezone(zone).date()
        months.setdefault(day.replace(day=1), []).append(
            {
                "iso": occurrence.starts.isoformat(),
                "when": texts.when_text(event, occurrence.starts),
                "title": event.title_text,
                "project": event.project.title_text,
                "url": reverse("events:detail", kwargs={"pk": event.pk}),
            }
        )
    return months
