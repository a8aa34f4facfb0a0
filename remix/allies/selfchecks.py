from remix.allies.models import Movement, MovementCode, NetworkState, Relation
from remix.core.selfchecks import selfcheck


@selfcheck("allies.reference_rows")
def check_reference_rows() -> list[str]:
    problems = []
    present = set(Movement.objects.values_list("code", flat=True))
    problems += [f"movement missing: {code}" for code in MovementCode.values if code not in present]
    if not NetworkState.objects.filter(pk=1).exists():
        problems.append("the network state row is missing")
    return problems


@selfcheck("allies.relations")
def check_relations() -> list[str]:
    """What the constraints cannot say: an ended relation never ends before it starts."""
    from django.db.models import F

    wrong = Relation.objects.filter(end_date__lt=F("start_date")).values_list("pk", flat=True)
    return [f"relation {pk} ends before it starts" for pk in wrong]
