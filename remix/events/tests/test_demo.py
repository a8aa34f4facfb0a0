import datetime

import pytest
from django.utils import timezone

from remix.core.demo import demo_load
from remix.events import recurrence, selectors
from remix.events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.mark.dated
def test_the_demo_has_the_gathering_with_a_waiting_list_the_fiesta_the_launch_and_the_call(client):
    demo_load()
    demo_load()  # a second run adds nothing

    assert sorted(Event.objects.values_list("project__slug", flat=True)) == [
        "appel-mensuel",
        "fiesta-des-communs",
        "publication-communs",
        "rencontre-semences",
    ]
    meeting = Event.objects.get(project__slug="rencontre-semences")
    occurrence = Registration.objects.filter(event=meeting).first().occurrence
    assert selectors.places(meeting, occurrence) == {"registered": 12, "waiting": 3, "left": 0}
    assert selectors.movements_of(meeting)  # the carriers' movements, shown on its page

    call = Event.objects.get(project__slug="appel-mensuel")
    now = timezone.now()
    coming = recurrence.next_occurrences(call, now, 3)
    for start in coming:
        local = start.astimezone(recurrence.zone("Europe/Paris"))
        assert (local.weekday(), local.hour, 15 <= local.day <= 21) == (1, 20, True)
    assert call.documents.count() == 1
    assert call.duration == datetime.timedelta(hours=1)
    for event in Event.objects.all():
        assert client.get(f"/events/{event.pk}/").status_code == 200
