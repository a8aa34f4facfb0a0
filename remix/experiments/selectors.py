"""Reading experiments: the public list, one experiment's series and progress, values in words."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from remix.core.formats import format_decimal, format_money, format_percent
from remix.core.money import to_minor
from remix.experiments import indicators
from remix.experiments.models import Experiment, ExperimentStatus, MetricSnapshot
from remix.ledger import drawings


def experiments_listed():
    """Every experiment, running first, then proposed, then concluded; newest deadline first.
    The people responsible come in one more query for any number."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.order_by("username").only("username", "display_name")
    return Experiment.objects.prefetch_related(Prefetch("responsible", queryset=people)).order_by(
        "-deadline", "-pk"
    )


def experiment_series(experiment: Experiment) -> list[MetricSnapshot]:
    return list(MetricSnapshot.objects.filter(experiment=experiment).order_by("date"))


def reporting_currency() -> str:
    from remix.ledger.selectors import platform_fund, reporting_currency

    return reporting_currency(platform_fund())


def value_text(value: Decimal | None, metric: str) -> str:
    """A metric's value as a reader of the page's language reads it, by its unit."""
    if value is None:
        return "—"
    indicator = indicators.indicator_of(metric)
    unit = indicator.unit if indicator else indicators.COUNT
    if unit == indicators.PERCENT:
        return format_percent(value, decimals=1)
    if unit == indicators.MONTHS:
        return _("%(months)s months") % {"months": format_decimal(value, decimals=1)}
    if unit == indicators.MONEY:
        currency = reporting_currency()
        return format_money(to_minor(value.quantize(Decimal("0.01")), currency), currency)
    return format_decimal(value, decimals=0 if value == value.to_integral() else 1)


def tick_text(value: Decimal, metric: str) -> str:
    """An axis's value: a share in whole percents (the axis goes by quarters), else as a value."""
    indicator = indicators.indicator_of(metric)
    if indicator and indicator.unit == indicators.PERCENT:
        return format_percent(value)
    return value_text(value, metric)


@dataclass(frozen=True)
class Progress:
    latest: MetricSnapshot | None
    days_left: int  # 0 on and after the deadline
    reached: bool  # the latest value meets the challenge
    share: Decimal | None  # of the way from the first value to the target, 0…1


def experiment_progress(
    experiment: Experiment, series: list[MetricSnapshot], *, today: datetime.date
) -> Progress:
    measured = [s for s in series if s.value is not None]
    latest = measured[-1] if measured else None
    days_left = max((experiment.deadline - today).days, 0)
    if latest is None:
        return Progress(None, days_left, False, None)
    reached = experiment.reached(latest.value)
    first = measured[0].value
    if reached:
        share = Decimal(1)
    elif experiment.target == first:
        share = Decimal(0)
    else:
        share = (latest.value - first) / (experiment.target - first)
        share = min(max(share, Decimal(0)), Decimal(1)).quantize(Decimal("0.01"))
    return Progress(latest, days_left, reached, share)


# --- the chart: the series against the target, across the experiment's dates -----------------


@dataclass(frozen=True)
class ChartPoint:
    x: Decimal
    y: Decimal
    snapshot: MetricSnapshot


@dataclass(frozen=True)
class SeriesChart:
    frame: drawings.Frame
    ticks: list[drawings.Tick]
    points: list[ChartPoint]
    path: str
    target_y: Decimal
    start_label: datetime.date
    end_label: datetime.date


def _axis(highest: Decimal, unit: str) -> list[Decimal]:
    if unit == indicators.PERCENT:
        return drawings.ratio_ticks(highest)
    return [Decimal(tick) for tick in drawings.ticks(math.ceil(max(highest, Decimal(1))))]


def series_chart(experiment: Experiment, series: list[MetricSnapshot]) -> SeriesChart:
    """The metric's snapshots placed by date from the start to the deadline, on an axis from 0
    that holds every value and the target (negative values sit on the baseline)."""
    frame = drawings.Frame()
    indicator = indicators.indicator_of(experiment.metric)
    unit = indicator.unit if indicator else indicators.COUNT
    values = [s.value for s in series if s.value is not None]
    axis = _axis(max([experiment.target, *values, Decimal(0)]), unit)
    top = Fraction(axis[-1])
    days = max((experiment.deadline - experiment.starts).days, 1)

    def x(day: datetime.date) -> Decimal:
        offset = min(max((day - experiment.starts).days, 0), days)
        return drawings.unit(frame.left + Fraction(frame.plot_width * offset, days))

    def y(value: Decimal) -> Decimal:
        return drawings.unit(frame.y(Fraction(max(value, Decimal(0))), top))

    points = [ChartPoint(x(s.date), y(s.value), s) for s in series if s.value is not None]
    path = " ".join(
        f"{'M' if n == 0 else 'L'}{_text(p.x)} {_text(p.y)}" for n, p in enumerate(points)
    )
    return SeriesChart(
        frame=frame,
        ticks=[drawings.Tick(y(value), value) for value in axis],
        points=points,
        path=path,
        target_y=y(experiment.target),
        start_label=experiment.starts,
        end_label=experiment.deadline,
    )


def _text(value: Decimal) -> str:
    text = format(value, "f")
    return text[:-2] if text.endswith(".0") else text


def indicators_now(*, today: datetime.date, kind: str = "year") -> list[dict]:
    """Every indicator of the registry with its value over the ``kind`` of period holding
    ``today``."""
    return [
        {
            "indicator": indicator,
            "value": indicators.measure(indicator.name, kind=kind, day=today),
        }
        for indicator in indicators.REGISTRY
    ]


def status_order(experiment: Experiment) -> int:
    return {
        ExperimentStatus.RUNNING: 0,
        ExperimentStatus.PROPOSED: 1,
        ExperimentStatus.CONCLUDED: 2,
    }[experiment.status]
