from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "remix.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from remix.allies import hooks
        from remix.events.trunk_notes import trunk_theme_note

        # The common trunk names, under each of its themes, the coming events that work on it.
        hooks.trunk_theme_note_register(trunk_theme_note)

        from remix.grants.calendar_sources import calendar_events_register

        # The funding search's one calendar, page and feed, carries the projects' events.
        calendar_events_register(_CalendarEvents)


class _CalendarEvents:
    """The events as the funding search's calendar asks for them."""

    @staticmethod
    def rows_by_month(start, end):
        from remix.events.calendar import rows_by_month

        return rows_by_month(start, end)

    @staticmethod
    def events_for_feed(*, project=None):
        from remix.events.ical import events_for_feed

        return events_for_feed(project=project)

    @staticmethod
    def add_events(request, feed, events):
        from remix.events.ical import add_events

        return add_events(request, feed, events)
