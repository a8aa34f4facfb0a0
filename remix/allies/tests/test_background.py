"""The measures recomputed by the real database queue and its worker, as in production."""

from django.core.management import call_command

from remix.allies.models import MeasuresRun
from remix.allies.selectors import measures_state
from remix.allies.services import relation_create
from remix.allies.tests.builders import actor

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_change_queues_the_job_and_the_worker_computes_it(transactional_db, settings):
    # Real commits, as in production: the worker opens and closes its own connections.
    settings.TASKS = DATABASE_QUEUE
    a = actor("A", movements=["ess"])
    b = actor("B", movements=["commons"])
    relation_create(source=a, target=b, kind="partner_of")

    pending = measures_state()
    assert pending.run is None and pending.pending.status == "queued"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    state = measures_state()
    assert state.is_fresh and state.pending is None
    assert state.run.result["relations"] == 1
    assert MeasuresRun.objects.filter(status="done").count() == 1
