"""What other apps add to the funding search's one calendar (its page and its public feed),
registered from their ``apps.py`` so that the funding search imports none of them: the mediation
projects' events (``remix.events``). Without a source, the calendar holds the deadlines only."""

import datetime


class NoEvents:
    """The calendar's events when no app adds any."""

    @staticmethod
    def rows_by_month(start: datetime.date, end: datetime.date) -> dict:
        return {}

    @staticmethod
    def events_for_feed(*, project=None) -> list:
        return []

    @staticmethod
    def add_events(request, feed, events) -> None:
        return None


_source = NoEvents


def calendar_events_register(source) -> None:
    """``source`` answers ``rows_by_month(start, end)``, ``events_for_feed()`` and
    ``add_events(request, feed, events)``."""
    global _source  # noqa: PLW0603
    _source = source


def calendar_events():
    return _source
