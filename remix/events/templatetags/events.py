"""``{% project_events project %}``: a project's events, coming then past, for its page."""

from django import template
from django.urls import reverse
from django.utils import timezone

from remix.core.permissions import can_manage_events
from remix.events import recurrence, selectors, texts

register = template.Library()


@register.inclusion_tag("events/_project_events.html", takes_context=True)
def project_events(context, project):
    now = timezone.now()
    coming, past = [], []
    for event in selectors.events_of_project(project).filter(status="scheduled"):
        upcoming = recurrence.next_occurrences(event, now, 1)
        if upcoming:
            start = upcoming[0]
            coming.append(
                {
                    "event": event,
                    "iso": start.isoformat(),
                    "when": texts.when_text(event, start),
                    "rule": texts.rule_text(event),
                }
            )
        else:
            past.append({"event": event, "when": texts.when_text(event, event.starts)})
    request = context.get("request")
    url = reverse("events:project_ics", kwargs={"slug": project.slug})
    return {
        "coming": coming,
        "past": list(reversed(past)),
        "feed_url": request.build_absolute_uri(url) if request else url,
        "new_url": reverse("events:new", kwargs={"slug": project.slug})
        if request and can_manage_events(request.user, project=project)
        else None,
    }
