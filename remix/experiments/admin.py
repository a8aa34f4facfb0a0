"""Experiments in the admin: read only. Proposing, changing, starting and concluding go through
the services (``can_run_experiments``, their audit event) on the experiments' pages; snapshots are
written once by ``remix snapshot-metrics``."""

from django.contrib import admin

from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.experiments.models import Experiment, MetricSnapshot


class SnapshotInline(ReadOnlyInline):
    model = MetricSnapshot
    fields = ("date", "value", "taken_at")


@admin.register(Experiment)
class ExperimentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "metric", "comparison", "target", "deadline", "status", "outcome")
    list_filter = ("status", "outcome", "metric")
    inlines = (SnapshotInline,)
