"""Experiments' pages: the public list with the outcomes, each experiment with its metric's
history drawn against the target (and the same as a table), and the stewards' forms."""

import functools

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.permissions import can_run_experiments, role_required
from remix.experiments import indicators, selectors, services
from remix.experiments.forms import ConclusionForm, ExperimentForm, experiment_initial
from remix.experiments.models import Experiment, ExperimentStatus


def experiments(request):
    found = sorted(selectors.experiments_listed(), key=selectors.status_order)
    rows = [
        {
            "experiment": experiment,
            "indicator": indicators.indicator_of(experiment.metric),
            "target": selectors.value_text(experiment.target, experiment.metric),
            "value": selectors.value_text(experiment.outcome_value, experiment.metric),
        }
        for experiment in found
    ]
    context = {"rows": rows, "may_run": can_run_experiments(request.user)}
    return render(request, "experiments/list.html", context)


def _detail(request, experiment, *, status=200, conclusion_form=None):
    today = timezone.localdate()
    series = selectors.experiment_series(experiment)
    progress = selectors.experiment_progress(experiment, series, today=today)
    may_run = can_run_experiments(request.user)
    context = {
        "experiment": experiment,
        "indicator": indicators.indicator_of(experiment.metric),
        "rows": [
            {"snapshot": s, "value": selectors.value_text(s.value, experiment.metric)}
            for s in series
        ],
        **_chart(experiment, series),
        "progress": progress,
        "latest": selectors.value_text(
            progress.latest.value if progress.latest else None, experiment.metric
        ),
        "target": selectors.value_text(experiment.target, experiment.metric),
        "outcome_value": selectors.value_text(experiment.outcome_value, experiment.metric),
        "responsible": list(experiment.responsible.order_by("username")),
        "may_run": may_run,
    }
    if may_run and experiment.awaits_conclusion:
        context["conclusion_form"] = conclusion_form or ConclusionForm()
    return render(request, "experiments/detail.html", context, status=status)


def _chart(experiment, series) -> dict:
    """The chart, its ticks and its dots with their values said in the reader's language."""
    if not any(s.value is not None for s in series):
        return {"chart": None}
    chart = selectors.series_chart(experiment, series)
    said = functools.partial(selectors.value_text, metric=experiment.metric)
    return {
        "chart": chart,
        "ticks": [
            {"y": tick.y, "label": selectors.tick_text(tick.value, experiment.metric)}
            for tick in chart.ticks
        ],
        "points": [
            {"x": p.x, "y": p.y, "date": p.snapshot.date, "label": said(p.snapshot.value)}
            for p in chart.points
        ],
    }


def experiment(request, pk):
    return _detail(request, get_object_or_404(Experiment, pk=pk))


@role_required(can_run_experiments)
def experiment_new(request):
    form = ExperimentForm(request.POST or None)

    def write():
        return services.experiment_create(**form.cleaned(), recorder=request.user)

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The experiment is proposed."))
        return redirect(made)
    status = 400 if request.method == "POST" else 200
    return render(request, "experiments/form.html", {"form": form}, status=status)


@role_required(can_run_experiments)
def experiment_edit(request, pk):
    found = get_object_or_404(Experiment, pk=pk)
    form = ExperimentForm(request.POST or None, initial=experiment_initial(found))

    def write():
        return services.experiment_change(experiment=found, **form.cleaned(), recorder=request.user)

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The experiment is changed."))
        return redirect(made)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "experiment": found}
    return render(request, "experiments/form.html", context, status=status)


@require_POST
@role_required(can_run_experiments)
def experiment_start(request, pk):
    found = get_object_or_404(Experiment, pk=pk, status=ExperimentStatus.PROPOSED)
    services.experiment_start(experiment=found, recorder=request.user)
    messages.success(request, _("The experiment is running: its metric is measured every day."))
    return redirect(found)


@require_POST
@role_required(can_run_experiments)
def experiment_conclude(request, pk):
    found = get_object_or_404(Experiment, pk=pk)
    form = ConclusionForm(request.POST)

    def write():
        from remix.experiments.forms import words_of

        return services.experiment_conclude(
            experiment=found,
            conclusion=words_of(form.cleaned_data, "conclusion"),
            recorder=request.user,
        )

    if form_written(request, form, write) is not None:
        messages.success(request, _("The conclusion is written."))
        return redirect(found)
    return _detail(request, found, status=400, conclusion_form=form)
