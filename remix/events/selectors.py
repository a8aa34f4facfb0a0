"""What the pages, the API and the feeds read about events."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from remix.events import recurrence
from remix.events.models import Event, EventStatus, Registration, RegistrationStatus


def events_of_project(project):
    return Event.objects.filter(project=project).order_by("starts", "id")


def event_by_id(pk: int) -> Event | None:
    return (
        Event.objects.select_related("project")
        .prefetch_related("documents", "project__carriers__movements")
        .filter(pk=pk)
        .first()
    )


def movements_of(event: Event) -> list:
    """The movements the carriers of the event's project come from, each once, in order."""
    found = {}
    for actor in event.project.carriers.all():
        for movement in actor.movements.all():
            found[movement.code] = movement
    return [found[code] for code in sorted(found)]


def both_movements(event: Event) -> bool:
    return {m.code for m in movements_of(event)} >= {"ess", "commons"}


@dataclass(frozen=True)
class Occurrence:
    event: Event
    starts: datetime.datetime

    @property
    def ends(self) -> datetime.datetime:
        return self.starts + self.event.duration

    @property
    def uid(self) -> str:
        return f"event-{self.event.pk}-{self.starts:%Y%m%dT%H%M%SZ}"


def occurrences_between(
    start: datetime.datetime, end: datetime.datetime, *, project=None
) -> list[Occurrence]:
    """Every occurrence of the scheduled events (of one project, or all) from ``start`` to
    ``end``, in order; recurring events computed, not read."""
    events = Event.objects.filter(status=EventStatus.SCHEDULED).select_related("project")
    if project is not None:
        events = events.filter(project=project)
    # Only events that may have an occurrence in the period: single ones by their dates.
    events = events.filter(~Q(recurrence="") | Q(starts__lte=end, starts__gte=start))
    events = events.filter(starts__lte=end)
    found = [
        Occurrence(event, when)
        for event in events
        for when in recurrence.occurrences(event, start, end)
    ]
    return sorted(found, key=lambda o: (o.starts, o.event.pk))


def places(event: Event, occurrence: datetime.datetime) -> dict:
    """Registered and waiting for one occurrence, and the places left (None: no limit)."""
    counted = Registration.objects.filter(event=event, occurrence=occurrence).aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    left = None if event.capacity is None else max(event.capacity - counted["registered"], 0)
    return {**counted, "left": left}


def waiting_position(registration: Registration) -> int | None:
    """1 for the first waiting; None for a registration that is not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id,
        occurrence=registration.occurrence,
        status=RegistrationStatus.WAITING,
        id__lte=registration.pk,
    ).count()


def registrations_of(event: Event):
    """Who registered, by occurrence then order of arrival (managers only)."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("occurrence", "id")
    )


def my_registrations(event: Event, user):
    if not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(
        event=event, user=user, status__in=[RegistrationStatus.REGISTERED, "waiting"]
    ).order_by("occurrence")


def events_list_for_api(project):
    return (
        Event.objects.filter(project=project)
        .prefetch_related(Prefetch("documents"))
        .order_by("starts", "id")
    )
