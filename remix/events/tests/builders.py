"""Small objects the events' tests build: a project on its own fund, an event of it."""

import datetime
import zoneinfo

from django.utils import timezone

from remix.events import services
from remix.ledger.tests.builders import fund_project
from remix.projects.models import Project, ProjectKind

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def project(slug: str = "rencontre-test", kind: str = ProjectKind.MEETING) -> Project:
    existing = Project.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    return Project.objects.create(
        slug=slug,
        kind=kind,
        title={"fr": "La rencontre", "en": "The gathering"},
        starts=timezone.localdate(),
        fund=fund_project(slug, "project"),
    )


def soon(days: int = 10, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=PARIS)


def event(of=None, *, days: int = 10, hours: int = 2, **extra):
    starts = extra.pop("starts", None) or soon(days)
    values = {
        "title": {"fr": "Atelier semences", "en": "Seeds workshop"},
        "place": "Maison des communs, 12 rue des Lilas, Paris",
        "languages": ["fr", "wo"],
        **extra,
    }
    return services.event_create(
        project=of or project(),
        starts=starts,
        ends=starts + datetime.timedelta(hours=hours),
        **values,
    )


def monthly_call(of=None, *, first: datetime.datetime | None = None):
    """The third Tuesday of the month at 20:00 Paris time, one hour, online."""
    first = first or datetime.datetime(2026, 1, 20, 20, 0, tzinfo=PARIS)
    return services.event_create(
        project=of or project("appel-test", ProjectKind.RECURRING_CALL),
        title={"fr": "L'appel mensuel", "en": "The monthly call"},
        starts=first,
        ends=first + datetime.timedelta(hours=1),
        time_zone="Europe/Paris",
        recurrence_rule="FREQ=MONTHLY;BYDAY=3TU",
        online_url="https://visio.example.org/appel",
        languages=["fr", "es"],
        interpretation=["en"],
    )
