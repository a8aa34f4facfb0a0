"""Rules of the funding search that a small slip would break without another test noticing: the
sign of a plan's breach, the edges of the search's amounts and deadline window, which calls a
fund's feed or a person's calendar may show, who gets a reminder, the services' own guards, the
board's next deadline, and who may act from the pages."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.grants import deadlines, reminders, report, selectors, services
from remix.grants.models import Opportunity
from remix.grants.plan import Line, Rules, Source, check
from remix.grants.selectors.opportunities import OpportunityFilter
from remix.grants.tests import builders

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=PARIS)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def titles(*, now=NOW, **filters) -> list[str]:
    found = selectors.opportunities.opportunities_search(
        filters=OpportunityFilter(**filters), now=now
    )
    return [opportunity.title for opportunity in found]


def moved(application, *stages, **extra):
    for stage in stages:
        application = services.application_stage(application=application, to=stage, **extra)
    return application


def answered(owner, opportunity, fund, *stages):
    """An application of ``owner``'s with a plan that keeps the rules, moved through ``stages``."""
    application = services.application_create(
        opportunity=opportunity, fund=fund, owner=owner, amount_requested="6000"
    )
    services.plan_set(application=application, lines=builders.PLAN)
    return moved(application, *stages, amount_granted="6000")


# --- the plan check ------------------------------------------------------------------------------


def test_a_plan_funded_beyond_its_costs_says_the_excess_as_a_positive_amount():
    result = check(
        [Line(1_000_000)],
        [Line(600_000, Source.THIS_GRANT), Line(500_000, Source.OWN)],
        Rules(),
    )
    (breach,) = result.breaches
    assert (breach.code, breach.amount, breach.limit, breach.actual) == (
        "unbalanced",
        100_000,
        1_000_000,
        1_100_000,
    )


# --- the search ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_amount_on_either_end_of_a_range_or_equal_to_the_typical_amount_fits():
    builders.opportunity(title="Entre", amount_min_minor=500_000, amount_max_minor=1_500_000)
    builders.opportunity(title="Environ", amount_typical_minor=2_000_000)

    def fitting(amount: str) -> set[str]:
        return set(titles(amount=Decimal(amount), window="all"))

    assert fitting("5000") == fitting("15000") == {"Entre", "Environ"}
    assert fitting("4999.99") == fitting("15000.01") == fitting("20000") == {"Environ"}
    assert fitting("20000.01") == set()


@pytest.mark.django_db
def test_a_deadline_exactly_at_the_end_of_the_window_is_in_it():
    edge = NOW + datetime.timedelta(days=30)
    builders.opportunity(title="Au bord", deadline=edge)
    builders.opportunity(title="Juste après", deadline=edge + datetime.timedelta(seconds=1))

    assert titles(window="30") == ["Au bord"]
    assert titles(window="60") == ["Au bord", "Juste après"]


# --- who sees which deadlines --------------------------------------------------------------------


def call(title, *, days=20, **extra):
    """A call dated from NOW: opening, letter of intent, the deadline at noon, decision, report."""
    day = NOW.date() + datetime.timedelta(days=days)
    return builders.opportunity(
        title=title,
        opens_on=day - datetime.timedelta(days=15),
        deadline=datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=PARIS),
        decision_on=day + datetime.timedelta(days=40),
        report_due_on=day + datetime.timedelta(days=300),
        **extra,
    )


