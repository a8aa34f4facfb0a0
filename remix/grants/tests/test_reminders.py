"""Reminders before each deadline, with a frozen clock: the right people, the right e-mails, once,
each in its reader's language."""

import datetime
import threading
import time
import zoneinfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from remix.grants import services
from remix.grants.models import ReminderSent
from remix.grants.reminders import reminders_send
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2027, 3, 1, 7, 0, tzinfo=PARIS)  # the cron job's morning


def day(days: int) -> datetime.date:
    return NOW.date() + datetime.timedelta(days=days)


def call(title="Appel ESS 2027", **dates):
    return builders.opportunity(
        title=title,
        opens_on=datetime.date(2027, 2, 1),
        letter_of_intent_on=day(3),  # 4 March
        deadline=datetime.datetime(2027, 3, 8, 12, 0, tzinfo=PARIS),  # 7 days away, at noon
        decision_on=day(30),
        **dates,
    )


PATHS = {
    "spotted": [],
    "drafting": ["qualified", "drafting"],
    "submitted": ["qualified", "drafting", "submitted"],
    "refused": ["qualified", "drafting", "submitted", "refused"],
    "granted": ["qualified", "drafting", "submitted", "granted"],
    "closed": ["qualified", "drafting", "submitted", "granted", "reporting", "closed"],
}


def application(owner, opportunity, stage, fund="fiesta-2026"):
    """An application of ``owner``'s, moved to ``stage`` the way a coordinator would."""
    found = services.application_create(
        opportunity=opportunity, fund=builders.fund(fund), owner=owner, amount_requested="6000"
    )
    services.plan_set(application=found, lines=builders.PLAN)
    for step in PATHS[stage]:
        if step == "closed":
            services.report_accept(application=found, on=NOW.date())
        granting = {"amount_granted": "6000"} if step == "granted" else {}
        found = services.application_stage(application=found, to=step, **granting)
    return found


@pytest.fixture(autouse=True)
def _site(settings):
    settings.REMIX_SITE_URL = "https://remix.example.org"


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_owners_of_applications_not_yet_submitted_get_one_e_mail_each_in_their_language(
    make_user,
):
    camille = make_user("camille", roles=["member"], language="fr")
    lucia = make_user("lucia", roles=["member"], language="es")
    sam = make_user("sam", roles=["member"])
    rene = make_user("rene", roles=["member"])
    opportunity = call()
    hers = application(camille, opportunity, "drafting")
    spotted = application(lucia, opportunity, "spotted", fund="radio-libre")
    application(sam, opportunity, "submitted", fund="atelier")
    application(rene, opportunity, "refused", fund="jardins")

    outcome = reminders_send(now=NOW)

    assert len(outcome.sent) == 4 and outcome.failed == []
    assert {tuple(m.to) for m in mail.outbox} == {("camille@example.org",), ("lucia@example.org",)}
    french = {m.extra_headers["Content-Language"] for m in sent_to("camille@example.org")}
    assert french == {"fr"}
    deadline_fr, intent_fr = sorted(
        sent_to("camille@example.org"), key=lambda m: "4 mars" in m.body
    )
    assert "8 mars 2027" in deadline_fr.body and "12:00" in deadline_fr.body
    assert f"https://remix.example.org/funding/applications/{hers.pk}/" in deadline_fr.body
    assert "4 mars 2027" in intent_fr.body and "12:00" not in intent_fr.body
    assert "Appel ESS 2027" in deadline_fr.subject
    spanish = sent_to("lucia@example.org")
    assert {m.extra_headers["Content-Language"] for m in spanish} == {"es"}
    assert any("8 de marzo de 2027" in m.body for m in spanish)
    assert all(f"/es/funding/applications/{spotted.pk}/" in m.body for m in spanish)
    html, kind = spanish[0].alternatives[0]
    assert kind == "text/html" and f"/es/funding/applications/{spotted.pk}/" in html
    assert ReminderSent.objects.filter(what="deadline", days_before=7).count() == 2
    assert ReminderSent.objects.filter(what="letter_of_intent", days_before=3).count() == 2

    mail.outbox.clear()
    again = reminders_send(now=NOW.replace(hour=18))  # the same day, later
    assert again.sent == [] and mail.outbox == []


