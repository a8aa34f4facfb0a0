"""Registration: places in order, then the waiting list; a cancellation promotes the first
waiting; nobody twice for one occurrence; never more than the capacity, even all at once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from remix.events import selectors, services
from remix.events.models import Registration
from remix.events.tests import builders

pytestmark = pytest.mark.django_db


def register(event, name, **extra):
    return services.registration_create(
        event=event, name=name, email=f"{name.lower()}@example.org", **extra
    )


def test_the_first_places_are_registered_the_others_wait_in_order():
    event = builders.event(capacity=2)

    first, second, third, fourth = (register(event, n) for n in ("Ana", "Ben", "Chloe", "Dao"))

    assert [r.status for r in (first, second, third, fourth)] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    assert [selectors.waiting_position(r) for r in (first, third, fourth)] == [None, 1, 2]
    assert selectors.places(event, first.occurrence) == {"registered": 2, "waiting": 2, "left": 0}


def test_cancelling_a_place_promotes_the_first_waiting():
    event = builders.event(capacity=1)
    held, waiting, later = (register(event, n) for n in ("Ana", "Ben", "Chloe"))

    promoted = services.registration_cancel(registration=held)

    assert promoted.pk == waiting.pk and promoted.status == "registered"
    later.refresh_from_db()
    assert later.status == "waiting" and selectors.waiting_position(later) == 1
    # A waiting person who leaves frees no place.
    assert services.registration_cancel(registration=later) is None


def test_the_same_person_cannot_register_twice_for_one_occurrence(make_user):
    event = builders.event()
    register(event, "Ana")
    with pytest.raises(ValidationError) as refused:
        services.registration_create(event=event, name="Ana B.", email="ANA@example.org")
    assert "email" in refused.value.message_dict
    member = make_user("amina", roles=["member"])
    services.registration_create(event=event, user=member)
    with pytest.raises(ValidationError):
        services.registration_create(event=event, user=member)
    assert Registration.objects.filter(event=event).count() == 2


def test_a_fixed_contribution_is_owed_by_those_holding_a_place():
    event = builders.event(capacity=1, contribution="fixed", amount="12.50")
    held, waiting = register(event, "Ana"), register(event, "Ben")

    assert (held.owed_minor, waiting.owed_minor) == (1250, 0)
    services.registration_cancel(registration=held)
    waiting.refresh_from_db()
    assert waiting.owed_minor == 1250


def test_a_recurring_event_s_occurrences_have_their_own_places():
    call = builders.monthly_call()
    call.capacity = 1
    call.save()
    dates = selectors.recurrence.next_occurrences(call, builders.soon(0), 2)

    first = register(call, "Ana", occurrence=dates[0])
    other = register(call, "Ben", occurrence=dates[1])
    again = register(call, "Ana", occurrence=dates[1])

    assert (first.status, other.status, again.status) == ("registered", "registered", "waiting")
    with pytest.raises(ValidationError) as refused:
        register(call, "Chloe", occurrence=dates[0].replace(hour=3))
    assert "occurrence" in refused.value.message_dict


def test_a_past_date_takes_no_registration():
    event = builders.event(days=-3)
    with pytest.raises(ValidationError) as refused:
        register(event, "Ana")
    assert "occurrence" in refused.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_fifty_people_at_once_for_ten_places_make_ten_registered_and_forty_waiting():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite has no row lock (select_for_update is a no-op) and its in-memory test "
            "database shares one cache between threads, which fails instead of waiting: the "
            "race is proven on PostgreSQL."
        )
    event = builders.event(capacity=10)
    start = threading.Barrier(50)
    outcomes, errors = [], []

    def attempt(n):
        try:
            start.wait()
            outcomes.append(register(event, f"Person{n}").status)
        except Exception as error:  # noqa: BLE001 - the test reports any
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes).count("registered") == 10
    assert sorted(outcomes).count("waiting") == 40
    stored = Registration.objects.filter(event=event)
    assert stored.filter(status="registered").count() == 10
    positions = sorted(selectors.waiting_position(r) for r in stored.filter(status="waiting"))
    assert positions == list(range(1, 41))