@pytest.mark.django_db
def test_a_fund_s_public_feed_does_not_reveal_the_calls_it_is_still_drafting_for(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    fiesta = builders.fund("fiesta-2026")
    secret = call("Appel en préparation")
    answered(owner, secret, fiesta, "qualified", "drafting")

    public = deadlines.deadlines_for_fund(fiesta)
    members = deadlines.deadlines_for_fund(fiesta, private=True)

    assert public == []
    assert {d.uid for d in members} == {
        f"opportunity-{secret.pk}-{step}"
        for step in ("opens", "deadline", "decision", "report_due")
    }


@pytest.mark.django_db
def test_a_fund_s_feed_for_members_keeps_its_tasks_within_the_days_asked(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    fiesta = builders.fund("fiesta-2026")
    application = answered(owner, call("Appel lointain", days=200), fiesta, "qualified")
    start = NOW.date()
    soon = services.task_add(
        application=application, title="Bientôt", due_on=start + datetime.timedelta(days=30)
    )
    services.task_add(
        application=application, title="Plus tard", due_on=start + datetime.timedelta(days=31)
    )

    found = deadlines.deadlines_for_fund(
        fiesta, start, start + datetime.timedelta(days=30), private=True
    )

    assert [d.uid for d in found] == [f"task-{soon.pk}"]


@pytest.mark.django_db
def test_a_refused_or_abandoned_application_leaves_its_call_out_of_its_owner_s_calendar(
    make_user,
):
    owner = make_user("coordinatrice", roles=["member"])
    refused = call("Appel refusé")
    abandoned = call("Appel abandonné", days=25)
    running = call("Appel en cours", days=30)
    answered(owner, refused, builders.fund("a"), "qualified", "drafting", "submitted", "refused")
    answered(owner, abandoned, builders.fund("b"), "abandoned")
    answered(owner, running, builders.fund("c"), "qualified")

    found = deadlines.deadlines_for_user(owner)

    assert {d.opportunity.title for d in found} == {"Appel en cours"}


# --- reminders -----------------------------------------------------------------------------------

MORNING = datetime.datetime(2027, 3, 1, 7, 0, tzinfo=PARIS)  # the cron job's run


@pytest.mark.django_db
def test_a_deactivated_account_gets_no_reminder_for_its_application_nor_its_task(
    make_user, settings
):
    settings.REMIX_REMINDER_DAYS = [7]
    gone = make_user("partie", roles=["member"])
    stays = make_user("reste", roles=["member"])
    soon = builders.opportunity(
        title="Appel ESS 2027", deadline=datetime.datetime(2027, 3, 8, 12, 0, tzinfo=PARIS)
    )
    hers = answered(gone, soon, builders.fund("a"), "qualified", "drafting")
    answered(stays, soon, builders.fund("b"), "qualified", "drafting")
    services.task_add(
        application=hers, title="Budget", assignee=gone, due_on=datetime.date(2027, 3, 8)
    )
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    sent = reminders.reminders_send(now=MORNING).sent

    assert [(r.user.username, r.deadline.what) for r in sent] == [("reste", "deadline")]
    assert [m.to for m in mail.outbox] == [["reste@example.org"]]


# --- the services' own guards --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_plan_of_a_submitted_application_is_refused_by_the_service_itself(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    application = answered(
        owner, builders.opportunity(), builders.fund(), "qualified", "drafting", "submitted"
    )

    with pytest.raises(ValidationError):
        services.plan_set(
            application=application,
            lines=[{"kind": "cost", "label": "Tout autre chose", "amount": "1"}],
        )

    assert application.plan.count() == len(builders.PLAN)


@pytest.mark.django_db
def test_only_a_granted_application_has_its_final_report_accepted(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    drafting = answered(owner, builders.opportunity(), builders.fund(), "qualified", "drafting")

    with pytest.raises(ValidationError):
        services.report_accept(application=drafting, on=datetime.date(2027, 3, 1))

    drafting.refresh_from_db()
    assert drafting.report_accepted_on is None


# --- the board -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_letter_of_intent_due_today_is_still_the_card_s_next_deadline(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    today = datetime.date(2027, 3, 1)
    opportunity = builders.opportunity(
        letter_of_intent_on=today, deadline=datetime.datetime(2027, 3, 20, 12, 0, tzinfo=PARIS)
    )
    drafting = answered(owner, opportunity, builders.fund(), "qualified", "drafting")

    shown = report.next_deadline(drafting, today=today)

    assert (shown.when, shown.overdue) == (today, False)  # the letter, not the deadline after


@pytest.mark.django_db
def test_closing_is_one_click_once_the_final_report_was_accepted(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    application = answered(
        owner,
        builders.opportunity(),
        builders.fund(),
        *("qualified", "drafting", "submitted", "granted", "reporting"),
    )
    assert report.move_needs_details(application, "closed")

    application = services.report_accept(application=application, on=datetime.date(2027, 3, 1))

    assert not report.move_needs_details(application, "closed")


# --- who may act from the pages ------------------------------------------------------------------


@pytest.fixture
def outsider(make_user):
    """A signed-up person without the member role."""
    user = make_user("visiteur")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    return user


@pytest.mark.django_db
def test_only_a_member_marks_a_task_done(client, make_user, outsider):
    owner = make_user("coordinatrice", roles=["member"])
    application = answered(owner, builders.opportunity(), builders.fund(), "qualified")
    task = services.task_add(application=application, title="Demander le RIB")
    url = reverse("grants:application_task_done", kwargs={"pk": application.pk, "task": task.pk})

    assert client.post(url).status_code == 302  # to the log-in page
    client.force_login(outsider)
    assert client.post(url).status_code == 403

    task.refresh_from_db()
    assert task.done_on is None


@pytest.mark.django_db
def test_only_a_member_renews_a_yearly_call_or_attaches_a_file_to_it(client, outsider):
    call = builders.opportunity(title="Prix des communs 2027", recurrence="yearly")
    client.force_login(outsider)

    renew = client.post(reverse("grants:opportunity_renew", kwargs={"slug": call.slug}))
    attach = client.post(
        reverse("grants:opportunity_attachment", kwargs={"slug": call.slug}),
        {"file": SimpleUploadedFile("reglement.pdf", PDF, content_type="application/pdf")},
    )

    assert (renew.status_code, attach.status_code) == (403, 403)
    assert Opportunity.objects.count() == 1 and not call.attachments.exists()
