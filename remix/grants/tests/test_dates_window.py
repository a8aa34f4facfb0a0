"""The plans meet the same dates rule as the books: calls, decisions, tasks, campaigns, rounds
and pledges; and the deadlines' calendar reads its month through the one helper.

``?month=9999-12`` on the calendar answered 500 (the next month's link overflowed)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from remix.contributions import services as funding
from remix.contributions.tests import builders as funding_builders
from remix.grants import services
from remix.grants.models import Opportunity
from remix.grants.tests import builders

FAR = datetime.date(9999, 12, 31)
YEAR_ONE = datetime.date(1, 1, 1)


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1000-06"])
def test_a_calendar_month_far_away_is_a_400_in_the_readers_language(client, db, month):
    french = client.get(f"/funding/calendar/?month={month}")
    spanish = client.get(f"/es/funding/calendar/?month={month}")

    assert french.status_code == spanish.status_code == 400
    assert "est hors des dates affichées" in french.content.decode()
    assert "está fuera de las fechas que se muestran" in spanish.content.decode()


@pytest.mark.parametrize("month", ["2026-13", "june", "2026-6", "2026-06-01"])
def test_a_calendar_month_that_is_no_month_is_a_400_that_says_how_to_write_it(client, db, month):
    response = client.get(f"/en/funding/calendar/?month={month}")

    assert response.status_code == 400
    assert "“month” is a month written 2026-06." in response.content.decode()


def test_the_calendar_shows_a_month_of_the_window(client, db):
    month = f"{timezone.localdate():%Y-%m}"

    assert client.get(f"/en/funding/calendar/?month={month}").status_code == 200


def test_a_call_with_a_deadline_in_9999_is_refused_on_its_field(db):
    with pytest.raises(ValidationError) as caught:
        builders.opportunity(deadline=timezone.make_aware(datetime.datetime(9999, 12, 31, 12)))

    assert list(caught.value.message_dict) == ["deadline"]
    assert not Opportunity.objects.exists()


def test_a_yearly_call_whose_deadline_predates_the_rule_is_not_renewed_into_year_10000(db):
    call = builders.opportunity(recurrence="yearly")
    Opportunity.objects.filter(pk=call.pk).update(
        deadline=timezone.make_aware(datetime.datetime(9999, 12, 31, 12))
    )
    call.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        services.opportunity_renew(opportunity=call)

    assert list(caught.value.message_dict) == ["deadline"]


def test_a_decision_or_a_task_dated_outside_the_window_is_refused(db):
    application = services.application_create(
        opportunity=builders.opportunity(), fund=builders.fund(), owner=None, amount_requested="10"
    )

    with pytest.raises(ValidationError) as task:
        services.task_add(application=application, title="Relancer", due_on=FAR)
    with pytest.raises(ValidationError) as decision:
        services.application_stage(application=application, to="refused", decided_on=YEAR_ONE)

    assert list(task.value.message_dict) == ["due_on"]
    assert "decided_on" in decision.value.message_dict


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda: funding_builders.campaign(deadline=FAR), "deadline"),
        (lambda: funding_builders.round_(opens=YEAR_ONE), "opens"),
    ],
    ids=["campaign-deadline", "round-opens"],
)
def test_a_campaign_or_a_round_dated_outside_the_window_is_refused(db, write, field):
    with pytest.raises(ValidationError) as caught:
        write()

    assert field in caught.value.message_dict


def test_a_pledge_that_starts_or_ends_outside_the_window_is_refused(make_user):
    giver = funding_builders.giver(make_user("awa", roles=["member"]))
    fund = funding_builders.platform()

    for dates, field in (({"start": YEAR_ONE}, "start"), ({"end": FAR}, "end")):
        with pytest.raises(ValidationError) as caught:
            funding.pledge_create(fund=fund, amount="10", frequency="monthly", giver=giver, **dates)
        assert field in caught.value.message_dict
