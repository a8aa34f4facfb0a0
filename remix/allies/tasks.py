"""Background computation of the network measures (django-tasks)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from remix.allies.measures import hoeffding_bound, network_measures
from remix.allies.models import MeasuresRun, NetworkState
from remix.allies.trunk import relation_crosses


@task()
def measures_compute(*, version: int) -> str:
    """Compute the measures for one network version; safe to run twice or after a crash."""
    with transaction.atomic():
        run = MeasuresRun.objects.select_for_update().filter(version=version).first()
        if run is None or run.status in {MeasuresRun.Status.DONE, MeasuresRun.Status.SUPERSEDED}:
            return "nothing to do"
        latest = NetworkState.objects.values_list("version", flat=True).get(pk=1)
        if latest > version and MeasuresRun.objects.filter(version=latest).exists():
            # The network changed again and that version is queued: compute that one only.
            run.status = MeasuresRun.Status.SUPERSEDED
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at"])
            return "superseded"
        run.status = MeasuresRun.Status.RUNNING
        run.started_at = timezone.now()
        run.progress = 0
        run.save(update_fields=["status", "started_at", "progress"])
    try:
        result, measures = measures_result(
            progress=lambda done, total: MeasuresRun.objects.filter(pk=run.pk).update(
                progress=min(99, done * 100 // max(total, 1))
            )
        )
    except Exception as error:
        MeasuresRun.objects.filter(pk=run.pk).update(
            status=MeasuresRun.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    MeasuresRun.objects.filter(pk=run.pk).update(
        status=MeasuresRun.Status.DONE,
        progress=100,
        result=result,
        method=measures.method,
        sample_size=measures.sample_size,
        finished_at=timezone.now(),
    )
    return "done"


def measures_result(*, progress=None):
    """Read the network from the database and compute what the measures page and API show."""
    from remix.allies.models import Relation
    from remix.allies.selectors import actor_facts

    facts = {fact.id: fact for fact in actor_facts()}
    relations = list(
        Relation.objects.filter(end_date__isnull=True).values_list("source_id", "target_id")
    )
    measures = network_measures(list(facts), relations, progress=progress)
    crossing = sum(
        1 for a, b in relations if relation_crosses(facts[a].movements, facts[b].movements)
    )
    result = {
        "actors": len(facts),
        "relations": len(relations),
        "density": measures.density,
        "components": measures.components,
        "crossing_share": crossing / len(relations) if relations else 0.0,
        "method": measures.method,
        "sample_size": measures.sample_size,
        "error_bound": hoeffding_bound(measures.sample_size) if measures.sample_size else 0.0,
        # actor id -> [degree, betweenness, component]
        "per_actor": {
            str(pk): [measures.degree[pk], measures.betweenness[pk], measures.component[pk]]
            for pk in facts
        },
    }
    return result, measures
