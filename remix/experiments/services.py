"""Writing experiments: proposed, changed, started, decided at their deadline, concluded.

Every write asks ``can_run_experiments`` of its recorder (``None`` is the platform: the
``snapshot-metrics`` command, the demo) and leaves its audit event.
"""

import datetime
import functools
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder, audit_record
from remix.core.i18ntext import text_clean
from remix.core.mail import automatic_message
from remix.core.permissions import can_run_experiments, require_recorder
from remix.experiments import indicators
from remix.experiments.models import (
    Comparison,
    Experiment,
    ExperimentStatus,
    MeasurePeriod,
    MetricSnapshot,
    Outcome,
)

logger = logging.getLogger(__name__)

FIELDS = (
    "question",
    "hypothesis",
    "metric",
    "period",
    "comparison",
    "target",
    "starts",
    "deadline",
)


def _checked(data: dict) -> dict:
    data = dict(data)
    data["question"] = text_clean(data.get("question"))
    data["hypothesis"] = text_clean(data.get("hypothesis"))
    if not data["question"]:
        raise ValidationError({"question": _("Ask the question in at least one language.")})
    if indicators.indicator_of(data.get("metric") or "") is None:
        raise ValidationError({"metric": _("Choose a metric of the registry.")})
    if data.get("period") not in MeasurePeriod.values:
        raise ValidationError({"period": _("Choose a month, a quarter or a year.")})
    if data.get("comparison") not in Comparison.values:
        raise ValidationError({"comparison": _("Choose « at least » or « at most ».")})
    try:
        data["target"] = Decimal(str(data.get("target"))).quantize(Decimal("0.0001"))
    except ArithmeticError:
        raise ValidationError({"target": _("Give the target as a number.")}) from None
    if data["target"].is_nan() or abs(data["target"]) >= Decimal("1e14"):
        raise ValidationError({"target": _("Give the target as a number.")})
    if not data.get("starts") or not data.get("deadline"):
        raise ValidationError({"deadline": _("Give the experiment a start and a deadline.")})
    if data["deadline"] < data["starts"]:
        raise ValidationError({"deadline": _("The deadline comes after the start.")})
    return data


def experiment_create(*, responsible=(), recorder=None, **data) -> Experiment:
    """A proposed experiment (``FIELDS``), with the people responsible for it."""
    require_recorder(can_run_experiments, recorder)
    data = _checked({name: data.get(name) for name in FIELDS})
    with db.atomic():
        experiment = Experiment.objects.create(**data, created_by=as_recorder(recorder))
        experiment.responsible.set(responsible)
        audit_record(
            action="experiments.experiment.created",
            recorder=recorder,
            obj=experiment,
            data={"metric": experiment.metric, "target": str(experiment.target)},
        )
    return experiment


def experiment_change(*, experiment: Experiment, responsible=None, recorder=None, **data):
    """Change what an experiment asks and measures, while its outcome is not known."""
    require_recorder(can_run_experiments, recorder)
    with db.atomic():
        experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
        if experiment.outcome:
            raise ValidationError(_("The outcome is known: only the conclusion can be written."))
        current = {name: getattr(experiment, name) for name in FIELDS}
        checked = _checked({**current, **{k: v for k, v in data.items() if k in FIELDS}})
        changed = sorted(name for name in FIELDS if checked[name] != current[name])
        for name in FIELDS:
            setattr(experiment, name, checked[name])
        experiment.save()
        if responsible is not None:
            experiment.responsible.set(responsible)
        audit_record(
            action="experiments.experiment.changed",
            recorder=recorder,
            obj=experiment,
            data={"fields": changed},
        )
    return experiment


def experiment_start(*, experiment: Experiment, recorder=None) -> Experiment:
    """A proposed experiment starts running: its metric is snapshot from now on."""
    require_recorder(can_run_experiments, recorder)
    with db.atomic():
        experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
        if experiment.status != ExperimentStatus.PROPOSED:
            raise ValidationError(_("Only a proposed experiment can start."))
        experiment.status = ExperimentStatus.RUNNING
        experiment.save(update_fields=["status"])
        audit_record(action="experiments.experiment.started", recorder=recorder, obj=experiment)
    return experiment


def experiment_conclude(*, experiment: Experiment, conclusion: dict, recorder=None):
    """Write what the experiment taught, once its challenge is met or missed."""
    require_recorder(can_run_experiments, recorder)
    conclusion = text_clean(conclusion)
    if not conclusion:
        raise ValidationError({"conclusion": _("Write the conclusion in at least one language.")})
    with db.atomic():
        experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
        if not experiment.outcome:
            raise ValidationError(_("The challenge is not decided yet: wait for its deadline."))
        experiment.conclusion = conclusion
        experiment.status = ExperimentStatus.CONCLUDED
        experiment.concluded_at = experiment.concluded_at or timezone.now()
        experiment.save(update_fields=["conclusion", "status", "concluded_at"])
        audit_record(
            action="experiments.experiment.concluded",
            recorder=recorder,
            obj=experiment,
            data={"outcome": experiment.outcome},
        )
    return experiment


