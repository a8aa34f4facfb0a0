"""The event page and its registration form, who registered (managers), minutes afterwards, the
project's feed and the platform's one calendar."""

import datetime

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from remix.catalogue.tests.builders import doc
from remix.events.models import Registration
from remix.events.tests import builders

pytestmark = pytest.mark.django_db


def test_a_visitor_registers_with_name_and_e_mail_then_waits_when_full(client):
    event = builders.event(capacity=1, contribution="free_price", amount="5")

    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Seeds workshop" in page and "Free price (suggested: €5.00)" in page
    assert "Wolof" in page and "1 place left" in page

    for name in ("ana", "ben"):
        answer = client.post(
            f"/en/events/{event.pk}/register/", {"name": name, "email": f"{name}@example.org"}
        )
        assert answer.status_code == 302
    assert list(Registration.objects.values_list("name", "status")) == [
        ("ana", "registered"),
        ("ben", "waiting"),
    ]
    again = client.post(
        f"/en/events/{event.pk}/register/", {"name": "A", "email": "ANA@example.org"}
    )
    assert again.status_code == 400
    assert "already registered" in again.content.decode()


def test_a_member_registers_for_one_date_of_the_call_and_cancels(client, make_user):
    call = builders.monthly_call()
    member = make_user("amina", roles=["member"])
    client.force_login(member)
    page = client.get(f"/en/events/{call.pk}/").content.decode()
    assert "Every month, the third Tuesday" in page
    second = page.split('<option value="')[2].split('"')[0]

    answer = client.post(f"/events/{call.pk}/register/", {"occurrence": second})

    assert answer.status_code == 302
    registration = Registration.objects.get(user=member)
    assert (
        registration.occurrence.isoformat() == datetime.datetime.fromisoformat(second).isoformat()
    )
    client.post(f"/events/registrations/{registration.pk}/cancel/")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_only_managers_read_who_registered_and_attach_minutes(client, make_user):
    event = builders.event(days=-2)
    Registration.objects.create(
        event=event,
        occurrence=event.starts,
        name="Ana",
        email="ana@example.org",
        status="registered",
    )
    client.force_login(make_user("yasmine", roles=["member"]))
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 403
    manager = make_user("gerante", roles=["member"])
    event.project.managers.add(manager)
    client.force_login(manager)
    assert "ana@example.org" in client.get(f"/events/{event.pk}/registrations/").content.decode()

    ana = Registration.objects.get(event=event)
    assert client.post(f"/events/registrations/{ana.pk}/cancel/").status_code == 302
    ana.refresh_from_db()
    assert ana.status == "cancelled"

    minutes = doc("Compte rendu de l'atelier")
    answer = client.post(f"/events/{event.pk}/documents/", {"document": minutes.slug})

    assert answer.status_code == 302
    assert "Compte rendu de l&#x27;atelier" in client.get(f"/events/{event.pk}/").content.decode()


def test_the_project_feed_holds_the_call_s_rrule_on_paris_time_with_its_vtimezone(client):
    call = builders.monthly_call()

    response = client.get(f"/events/projects/{call.project.slug}.ics")

    assert response.status_code == 200
    raw = response.content.decode()
    assert "DTSTART;TZID=Europe/Paris:20260120T200000" in raw
    assert "RRULE:FREQ=MONTHLY;BYDAY=3TU" in raw
    feed = icalendar.Calendar.from_ical(response.content)
    assert [str(z["TZID"]) for z in feed.walk("VTIMEZONE")] == ["Europe/Paris"]
    (item,) = feed.walk("VEVENT")
    assert item["DTEND"].dt - item["DTSTART"].dt == datetime.timedelta(hours=1)


def test_events_join_the_platform_s_calendar_page_and_public_feed(client):
    event = builders.event(days=5)
    call = builders.monthly_call()

    page = client.get("/en/funding/calendar/").content.decode()
    assert "Events of the mediation projects" in page
    assert f'href="/en/events/{event.pk}/"' in page and f'href="/en/events/{call.pk}/"' in page
    feed = icalendar.Calendar.from_ical(client.get("/funding/deadlines.ics").content)
    uids = {str(item["UID"]) for item in feed.walk("VEVENT")}
    assert {f"event-{event.pk}@testserver", f"event-{call.pk}@testserver"} <= uids


