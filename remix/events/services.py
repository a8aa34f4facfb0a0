"""Every write about events: keyword-only, atomic, audited.

Registration takes the event's row lock (``select_for_update``) before counting the places of an
occurrence, so two people can never take the last place together; the database's unique
constraints refuse a person registered twice for one occurrence whatever the way in."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.i18ntext import text_clean
from remix.core.permissions import can_manage_events, require_recorder
from remix.events import recurrence
from remix.events.models import (
    ACTIVE,
    Event,
    EventContribution,
    EventStatus,
    Registration,
    RegistrationStatus,
)

LANGUAGE_CODES_MAX = 12


def _languages(values, field: str) -> list[str]:
    codes = []
    for code in values or []:
        code = str(code).strip().lower()
        if not (2 <= len(code) <= 3 and code.isalpha()):
            raise ValidationError({field: _("A language is a code of two or three letters.")})
        if code not in codes:
            codes.append(code)
    if len(codes) > LANGUAGE_CODES_MAX:
        raise ValidationError({field: _("Too many languages.")})
    return codes


def event_create(
    *,
    project,
    title: dict,
    starts: datetime.datetime,
    ends: datetime.datetime,
    time_zone: str = "Europe/Paris",
    description: dict | None = None,
    recurrence_rule: str = "",
    place: str = "",
    online_url: str = "",
    languages=(),
    interpretation=(),
    capacity: int | None = None,
    contribution: str = EventContribution.NONE,
    amount=None,
    commodity: str = "EUR",
    recorder=None,
) -> Event:
    require_recorder(can_manage_events, recorder, project=project)
    title = text_clean(title)
    if not title:
        raise ValidationError({"title": _("Give the event a title.")})
    recurrence.zone(time_zone)
    if timezone.is_naive(starts) or timezone.is_naive(ends):
        raise ValidationError({"starts": _("Give the start and the end with their time zone.")})
    date_check(starts.date(), field="starts")
    if ends <= starts:
        raise ValidationError({"ends": _("An event ends after it starts.")})
    rule = (recurrence_rule or "").strip().removeprefix("RRULE:").upper()
    if rule:
        recurrence.rule_of(rule, starts, time_zone)
    place, online_url = (place or "").strip(), (online_url or "").strip()
    if not place and not online_url:
        raise ValidationError({"place": _("Give the event's place or its online link.")})
    if online_url:
        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError:
            raise ValidationError({"online_url": _("Give a web address (https://…).")}) from None
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("A capacity is one place or more.")})
    if contribution not in EventContribution.values:
        raise ValidationError({"contribution": _("Choose how the event is paid for.")})
    amount_minor = None
    if contribution == EventContribution.FIXED and amount in (None, ""):
        raise ValidationError({"amount": _("Give the event's price.")})
    if contribution != EventContribution.NONE and amount not in (None, ""):
        amount_minor, commodity = amount_positive(amount, commodity)
    with db.atomic():
        event = Event.objects.create(
            project=project,
            title=title,
            description=text_clean(description),
            starts=starts,
            ends=ends,
            time_zone=time_zone,
            recurrence=rule,
            place=place,
            online_url=online_url,
            languages=_languages(languages, "languages"),
            interpretation=_languages(interpretation, "interpretation"),
            capacity=capacity,
            contribution=contribution,
            amount_minor=amount_minor,
            commodity=commodity,
            status=EventStatus.SCHEDULED,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="events.event.created",
            recorder=recorder,
            obj=event,
            data={"project": project.pk, "recurrence": rule, "capacity": capacity},
        )
    return event


def document_attach(*, event: Event, document, recorder=None) -> None:
    """Minutes or a recording, attached after the event (its first occurrence) began."""
    require_recorder(can_manage_events, recorder, project=event.project)
    if event.starts > timezone.now():
        raise ValidationError(
            {"document": _("Minutes and recordings are attached once the event has taken place.")}
        )
    with db.atomic():
        event.documents.add(document)
        audit_record(
            action="events.document.attached",
            recorder=recorder,
            obj=event,
            data={"document": document.pk},
        )


# --- registration --------------------------------------------------------------------------------


def _occurrence(event: Event, occurrence, now) -> datetime.datetime:
    if occurrence is None:
        upcoming = recurrence.next_occurrences(event, now, 1)
        if not upcoming:
            raise ValidationError({"occurrence": _("This event has no date to come.")})
        occurrence = upcoming[0]
    if timezone.is_naive(occurrence) or not recurrence.is_occurrence(event, occurrence):
        raise ValidationError({"occurrence": _("The event does not take place at this time.")})
    if occurrence + event.duration <= now:
        raise ValidationError({"occurrence": _("This date of the event is over.")})
    return occurrence.astimezone(datetime.UTC)


def _person(user, name: str, email: str) -> tuple[str, str]:
    if user is not None and user.is_authenticated:
        name = name.strip() or user.display_name or user.username
        email = (user.email or email).strip()
    name, email = (name or "").strip(), (email or "").strip()
    if not name:
        raise ValidationError({"name": _("Give your name.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Give an e-mail address.")}) from None
    return name[:200], email


def registration_create(
    *, event: Event, occurrence=None, user=None, name: str = "", email: str = "", now=None
) -> Registration:
    """A person registers for one occurrence (the next one if none is named): registered while
    places remain, else waiting, in order. Refused when the person is already registered or
    waiting for that occurrence."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({"event": _("This event is cancelled.")})
    occurrence = _occurrence(event, occurrence, now)
    user = user if user is not None and user.is_authenticated else None
    name, email = _person(user, name, email)
    twice = ValidationError({"email": _("You are already registered for this date.")})
    try:
        with db.atomic():
            # The lock every registration and cancellation of the event takes first.
            event = Event.objects.select_for_update().get(pk=event.pk)
            same = Registration.objects.filter(
                event=event, occurrence=occurrence, status__in=ACTIVE
            )
            if same.filter(email__iexact=email).exists() or (
                user is not None and same.filter(user=user).exists()
            ):
                raise twice
            taken = same.filter(status=RegistrationStatus.REGISTERED).count()
            full = event.capacity is not None and taken >= event.capacity
            status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
            registration = Registration.objects.create(
                event=event,
                occurrence=occurrence,
                user=user,
                name=name,
                email=email,
                status=status,
                owed_minor=_owed(event, status),
                commodity=event.commodity,
            )
            audit_record(
                action="events.registration.created",
                recorder=user,
                obj=registration,
                data={
                    "event": event.pk,
                    "occurrence": occurrence.isoformat(),
                    "status": status,
                },
            )
    except IntegrityError:
        raise twice from None
    return registration