# --- snapshots and outcomes (``remix snapshot-metrics``) -----------------------------------------


def snapshot_take(*, experiment: Experiment, day: datetime.date) -> MetricSnapshot:
    """The metric's value of ``day`` (measured now), or the one already taken that day."""
    found = MetricSnapshot.objects.filter(experiment=experiment, date=day).first()
    if found is not None:
        return found
    value = indicators.measure(experiment.metric, kind=experiment.period, day=day)
    try:
        with db.atomic():
            return MetricSnapshot.objects.create(experiment=experiment, date=day, value=value)
    except IntegrityError:  # a run beside this one took it meanwhile
        return MetricSnapshot.objects.get(experiment=experiment, date=day)


def outcome_decide(*, experiment: Experiment, snapshot: MetricSnapshot) -> Experiment:
    """The challenge met or missed by the value of its deadline's snapshot."""
    experiment.outcome = Outcome.MET if experiment.reached(snapshot.value) else Outcome.MISSED
    experiment.outcome_on = snapshot.date
    experiment.outcome_value = snapshot.value
    experiment.save(update_fields=["outcome", "outcome_on", "outcome_value"])
    audit_record(
        action="experiments.experiment.decided",
        obj=experiment,
        data={
            "outcome": experiment.outcome,
            "value": None if snapshot.value is None else str(snapshot.value),
        },
    )
    return experiment


@dataclass
class Taken:
    snapshots: list[MetricSnapshot] = field(default_factory=list)
    decided: list[Experiment] = field(default_factory=list)
    notified: list[Experiment] = field(default_factory=list)
    failed: list[tuple[Experiment, str]] = field(default_factory=list)


def snapshots_take(*, today: datetime.date) -> Taken:
    """Each running experiment's snapshot of ``today`` (of its deadline once past it), its
    outcome at the deadline, and the e-mail to its people once it is decided.

    One transaction per experiment: a crash leaves each either done or untouched, and a second run
    takes nothing twice."""
    taken = Taken()
    running = Experiment.objects.filter(status=ExperimentStatus.RUNNING, starts__lte=today)
    for pk in running.order_by("pk").values_list("pk", flat=True):
        with db.atomic():
            experiment = Experiment.objects.select_for_update().get(pk=pk)
            if experiment.status != ExperimentStatus.RUNNING:
                continue
            snapshot = snapshot_take(experiment=experiment, day=min(today, experiment.deadline))
            taken.snapshots.append(snapshot)
            if today >= experiment.deadline and not experiment.outcome:
                taken.decided.append(outcome_decide(experiment=experiment, snapshot=snapshot))
    waiting = Experiment.objects.filter(
        status=ExperimentStatus.RUNNING, notified_at__isnull=True
    ).exclude(outcome="")
    for pk in waiting.order_by("pk").values_list("pk", flat=True):
        try:
            with db.atomic():
                experiment = Experiment.objects.select_for_update().get(pk=pk)
                if experiment.notified_at is not None:
                    continue
                experiment.notified_at = timezone.now()
                experiment.save(update_fields=["notified_at"])
                for message in outcome_messages(experiment):
                    message.send()
        except OSError as error:  # the mail server refused: notified_at went back too
            logger.warning("experiment %s: outcome not sent: %s", pk, error)
            taken.failed.append((experiment, str(error)))
        else:
            taken.notified.append(experiment)
    return taken


def outcome_messages(experiment: Experiment) -> list[EmailMultiAlternatives]:
    """One e-mail per person responsible, in their language: the outcome, and the page where the
    conclusion is asked for."""
    people = experiment.responsible.filter(is_active=True).exclude(email="").order_by("pk")
    return [
        automatic_message(
            person,
            templates="experiments/email/outcome",
            write=functools.partial(_outcome_words, experiment, person),
        )
        for person in people
    ]


def _outcome_words(experiment: Experiment, person) -> tuple[str, dict]:
    indicator = indicators.indicator_of(experiment.metric)
    context = {
        "name": person.public_name,
        "question": experiment.question_text,
        "met": experiment.outcome == Outcome.MET,
        "metric": indicator.label if indicator else experiment.metric,
        "value": value_text(experiment.outcome_value, experiment.metric),
        "target": value_text(experiment.target, experiment.metric),
        "comparison": experiment.get_comparison_display(),
        "deadline": experiment.deadline,
        "url": settings.REMIX_SITE_URL + experiment.get_absolute_url(),
    }
    if experiment.outcome == Outcome.MET:
        return _("Challenge met: %(question)s") % context, context
    return _("Challenge missed: %(question)s") % context, context


def value_text(value: Decimal | None, metric: str) -> str:
    from remix.experiments.selectors import value_text as text

    return text(value, metric)
