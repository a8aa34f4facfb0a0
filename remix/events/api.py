"""Events over HTTP: a project's events (read by anyone, written by those who manage the
project), and registration for an occurrence (a token's holder registers themselves)."""

import datetime

from django.db import transaction as db
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import TokenAuth, token_auth
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    IdempotencyKey,
    Page,
    Rows,
    amount_text,
    refused,
    retry_key,
    retry_record,
)
from remix.core.models import AuditEvent
from remix.core.permissions import can_manage_events, require
from remix.events import selectors, services
from remix.events.models import (
    Event,
    EventContribution,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from remix.projects.models import Project

router = Router(tags=["events"])


class ManagerTokenAuth(TokenAuth):
    """A token whose holder manages the project the path names (``can_manage_events``), asked
    before the body is read: anyone else meets 403, never the body's validation errors. An
    unknown project is the operation's own 404."""

    def authenticate(self, request, token: str):
        user = super().authenticate(request, token)
        if user is not None:
            found = request.resolver_match.kwargs.get("project_id")
            known = str(found or "").isdigit() and int(found) < 2**63
            project = Project.objects.filter(pk=int(found)).first() if known else None
            if project is not None:
                require(can_manage_events, user, project=project)
        return user


class EventOut(BaseModel):
    id: int
    project: str
    title: dict[str, str]
    description: dict[str, str]
    starts: datetime.datetime
    ends: datetime.datetime
    time_zone: str
    recurrence: str
    place: str
    online_url: str
    languages: list[str]
    interpretation: list[str]
    capacity: int | None
    contribution: EventContribution
    amount: str | None
    commodity: str
    status: EventStatus
    documents: list[str]


def _event_out(event: Event) -> EventOut:
    return EventOut(
        id=event.pk,
        project=event.project.slug,
        title=event.title,
        description=event.description,
        starts=event.starts,
        ends=event.ends,
        time_zone=event.time_zone,
        recurrence=event.recurrence,
        place=event.place,
        online_url=event.online_url,
        languages=event.languages,
        interpretation=event.interpretation,
        capacity=event.capacity,
        contribution=event.contribution,
        amount=amount_text(event.amount_minor, event.commodity),
        commodity=event.commodity,
        status=event.status,
        documents=[document.slug for document in event.documents.all()],
    )


@router.get(
    "/projects/{project_id}/events",
    response=list[EventOut],
    auth=READ,
    url_name="project_events",
    summary="A mediation project's events, by start",
    description=(
        "A recurring event comes once, with its rule (`recurrence`, an RFC 5545 RRULE) computed "
        "on the clock of its `time_zone`; `starts` is its first occurrence."
    ),
)
@paginate(Page)
def project_events(request, project_id: int):
    project = get_object_or_404(Project, pk=project_id)
    return Rows(
        Event.objects.filter(project=project)
        .select_related("project")
        .prefetch_related("documents")
        .order_by("starts", "id"),
        _event_out,
    )


class EventIn(BaseModel):
    title: dict[str, str]
    description: dict[str, str] = {}
    starts: datetime.datetime = Field(description="With its offset: 2027-01-19T20:00:00+01:00.")
    ends: datetime.datetime
    time_zone: str = Field("Europe/Paris", max_length=64)
    recurrence: str = Field("", max_length=300, examples=["FREQ=MONTHLY;BYDAY=3TU"])
    place: str = Field("", max_length=2000)
    online_url: str = Field("", max_length=200)
    languages: list[str] = Field([], max_length=12)
    interpretation: list[str] = Field([], max_length=12)
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    contribution: EventContribution = EventContribution.NONE
    amount: DecimalText | None = None
    commodity: str = Field("EUR", max_length=3)


@router.post(
    "/projects/{project_id}/events",
    response={201: EventOut, **ERRORS},
    auth=ManagerTokenAuth(),
    url_name="project_event_create",
    summary="Add an event to a mediation project (stewards and the project's managers)",
)
def project_event_create(request, project_id: int, payload: EventIn):
    project = get_object_or_404(Project, pk=project_id)
    require(can_manage_events, request.auth, project=project)
    event = services.event_create(
        project=project,
        title=payload.title,
        description=payload.description,
        starts=payload.starts,
        ends=payload.ends,
        time_zone=payload.time_zone,
        recurrence_rule=payload.recurrence,
        place=payload.place,
        online_url=payload.online_url,
        languages=payload.languages,
        interpretation=payload.interpretation,
        capacity=payload.capacity,
        contribution=payload.contribution,
        amount=payload.amount,
        commodity=payload.commodity,
        recorder=request.auth,
    )
    return Status(201, _event_out(selectors.event_by_id(event.pk)))


class RegistrationIn(BaseModel):
    occurrence: datetime.datetime | None = Field(
        None, description="The occurrence's start, with its offset; the next one when absent."
    )


class RegistrationOut(BaseModel):
    id: int
    event: int
    occurrence: datetime.datetime
    status: RegistrationStatus
    position: int | None = Field(description="On the waiting list, 1 for the first; else null.")
    owed: str | None = Field(description="A fixed contribution owed, paid on the give page.")
    commodity: str


def _registration_out(registration: Registration) -> RegistrationOut:
    return RegistrationOut(
        id=registration.pk,
        event=registration.event_id,
        occurrence=registration.occurrence,
        status=registration.status,
        position=selectors.waiting_position(registration),
        owed=amount_text(registration.owed_minor, registration.commodity)
        if registration.owed_minor
        else None,
        commodity=registration.commodity,
    )


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, 200: RegistrationOut, **ERRORS},
    auth=token_auth,
    url_name="event_registration_create",
    summary="Register for an event's occurrence (the token's holder)",
    description=(
        "Registered while places remain, else `waiting` with its `position`. A person already "
        "registered or waiting for that occurrence is refused (422). With an `Idempotency-Key`, "
        "a repeat returns the first registration (200) and writes nothing."
    ),
)
def event_registration_create(
    request, event_id: int, payload: RegistrationIn, idempotency_key: IdempotencyKey = None
):
    event = get_object_or_404(Event.objects.select_related("project"), pk=event_id)
    key = retry_key(request, idempotency_key)
    if key:
        first = (
            AuditEvent.objects.filter(
                action="api.idempotency_key.recorded",
                data__key=key,
                object_type="events.registration",
            )
            .values_list("object_id", flat=True)
            .first()
        )
        if first is not None:
            return Status(200, _registration_out(Registration.objects.get(pk=int(first))))
    if payload.occurrence is not None and payload.occurrence.tzinfo is None:
        raise refused("occurrence", _("Give the date with its offset."))
    with db.atomic():
        registration = services.registration_create(
            event=event, occurrence=payload.occurrence, user=request.auth
        )
        retry_record(request, key, registration)
    return Status(201, _registration_out(registration))
