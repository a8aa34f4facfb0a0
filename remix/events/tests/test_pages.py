"""The event page and its registration form, who registered (managers), minutes afterwards, the
project's feed and the platform's one calendar."""

import datetime

import icalendar
import pytest
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
