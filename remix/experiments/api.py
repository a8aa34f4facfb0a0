"""Experiments over HTTP: the list and each one's series (public), a new experiment (a steward's
token), and the indicator registry with each indicator's current value (public). Values are
decimal strings: a share as a ratio (``0.25`` is 25 %), money in major units."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import token_auth_for
from remix.api.common import ERRORS, READ, Page, Rows, member_by_username
from remix.core.permissions import can_run_experiments
from remix.experiments import indicators, selectors, services
from remix.experiments.models import (
    Comparison,
    Experiment,
    ExperimentStatus,
    MeasurePeriod,
    Outcome,
)

router = Router(tags=["experiments"])


def _text(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


class ExperimentOut(BaseModel):
    id: int
    question: dict[str, str]
    hypothesis: dict[str, str]
    metric: str
    unit: str
    period: MeasurePeriod
    comparison: Comparison
    target: str
    starts: datetime.date
    deadline: datetime.date
    status: ExperimentStatus
    outcome: Outcome | None
    outcome_on: datetime.date | None
    outcome_value: str | None
    conclusion: dict[str, str]
    responsible: list[str]


def _out(experiment: Experiment) -> ExperimentOut:
    indicator = indicators.indicator_of(experiment.metric)
    return ExperimentOut(
        id=experiment.pk,
        question=experiment.question,
        hypothesis=experiment.hypothesis,
        metric=experiment.metric,
        unit=indicator.unit if indicator else "",
        period=experiment.period,
        comparison=experiment.comparison,
        target=_text(experiment.target),
        starts=experiment.starts,
        deadline=experiment.deadline,
        status=experiment.status,
        outcome=experiment.outcome or None,
        outcome_on=experiment.outcome_on,
        outcome_value=_text(experiment.outcome_value),
        conclusion=experiment.conclusion,
        responsible=[person.username for person in experiment.responsible.all()],
    )


@router.get(
    "/experiments",
    response=list[ExperimentOut],
    auth=READ,
    url_name="experiments_list",
    summary="Experiments and their challenges, newest deadline first, with their outcomes",
)
@paginate(Page)
def experiments(request):
    return Rows(selectors.experiments_listed(), _out)


class ExperimentIn(Schema):
    question: dict[str, str] = Field(description="The question per language (`fr`, `en`, `es`).")
    hypothesis: dict[str, str] = {}
    metric: str = Field(description="An indicator's name (`GET /api/v1/indicators`).")
    period: MeasurePeriod = MeasurePeriod.YEAR
    comparison: Comparison = Comparison.AT_LEAST
    target: str = Field(
        pattern=r"^-?[0-9]{1,13}(\.[0-9]{1,4})?$",
        description="A decimal string; a share as a ratio (`0.25` for 25 %).",
    )
    starts: datetime.date
    deadline: datetime.date
    responsible: list[str] = Field([], description="Usernames of the people responsible.")


@router.post(
    "/experiments",
    response={201: ExperimentOut, **ERRORS},
    auth=token_auth_for(can_run_experiments),
    summary="Propose an experiment (stewards)",
)
def experiment_create(request, payload: ExperimentIn):
    people = [member_by_username(name, "responsible") for name in payload.responsible]
    made = services.experiment_create(
        question=payload.question,
        hypothesis=payload.hypothesis,
        metric=payload.metric,
        period=payload.period,
        comparison=payload.comparison,
        target=payload.target,
        starts=payload.starts,
        deadline=payload.deadline,
        responsible=people,
        recorder=request.auth,
    )
    return Status(201, _out(selectors.experiments_listed().get(pk=made.pk)))


class PointOut(BaseModel):
    date: datetime.date
    value: str | None


class SeriesOut(BaseModel):
    experiment: int
    metric: str
    unit: str
    comparison: Comparison
    target: str
    starts: datetime.date
    deadline: datetime.date
    days_left: int
    points: list[PointOut]


@router.get(
    "/experiments/{experiment_id}/series",
    response={200: SeriesOut, **ERRORS},
    auth=READ,
    url_name="experiment_series",
    summary="An experiment's metric as it was measured, day by day, and its target",
    description="The snapshots taken by `remix snapshot-metrics`, oldest first; a value is null "
    "where there was nothing to measure that day.",
)
def experiment_series(request, experiment_id: int):
    experiment = get_object_or_404(Experiment, pk=experiment_id)
    series = selectors.experiment_series(experiment)
    progress = selectors.experiment_progress(experiment, series, today=timezone.localdate())
    indicator = indicators.indicator_of(experiment.metric)
    return SeriesOut(
        experiment=experiment.pk,
        metric=experiment.metric,
        unit=indicator.unit if indicator else "",
        comparison=experiment.comparison,
        target=_text(experiment.target),
        starts=experiment.starts,
        deadline=experiment.deadline,
        days_left=progress.days_left,
        points=[PointOut(date=s.date, value=_text(s.value)) for s in series],
    )


class IndicatorOut(BaseModel):
    name: str
    unit: str
    label: str
    description: str
    period: str
    value: str | None


@router.get(
    "/indicators",
    response=list[IndicatorOut],
    auth=READ,
    url_name="indicators",
    summary="The indicator registry, each indicator with its value over the current year",
    description="The metrics an experiment may measure, in the reader's language, each with its "
    "value over the year that holds today (or the period named by `period`: `month`, "
    "`quarter`, `year`).",
)
def indicator_list(request, period: MeasurePeriod = MeasurePeriod.YEAR):
    today = timezone.localdate()
    named = _period_name(period, today)
    return [
        IndicatorOut(
            name=row["indicator"].name,
            unit=row["indicator"].unit,
            label=str(row["indicator"].label),
            description=str(row["indicator"].description),
            period=named,
            value=_text(row["value"]),
        )
        for row in selectors.indicators_now(today=today, kind=period)
    ]


def _period_name(kind: str, today: datetime.date) -> str:
    from remix.ledger.maths import period_of

    return period_of(kind, today).name
