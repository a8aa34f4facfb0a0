"""The event page (with its registration form), who registered (managers), minutes and
recordings attached afterwards, and a project's iCal feed."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.catalogue.models import Document
from remix.core.forms import form_written
from remix.core.ical import feed_language
from remix.core.permissions import can_manage_events, require
from remix.events import ical, recurrence, selectors, services, texts
from remix.events.forms import DocumentForm, EventForm, RegistrationForm, recurrence_for
from remix.events.models import Event, EventContribution, Registration
from remix.projects.models import Project

UPCOMING_SHOWN = 6  # the next dates a recurring event's page offers


def project_url(project) -> str | None:
    """The project's page, once the projects app has one."""
    try:
        return reverse("projects:detail", kwargs={"slug": project.slug})
    except NoReverseMatch:
        return None


def _choices(event, now) -> list[tuple[str, str]]:
    return [
        (start.isoformat(), texts.when_text(event, start))
        for start in recurrence.next_occurrences(event, now, UPCOMING_SHOWN)
    ]


def _page(request, event, *, form=None, document_form=None, status=200):
    now = timezone.now()
    choices = _choices(event, now)
    if form is None:
        form = RegistrationForm(choices=choices, anonymous=not request.user.is_authenticated)
    upcoming = [
        {
            "iso": start,
            "when": label,
            "places": selectors.places(event, recurrence.occurrence_read(start)),
        }
        for start, label in choices
    ]
    manages = can_manage_events(request.user, project=event.project)
    last = recurrence.last_occurrence(event, now)
    mine = [
        {
            "registration": r,
            "when": texts.when_text(event, r.occurrence),
            "position": selectors.waiting_position(r),
        }
        for r in selectors.my_registrations(event, request.user)
    ]
    movements = selectors.movements_of(event)
    context = {
        "event": event,
        "project": event.project,
        "project_url": project_url(event.project),
        "first_when": texts.when_text(event, event.starts),
        "rule": texts.rule_text(event),
        "upcoming": upcoming,
        "last_when": texts.when_text(event, last) if last else "",
        "spoken": texts.languages_text(event.languages),
        "interpreted": texts.languages_text(event.interpretation),
        "contribution": texts.contribution_text(event),
        "give_url": reverse("contributions:give", kwargs={"fund": event.project.fund.slug})
        if event.contribution != EventContribution.NONE
        else None,
        "movements": movements,
        "both_movements": {m.code for m in movements} >= {"ess", "commons"},
        "documents": event.documents.filter(hidden=False).order_by("title"),
        "form": form if choices and event.status == "scheduled" else None,
        "mine": mine,
        "manages": manages,
        "document_form": (document_form or DocumentForm()) if manages and last else None,
        "feed_url": request.build_absolute_uri(
            reverse("events:project_ics", kwargs={"slug": event.project.slug})
        ),
    }
    return render(request, "events/detail.html", context, status=status)


def _event(pk) -> Event:
    found = selectors.event_by_id(pk)
    if found is None:
        from django.http import Http404

        raise Http404
    return found


def detail(request, pk: int):
    return _page(request, _event(pk))


@require_POST
def register(request, pk: int):
    event = _event(pk)
    choices = _choices(event, timezone.now())
    form = RegistrationForm(
        request.POST, choices=choices, anonymous=not request.user.is_authenticated
    )

    def write():
        chosen = form.cleaned_data.get("occurrence")
        return services.registration_create(
            event=event,
            occurrence=recurrence.occurrence_read(chosen) if chosen else None,
            user=request.user,
            name=form.cleaned_data.get("name", ""),
            email=form.cleaned_data.get("email", ""),
        )

    written = form_written(request, form, write)
    if written is None:
        return _page(request, event, form=form, status=400)
    if written.status == "registered":
        messages.success(request, _("You are registered. See you there!"))
    else:
        messages.info(
            request,
            _("The event is full: you are number %(position)s on the waiting list.")
            % {"position": selectors.waiting_position(written)},
        )
    return redirect("events:detail", pk=event.pk)