def test_the_project_events_tag_lists_coming_and_past_events():
    coming = builders.event(days=3)
    past = builders.event(coming.project, days=-30, title={"fr": "Atelier passé"})
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    html = Template("{% load events %}{% project_events project %}").render(
        Context({"project": coming.project, "request": request})
    )

    assert f'href="/events/{coming.pk}/"' in html and f'href="/events/{past.pk}/"' in html
    assert f"http://testserver/events/projects/{coming.project.slug}.ics" in html


def test_the_common_trunk_names_the_coming_events_of_each_theme(client, db):
    import datetime

    from remix.allies.models import Actor, Movement, Theme
    from remix.events.tests.builders import event, project

    theme = Theme.objects.create(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    for slug, movement in (("a", "ess"), ("b", "commons")):
        actor = Actor.objects.create(slug=slug, name=slug.upper(), kind="organisation")
        actor.movements.add(Movement.objects.get(code=movement))
        actor.themes.add(theme)
    made = project("rencontre-semences")
    made.themes.add(theme)
    coming = event(made, title={"fr": "Atelier semences", "en": "Seeds workshop"})
    past = event(made, title={"fr": "Atelier passé", "en": "Past workshop"}, days=-30)
    assert past.ends < coming.starts - datetime.timedelta(days=30)

    page = client.get("/allies/trunk/").content.decode()

    assert f'href="/events/{coming.pk}/"' in page and "Atelier semences" in page
    assert "Atelier passé" not in page


def test_a_manager_adds_a_monthly_event_on_its_own_clock_a_member_may_not(client, make_user):
    from remix.events.models import Event

    project = builders.project()
    client.force_login(make_user("amina", roles=["member"]))
    assert client.get(f"/en/events/new/{project.slug}/").status_code == 403
    manager = make_user("camille", roles=["member"])
    project.managers.add(manager)
    client.force_login(manager)
    assert "Add an event" in client.get(f"/en/projects/{project.slug}/").content.decode()
    form = {
        "title": "The monthly call",
        "day": "2027-01-19",  # the third Tuesday of January
        "starts_at": "20:00",
        "ends_at": "21:00",
        "time_zone": "Europe/Paris",
        "repeats": "monthly_weekday",
        "online_url": "https://visio.example.org/appel",
        "languages": "fr, es",
        "contribution": "none",
    }

    refused = client.post(f"/en/events/new/{project.slug}/", {**form, "online_url": ""})
    answer = client.post(f"/en/events/new/{project.slug}/", form)

    assert refused.status_code == 400 and "online link" in refused.content.decode()
    event = Event.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/events/{event.pk}/")
    assert event.recurrence == "FREQ=MONTHLY;BYDAY=3TU"
    assert event.starts == datetime.datetime(2027, 1, 19, 19, 0, tzinfo=datetime.UTC)
    assert event.ends - event.starts == datetime.timedelta(hours=1)
    assert event.languages == ["fr", "es"] and event.title == {"en": "The monthly call"}


def test_a_fiesta_past_midnight_ends_the_next_day(client, make_user):
    from remix.events.models import Event

    project = builders.project()
    client.force_login(make_user("louise", roles=["member", "steward"]))
    form = {
        "title": "Fiesta",
        "day": "2027-06-05",
        "starts_at": "20:00",
        "ends_at": "02:00",
        "time_zone": "Europe/Paris",
        "place": "La Fabrique, Lyon",
        "contribution": "fixed",
        "amount": "8",
        "capacity": "200",
    }

    assert client.post(f"/events/new/{project.slug}/", form).status_code == 302

    event = Event.objects.get()
    assert event.ends - event.starts == datetime.timedelta(hours=6)
    assert (event.amount_minor, event.capacity, event.recurrence) == (800, 200, "")
