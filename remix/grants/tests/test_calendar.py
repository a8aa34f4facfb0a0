"""The deadlines' calendar page and its iCal feeds, read back with the icalendar library."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.utils import timezone, translation

from remix.grants import deadlines, services
from remix.grants.models import CalendarToken
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def today() -> datetime.date:
    return timezone.localdate()


def on(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def call(title="Appel ESS 2027", days=20, **extra):
    """A call with its five dated steps around an application deadline at noon in Paris."""
    steps = {
        "opens_on": on(days - 15),
        "letter_of_intent_on": on(days - 5),
        "deadline": datetime.datetime.combine(on(days), datetime.time(12, 0), tzinfo=PARIS),
        "decision_on": on(days + 40),
        "report_due_on": on(days + 300),
    }
    return builders.opportunity(title=title, **{**steps, **extra})


def feed(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    found = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"{uid} twice"
        found[uid] = event
    return found


def drafting(owner, opportunity, fund=None):
    application = services.application_create(
        opportunity=opportunity, fund=fund or builders.fund(), owner=owner, amount_requested="6000"
    )
    services.plan_set(application=application, lines=builders.PLAN)
    for stage in ("qualified", "drafting"):
        application = services.application_stage(application=application, to=stage)
    return application


def granted(owner, opportunity, fund=None):
    application = drafting(owner, opportunity, fund)
    application = services.application_stage(application=application, to="submitted")
    return services.application_stage(application=application, to="granted", amount_granted="6000")


# --- the feeds -----------------------------------------------------------------------------------


def test_the_public_feed_holds_each_step_once_the_deadline_in_utc_the_others_all_day(client):
    opportunity = call()
    other = call(title="Fonds numérique francophone", days=45)

    response = client.get("/funding/deadlines.ics")
    calendar = feed(client, "/funding/deadlines.ics")
    found = events(calendar)

    steps = ["opens", "letter_of_intent", "deadline", "decision", "report_due"]
    assert sorted(found) == sorted(
        f"opportunity-{o.pk}-{step}@testserver" for o in (opportunity, other) for step in steps
    )
    assert calendar["X-WR-TIMEZONE"] == "Europe/Paris"
    assert calendar["VERSION"] == "2.0"
    deadline = found[f"opportunity-{opportunity.pk}-deadline@testserver"]
    start = deadline["DTSTART"].dt
    assert start.utcoffset() == datetime.timedelta(0)  # stored in UTC…
    assert start == datetime.datetime.combine(on(20), datetime.time(12, 0), tzinfo=PARIS)  # …noon
    raw = response.content.decode()
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in raw
    assert "DTSTAMP:" in raw
    opens = found[f"opportunity-{opportunity.pk}-opens@testserver"]
    assert opens["DTSTART"].dt == on(5)
    assert opens["DTSTART"].params["VALUE"] == "DATE"  # an all-day event
    assert opens["DTEND"].dt == on(6)
    assert f"DTSTART;VALUE=DATE:{on(5):%Y%m%d}" in raw
    assert str(deadline["URL"]) == f"http://testserver/funding/opportunities/{opportunity.slug}/"


def test_a_summer_deadline_at_noon_in_paris_is_ten_o_clock_utc(client):
    year = today().year + 1
    summer = builders.opportunity(
        title="Appel d'été", deadline=datetime.datetime(year, 6, 30, 12, 0, tzinfo=PARIS)
    )

    event = events(feed(client, "/funding/deadlines.ics"))[
        f"opportunity-{summer.pk}-deadline@testserver"
    ]

    assert f"DTSTART:{year}0630T100000Z" in event.to_ical().decode()  # summer time: UTC+2


def test_the_feed_speaks_the_address_s_language_or_the_one_asked(client):
    opportunity = call()
    uid = f"opportunity-{opportunity.pk}-deadline@testserver"

    english = events(feed(client, "/en/funding/deadlines.ics"))[uid]
    spanish = client.get("/funding/deadlines.ics?lang=es")
    french = events(feed(client, "/funding/deadlines.ics"))[uid]

    assert str(english["SUMMARY"]) == "Application deadline: Appel ESS 2027"
    assert str(english["URL"]).endswith(f"/en/funding/opportunities/{opportunity.slug}/")
    assert spanish["Content-Language"] == "es"
    described = str(events(icalendar.Calendar.from_ical(spanish.content))[uid]["DESCRIPTION"])
    assert "de 20" in described and "12:00" in described  # « 15 de enero de 2027, 12:00 »
    assert str(french["URL"]) == f"http://testserver/funding/opportunities/{opportunity.slug}/"
    with translation.override("fr"):
        assert (
            str(french["SUMMARY"])
            == deadlines.Deadline(opportunity.deadline, "deadline", opportunity).summary
        )


def test_a_drafting_application_s_private_task_never_reaches_the_public_feeds(client, make_user):
    owner = make_user("coordinatrice", roles=["member"], language="es")
    opportunity = call()
    application = drafting(owner, opportunity)
    task = services.task_add(
        application=application, title="Budget confidentiel", assignee=owner, due_on=on(10)
    )

    public = client.get("/funding/deadlines.ics").content.decode()
    of_fund = client.get(f"/funding/funds/{application.fund.slug}/deadlines.ics").content.decode()
    key = services.calendar_token(user=owner).key
    mine = feed(client, f"/funding/deadlines/{key}.ics")

    for text in (public, of_fund):
        assert "Budget confidentiel" not in text and f"task-{task.pk}" not in text
        assert f"application-{application.pk}" not in text
    found = events(mine)
    assert str(found[f"task-{task.pk}@testserver"]["SUMMARY"]).count("Budget confidentiel") == 1
    assert found[f"task-{task.pk}@testserver"]["DTSTART"].dt == on(10)
    assert f"opportunity-{opportunity.pk}-deadline@testserver" in found
    assert str(found[f"task-{task.pk}@testserver"]["URL"]).endswith(
        f"/funding/applications/{application.pk}/"
    )


def test_a_person_s_feed_needs_its_secret_address_and_speaks_their_language(client, make_user):
    owner = make_user("coordinatrice", roles=["member"], language="es")
    call()
    key = services.calendar_token(user=owner).key

    assert client.get("/funding/deadlines/not-a-key.ics").status_code == 404
    mine = client.get(f"/funding/deadlines/{key}.ics")
    assert mine.status_code == 200 and mine["Content-Language"] == "es"
    assert client.get(f"/funding/deadlines/{key}.ics?lang=en")["Content-Language"] == "en"

    renewed = services.calendar_token(user=owner, renew=True).key
    assert renewed != key
    assert client.get(f"/funding/deadlines/{key}.ics").status_code == 404
    assert client.get(f"/funding/deadlines/{renewed}.ics").status_code == 200
    owner.is_active = False
    owner.save()
    assert client.get(f"/funding/deadlines/{renewed}.ics").status_code == 404


def test_a_fund_s_feed_holds_its_calls_and_its_granted_application_s_report_once(client, make_user):
    owner = make_user("coordinatrice", roles=["member"])
    fiesta = builders.fund("fiesta-2026")
    fitting = call(title="Appel culture", days=30, funds=[fiesta])
    elsewhere = call(title="Appel ailleurs", days=35)
    answered = call(title="Appel ESS 2027", days=10)
    application = granted(owner, answered, fiesta)

    found = events(feed(client, "/funding/funds/fiesta-2026/deadlines.ics"))

    assert f"opportunity-{fitting.pk}-deadline@testserver" in found
    assert f"opportunity-{answered.pk}-deadline@testserver" in found
    assert not any(uid.startswith(f"opportunity-{elsewhere.pk}-") for uid in found)
    # The granted application's report due stands for its call's, said once.
    assert f"application-{application.pk}-report_due@testserver" in found
    assert f"opportunity-{answered.pk}-report_due@testserver" not in found
    assert client.get("/funding/funds/no-such-fund/deadlines.ics").status_code == 404


@pytest.mark.dated
def test_a_person_s_deadlines_are_their_calls_reports_and_tasks(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    helper = make_user("benevole", roles=["member"])
    mine = call(title="Appel ESS 2027", days=10)
    call(title="Appel d'un autre", days=12)
    application = granted(owner, mine)
    services.task_add(application=application, title="Bilan", assignee=helper, due_on=on(200))
    done = services.task_add(application=application, title="Fait", assignee=helper, due_on=on(5))
    services.task_done(task=done)

    owners = deadlines.deadlines_for_user(owner)
    helpers = deadlines.deadlines_for_user(helper, on(0), on(250))

    assert {d.uid for d in owners} == {
        f"opportunity-{mine.pk}-opens",
        f"opportunity-{mine.pk}-letter_of_intent",
        f"opportunity-{mine.pk}-deadline",
        f"opportunity-{mine.pk}-decision",
        f"application-{application.pk}-report_due",
    }
    assert [d.what for d in helpers] == ["letter_of_intent", "deadline", "decision", "task"]
    assert [d.day for d in helpers] == sorted(d.day for d in helpers)


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.dated
def test_the_calendar_shows_the_next_90_days_by_month_with_links(client):
    soon = call(title="Appel ESS 2027", days=20)
    later = call(title="Appel lointain", days=200)

    page = client.get("/en/funding/calendar/").content.decode()

    assert f'href="/en/funding/opportunities/{soon.slug}/"' in page
    assert "Appel lointain" not in page
    with translation.override("en"):
        assert deadlines.when_text(deadlines.opportunity_deadlines(soon)[2]) in page
    assert "http://testserver/en/funding/deadlines.ics" in page
    assert "/funding/deadlines/" not in page.replace("/funding/deadlines.ics", "")  # no key
    month = later.deadline.astimezone(PARIS).strftime("%Y-%m")
    other = client.get(f"/en/funding/calendar/?month={month}").content.decode()
    assert "Appel lointain" in other and "Appel ESS 2027" not in other
    assert 'rel="prev"' in other and 'rel="next"' in other


def test_a_member_finds_her_own_feed_address_and_renews_it(client, make_user):
    owner = make_user("coordinatrice", roles=["member"])
    application = drafting(owner, call())
    services.task_add(application=application, title="Relire le budget", due_on=on(3))
    client.force_login(owner)

    page = client.get("/en/funding/calendar/").content.decode()
    key = CalendarToken.objects.get(user=owner).key
    assert f"/en/funding/deadlines/{key}.ics" in page
    assert "Relire le budget" in page  # an unassigned task of her own application
    assert f'href="/en/funding/applications/{application.pk}/"' in page

    response = client.post("/en/funding/calendar/renew/")
    assert response.status_code == 302
    assert CalendarToken.objects.get(user=owner).key != key
    client.logout()
    assert "Relire le budget" not in client.get("/en/funding/calendar/").content.decode()
