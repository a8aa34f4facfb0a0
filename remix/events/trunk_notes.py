"""The events' line under each theme of the allies' common trunk: the coming events of the
mediation projects that work on it (the project's themes), each at its next date (the allies'
``trunk_theme_note`` hook, registered in ``apps.py``); one query for every theme of the page."""

from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from remix.allies.models import Theme
from remix.events import recurrence
from remix.events.models import Event, EventStatus


def trunk_theme_note(themes: list[Theme]) -> dict[int, SafeString]:
    now = timezone.now()
    events = (
        Event.objects.filter(status=EventStatus.SCHEDULED, project__themes__in=themes)
        .annotate(theme_pk=F("project__themes"))
        .select_related("project")
        .order_by("starts", "pk")
    )
    coming: dict[int, list] = {}
    for event in events:
        upcoming = recurrence.next_occurrences(event, now, 1)
        if upcoming:
            coming.setdefault(event.theme_pk, []).append((upcoming[0], event))
    return {pk: _note(sorted(rows, key=lambda row: row[0])) for pk, rows in coming.items()}


def _note(rows) -> SafeString:
    html = render_to_string("events/_trunk_theme_note.html", {"rows": rows})
    # The line without the template file's last newline; the template escaped what it shows.
    return mark_safe(html.strip())  # noqa: S308