@require_POST
@login_required
def cancel(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("event__project"), pk=pk)
    if not services.can_cancel(request.user, registration):
        require(lambda user: False, request.user)
    services.registration_cancel(registration=registration, recorder=request.user)
    messages.success(request, _("The registration is cancelled."))
    if registration.user_id != request.user.pk:  # a manager, from the list of who registered
        return redirect("events:registrations", pk=registration.event_id)
    return redirect("events:detail", pk=registration.event_id)


@login_required
def registrations(request, pk: int):
    event = _event(pk)
    require(can_manage_events, request.user, project=event.project)
    rows = []
    for registration in selectors.registrations_of(event):
        rows.append(
            {
                "registration": registration,
                "when": texts.when_text(event, registration.occurrence),
            }
        )
    return render(
        request,
        "events/registrations.html",
        {"event": event, "rows": rows, "code": event.commodity},
    )


@require_POST
@login_required
def document_add(request, pk: int):
    event = _event(pk)
    require(can_manage_events, request.user, project=event.project)
    form = DocumentForm(request.POST)

    def write():
        document = Document.objects.filter(slug=form.cleaned_data["document"]).first()
        if document is None:
            raise ValidationError({"document": _("No document of the catalogue has this slug.")})
        services.document_attach(event=event, document=document, recorder=request.user)
        return document

    if form_written(request, form, write) is None:
        return _page(request, event, document_form=form, status=400)
    messages.success(request, _("The document is attached to the event."))
    return redirect("events:detail", pk=event.pk)


@login_required
def event_new(request, slug: str):
    """A project's manager adds an event: its first date and times on its own clock."""
    project = get_object_or_404(Project, slug=slug)
    require(can_manage_events, request.user, project=project)
    form = EventForm(request.POST or None)

    def write():
        data = form.cleaned_data
        clock = recurrence.zone(data["time_zone"])
        starts = datetime.datetime.combine(data["day"], data["starts_at"], tzinfo=clock)
        ends = datetime.datetime.combine(data["day"], data["ends_at"], tzinfo=clock)
        if ends <= starts:  # a fiesta past midnight ends the next day
            ends = datetime.datetime.combine(
                data["day"] + datetime.timedelta(days=1), data["ends_at"], tzinfo=clock
            )
        language = translation.get_language() or "fr"
        return services.event_create(
            project=project,
            title={language: data["title"]},
            description={language: data["description"]},
            starts=starts,
            ends=ends,
            time_zone=data["time_zone"],
            recurrence_rule=recurrence_for(data["repeats"], data["day"]),
            place=data["place"],
            online_url=data["online_url"],
            languages=data["languages"],
            interpretation=data["interpretation"],
            capacity=data["capacity"],
            contribution=data["contribution"],
            amount=data["amount"],
            commodity=project.commodity,
            recorder=request.user,
        )

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The event is added to the project and its calendar."))
        return redirect("events:detail", pk=made.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/new.html",
        {"form": form, "project": project, "project_url": project_url(project)},
        status=status,
    )


def project_ics(request, slug: str):
    project = get_object_or_404(Project, slug=slug)
    language = feed_language(request)
    with translation.override(language):
        name = _("Events of %(project)s") % {"project": project.title_text}
        return ical.feed_response(
            request,
            ical.events_for_feed(project=project),
            name=name,
            language=language,
            filename=f"{project.slug}.ics",
        )


app_name = "events"

urlpatterns = [
    path("<int:pk>/", detail, name="detail"),
    path("new/<slug:slug>/", event_new, name="new"),
    path("<int:pk>/register/", register, name="register"),
    path("<int:pk>/registrations/", registrations, name="registrations"),
    path("<int:pk>/documents/", document_add, name="document_add"),
    path("registrations/<int:pk>/cancel/", cancel, name="cancel"),
    path("projects/<slug:slug>.ics", project_ics, name="project_ics"),
]
