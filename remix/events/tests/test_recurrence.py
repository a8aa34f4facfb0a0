"""The monthly call's dates, computed by dateutil's rrule on Paris's wall clock."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from remix.events import recurrence
from remix.events.tests import builders

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_the_monthly_call_s_next_dates_across_the_spring_daylight_saving_change():
    call = builders.monthly_call()

    found = recurrence.occurrences(
        call,
        datetime.datetime(2027, 2, 1, tzinfo=UTC),
        datetime.datetime(2027, 5, 31, tzinfo=UTC),
    )

    # Summer time starts on Sunday 28 March 2027: 20:00 in Paris is 19:00 UTC before, 18:00 after.
    assert found == [
        datetime.datetime(2027, 2, 16, 19, 0, tzinfo=UTC),
        datetime.datetime(2027, 3, 16, 19, 0, tzinfo=UTC),
        datetime.datetime(2027, 4, 20, 18, 0, tzinfo=UTC),
        datetime.datetime(2027, 5, 18, 18, 0, tzinfo=UTC),
    ]


def test_the_monthly_call_across_the_autumn_change_and_the_year_s_end():
    call = builders.monthly_call()

    found = recurrence.next_occurrences(call, datetime.datetime(2026, 9, 30, tzinfo=UTC), 4)

    # Winter time from Sunday 25 October 2026: back to 19:00 UTC.
    assert found == [
        datetime.datetime(2026, 10, 20, 18, 0, tzinfo=UTC),
        datetime.datetime(2026, 11, 17, 19, 0, tzinfo=UTC),
        datetime.datetime(2026, 12, 15, 19, 0, tzinfo=UTC),
        datetime.datetime(2027, 1, 19, 19, 0, tzinfo=UTC),
    ]
    assert recurrence.is_occurrence(call, datetime.datetime(2026, 11, 17, 19, 0, tzinfo=UTC))
    assert not recurrence.is_occurrence(call, datetime.datetime(2026, 11, 17, 18, 0, tzinfo=UTC))
    assert not recurrence.is_occurrence(call, datetime.datetime(2026, 11, 10, 19, 0, tzinfo=UTC))


def test_an_occurrence_under_way_is_still_the_next_one():
    call = builders.monthly_call()
    during = datetime.datetime(2026, 11, 17, 19, 30, tzinfo=UTC)

    assert recurrence.next_occurrences(call, during, 1) == [
        datetime.datetime(2026, 11, 17, 19, 0, tzinfo=UTC)
    ]
    assert recurrence.last_occurrence(call, during) == datetime.datetime(
        2026, 11, 17, 19, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "rule", ["FREQ=HOURLY", "FREQ=MONTHLY;BYDAY=XX", "BYDAY=3TU", "FREQ=MONTHLY;COUNT=x"]
)
def test_a_rule_that_cannot_be_read_or_too_frequent_is_refused(rule):
    with pytest.raises(ValidationError) as refused:
        builders.event(recurrence_rule=rule)
    assert "recurrence" in refused.value.message_dict


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(ValidationError) as refused:
        builders.event(time_zone="Europe/Atlantis")
    assert "time_zone" in refused.value.message_dict
