"""The demo's experiments: one running with a history rising to today's value, one met and one
missed, both concluded in three languages; their pages and the command read them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from remix.experiments.models import Experiment


@pytest.mark.dated
def test_the_demo_shows_three_experiments_with_their_history(client, db):
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)  # idempotent
    found = {e.status + ":" + e.outcome: e for e in Experiment.objects.all()}
    assert sorted(found) == ["concluded:met", "concluded:missed", "running:"]
    running = found["running:"]
    assert running.metric == "users-share"
    assert running.snapshots.count() == 9
    assert running.snapshots.order_by("date").last().date == timezone.localdate()
    for decided in (found["concluded:met"], found["concluded:missed"]):
        assert set(decided.conclusion) == {"fr", "en", "es"}
        assert decided.snapshots.count() == 6
        page = client.get(decided.get_absolute_url()).content.decode()
        assert "<svg" in page and decided.conclusion["fr"][:20] in page.replace("&#x27;", "'")
    assert client.get(running.get_absolute_url()).status_code == 200
    call_command("snapshot-metrics", verbosity=0)
    assert running.snapshots.count() == 9  # today's was taken by the demo
    assert mail.outbox == []  # the decided ones are concluded: nobody to ask