def test_a_report_due_reaches_the_granted_owner_and_a_task_its_assignee_only(make_user):
    camille = make_user("camille", roles=["member"])
    lucia = make_user("lucia", roles=["member"], language="es")
    sam = make_user("sam", roles=["member"])
    report_call = builders.opportunity(title="Fonds numérique", report_due_on=day(14))
    granted = application(camille, report_call, "granted")
    application(sam, report_call, "closed", fund="atelier")
    drafting = application(camille, call(title="Appel culture"), "drafting", fund="radio-libre")
    services.task_add(application=drafting, title="Budget", assignee=lucia, due_on=day(1))
    done = services.task_add(application=drafting, title="Fait", assignee=lucia, due_on=day(1))
    services.task_done(task=done)
    refused = application(sam, call(title="Appel refusé"), "refused", fund="jardins")
    services.task_add(application=refused, title="Rien", assignee=lucia, due_on=day(1))

    reminders_send(now=NOW)

    report = [m for m in sent_to("camille@example.org") if "Fonds numérique" in m.subject]
    assert len(report) == 1
    assert "15 mars 2027" in report[0].body
    assert f"/funding/applications/{granted.pk}/" in report[0].body
    assert sent_to("sam@example.org") == []  # closed: its report was accepted
    tasks = sent_to("lucia@example.org")
    assert len(tasks) == 1
    assert "Budget" in tasks[0].subject and "2 de marzo de 2027" in tasks[0].body
    assert f"/es/funding/applications/{drafting.pk}/" in tasks[0].body


def test_days_not_in_the_list_send_nothing_and_the_list_is_a_setting(make_user, settings):
    camille = make_user("camille", roles=["member"])
    application(camille, call(), "drafting")
    five_days_before = NOW + datetime.timedelta(days=2)  # the deadline 5 days away, the LOI 1

    settings.REMIX_REMINDER_DAYS = [30, 14, 7, 3]
    assert reminders_send(now=five_days_before).sent == []
    assert mail.outbox == []

    settings.REMIX_REMINDER_DAYS = [5]
    sent = reminders_send(now=five_days_before).sent
    assert [(r.deadline.what, r.days) for r in sent] == [("deadline", 5)]
    assert "5" in mail.outbox[0].subject


class RefusingBackend(EmailBackend):
    """A mail server that turns Lucia away: the run goes on for the others."""

    def send_messages(self, messages):
        if any("lucia@example.org" in m.to for m in messages):
            raise ConnectionRefusedError("the mail server is down")
        return super().send_messages(messages)


def test_an_e_mail_that_could_not_leave_is_not_marked_sent_and_goes_next_time(make_user, settings):
    camille = make_user("camille", roles=["member"])
    lucia = make_user("lucia", roles=["member"], language="es")
    opportunity = call()
    application(camille, opportunity, "drafting")
    application(lucia, opportunity, "drafting", fund="radio-libre")
    settings.EMAIL_BACKEND = "remix.grants.tests.test_reminders.RefusingBackend"

    first = reminders_send(now=NOW)

    assert len(first.sent) == 2 and len(first.failed) == 2
    assert {m.to[0] for m in mail.outbox} == {"camille@example.org"}
    assert not ReminderSent.objects.filter(user=lucia).exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    second = reminders_send(now=NOW)
    assert len(second.sent) == 2
    assert {m.to[0] for m in mail.outbox} == {"lucia@example.org"}


@pytest.mark.dated
def test_the_command_says_how_many_were_sent_and_a_second_run_none(make_user, capsys):
    camille = make_user("camille", roles=["member"])
    application(camille, call(), "drafting")

    with translation.override("en"):
        call_command("send-reminders", "--now", "2027-03-01T07:00")
        call_command("send-reminders", "--now", "2027-03-01")
        with pytest.raises(CommandError):
            call_command("send-reminders", "--now", "tomorrow")

    out = capsys.readouterr().out
    assert out.splitlines() == ["2 reminders sent.", "0 reminders sent."]
    assert len(mail.outbox) == 2


class SlowBackend(EmailBackend):
    """A mail server that takes its time: long enough for a second run to reach the same e-mail."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_e_mail_once(make_user, settings):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database shares one cache between threads, which locks "
            "whole tables and fails instead of waiting; the race is proven on PostgreSQL."
        )
    camille = make_user("camille", roles=["member"])
    lucia = make_user("lucia", roles=["member"], language="es")
    opportunity = call()
    application(camille, opportunity, "drafting")
    application(lucia, opportunity, "drafting", fund="radio-libre")
    settings.EMAIL_BACKEND = "remix.grants.tests.test_reminders.SlowBackend"
    start = threading.Barrier(2)
    counts = []

    def run():
        try:
            start.wait()
            counts.append(len(reminders_send(now=NOW).sent))
        finally:
            connection.close()

    runs = [threading.Thread(target=run) for _ in range(2)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()

    assert sum(counts) == 4 == len(mail.outbox) == ReminderSent.objects.count()
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        set((m.to[0], m.subject) for m in mail.outbox)
    )