def _owed(event: Event, status: str) -> int:
    """A fixed contribution is owed by those who hold a place (paid on the project's give page)."""
    if event.contribution == EventContribution.FIXED and status == RegistrationStatus.REGISTERED:
        return event.amount_minor or 0
    return 0


def can_cancel(user, registration: Registration) -> bool:
    """The person registered, or those who manage the event's project."""
    return bool(
        user is not None
        and user.is_authenticated
        and (
            registration.user_id == user.pk
            or can_manage_events(user, project=registration.event.project)
        )
    )


def registration_cancel(*, registration: Registration, recorder=None) -> Registration | None:
    """Cancels a registration; a place freed goes to the first waiting, who is returned."""
    if recorder is not None and not can_cancel(recorder, registration):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    with db.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        held = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.owed_minor = 0
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "owed_minor", "cancelled_at"])
        audit_record(
            action="events.registration.cancelled",
            recorder=recorder,
            obj=registration,
            data={"event": event.pk, "occurrence": registration.occurrence.isoformat()},
        )
        if not held:
            return None
        first = (
            Registration.objects.filter(
                event=event,
                occurrence=registration.occurrence,
                status=RegistrationStatus.WAITING,
            )
            .order_by("id")
            .first()
        )
        if first is None:
            return None
        first.status = RegistrationStatus.REGISTERED
        first.owed_minor = _owed(event, first.status)
        first.save(update_fields=["status", "owed_minor"])
        audit_record(
            action="events.registration.promoted",
            recorder=recorder,
            obj=first,
            data={"event": event.pk, "freed_by": registration.pk},
        )
        return first
