"""`remix snapshot-metrics`: a snapshot a day, kept as measured; the challenge decided at its
deadline; the people responsible e-mailed once, in their language; a crash leaves nothing half
done."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from remix.catalogue.services.moderation import moderate
from remix.catalogue.tests.builders import doc
from remix.experiments import services
from remix.experiments.models import MetricSnapshot
from remix.experiments.tests.builders import experiment


def _run(day):
    call_command("snapshot-metrics", today=day.isoformat(), verbosity=0)


def test_a_snapshot_a_day_whatever_the_number_of_runs(db):
    found = experiment()
    proposed = experiment(started=False)
    doc("Un")
    today = timezone.localdate()
    _run(today)
    _run(today)
    assert list(found.snapshots.values_list("date", "value")) == [(today, Decimal("1"))]
    assert not proposed.snapshots.exists()  # only running experiments are measured


def test_history_survives_later_corrections_of_the_data(make_user):
    found = experiment()
    first = doc("Un")
    today = timezone.localdate()
    _run(today)
    # Hidden by moderation the day after: today's value stays as it was measured.
    moderate(subject=first, moderator=make_user("camille", roles=["editor"]), hide=True, reason="x")
    _run(today + datetime.timedelta(days=1))
    assert [s.value for s in found.snapshots.order_by("date")] == [Decimal("1"), Decimal("0")]
    with pytest.raises(ValidationError):
        found.snapshots.first().save()


def test_at_the_deadline_the_challenge_is_decided_and_its_people_emailed_once(make_user):
    louise = make_user("louise", language="es")
    mateo = make_user("mateo", language="en")
    # Decided today, by the documents of today's month (the clock may stand on a month's edge).
    began = timezone.localdate() - datetime.timedelta(days=3)
    met = experiment(target="2", days=0, starts=began, responsible=[louise, mateo])
    missed = experiment(target="5", days=0, starts=began, responsible=[mateo])
    doc("Un"), doc("Deux")
    deadline = met.deadline

    _run(deadline - datetime.timedelta(days=1))
    assert mail.outbox == []
    _run(deadline + datetime.timedelta(days=2))  # a day missed: measured on the deadline
    _run(deadline + datetime.timedelta(days=3))

    met.refresh_from_db(), missed.refresh_from_db()
    assert (met.outcome, met.outcome_on, met.outcome_value) == ("met", deadline, Decimal("2"))
    assert missed.outcome == "missed"
    assert met.awaits_conclusion and met.status == "running"
    assert met.snapshots.order_by("date").last().date == deadline  # none past the deadline
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == [
        ("louise@example.org", f"Reto cumplido: {met.question['es']}"),
        ("mateo@example.org", f"Challenge met: {met.question['en']}"),
        ("mateo@example.org", f"Challenge missed: {missed.question['en']}"),
    ]
    body = next(m for m in mail.outbox if m.to == ["louise@example.org"]).body
    assert met.get_absolute_url() in body

    services.experiment_conclude(experiment=met, conclusion={"fr": "Relevé."})
    met.refresh_from_db()
    assert met.status == "concluded" and not met.awaits_conclusion


def test_a_crash_leaves_no_snapshot_and_no_outcome(db):
    found = experiment(days=0)
    crash = mock.patch.object(services, "outcome_decide", side_effect=RuntimeError("crash"))
    with crash, pytest.raises(RuntimeError):
        _run(found.deadline)
    found.refresh_from_db()
    assert not MetricSnapshot.objects.exists() and found.outcome == ""
    _run(found.deadline)
    found.refresh_from_db()
    assert found.snapshots.count() == 1 and found.outcome == "missed"


def test_a_mail_server_down_sends_again_at_the_next_run(make_user):
    found = experiment(days=0, responsible=[make_user("louise")])
    down = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down"))
    with down, pytest.raises(CommandError, match="prochain passage"):
        _run(found.deadline)
    found.refresh_from_db()
    assert found.outcome == "missed" and found.notified_at is None
    _run(found.deadline)
    assert len(mail.outbox) == 1
