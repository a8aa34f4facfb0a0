"""Every write about experiments leaves its audit event, on the experiment.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.experiments import services
from remix.experiments.models import MetricSnapshot
from remix.experiments.tests.builders import experiment

ROWS = Rows()


@ROWS.writes("experiments.experiment.created")
def a_steward_proposes(the):
    steward = the.user("louise", "member", "steward")
    with the.call():
        made = experiment(started=False, recorder=steward, target="3")
    return on(made, by=steward, metric="documents-per-month", target="3.0000")


@ROWS.writes("experiments.experiment.changed")
def a_steward_changes_the_target(the):
    steward = the.user("louise", "member", "steward")
    made = experiment(started=False)
    with the.call():
        services.experiment_change(experiment=made, target="5", recorder=steward)
    return on(made, by=steward, fields=["target"])


@ROWS.writes("experiments.experiment.started")
def a_steward_starts(the):
    steward = the.user("louise", "member", "steward")
    made = experiment(started=False)
    with the.call():
        services.experiment_start(experiment=made, recorder=steward)
    return on(made, by=steward)


def _at_deadline():
    made = experiment(days=0)
    return made, MetricSnapshot.objects.create(experiment=made, date=made.deadline, value=3)


@ROWS.writes("experiments.experiment.decided")
def the_command_decides_at_the_deadline(the):
    made, snapshot = _at_deadline()
    with the.call():
        services.outcome_decide(experiment=made, snapshot=snapshot)
    return on(made, outcome="met", value="3")


@ROWS.writes("experiments.experiment.concluded")
def a_steward_concludes(the):
    steward = the.user("louise", "member", "steward")
    made, snapshot = _at_deadline()
    services.outcome_decide(experiment=made, snapshot=snapshot)
    with the.call():
        services.experiment_conclude(
            experiment=made, conclusion={"fr": "Appris."}, recorder=steward
        )
    return on(made, by=steward, outcome="met")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))
