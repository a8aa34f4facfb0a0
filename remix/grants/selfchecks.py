"""The funding search's invariants, checked by `remix check` and after every test."""

from django.db.models import OuterRef, Subquery, Sum

from remix.core.selfchecks import selfcheck
from remix.grants.models import PUBLIC_STAGES, Application, StageEvent
from remix.ledger.chart import GRANTS_RECEIVABLE
from remix.ledger.models import Posting


@selfcheck("grants.stages")
def check_stages() -> list[str]:
    """An application's stage is where its last recorded move took it."""
    last = StageEvent.objects.filter(application=OuterRef("pk")).order_by("-at", "-pk")
    rows = Application.objects.annotate(last=Subquery(last.values("to_stage")[:1])).values_list(
        "pk", "stage", "last"
    )
    return [
        f"application {pk} is {stage} but its last move took it to {moved}"
        for pk, stage, moved in rows
        if stage != moved
    ]


@selfcheck("grants.granted_in_books")
def check_granted_in_books() -> list[str]:
    """A granted application's grant is owed in the books for exactly the amount granted, and
    never more is received than was granted."""
    problems = []
    granted = Application.objects.filter(stage__in=PUBLIC_STAGES).select_related("receivable")
    for application in granted:
        owed = (
            Posting.objects.filter(
                transaction=application.receivable_id,
                account__code=GRANTS_RECEIVABLE,
                posted=True,
            ).aggregate(total=Sum("amount_minor"))["total"]
            or 0
        )
        if owed != application.amount_granted_minor:
            problems.append(
                f"application {application.pk} granted {application.amount_granted_minor} but "
                f"{owed} is owed in the books"
            )
        paid = -(
            Posting.objects.filter(
                transaction__external_key__startswith=f"grant:{application.pk}:payment:",
                account__code=GRANTS_RECEIVABLE,
                posted=True,
            ).aggregate(total=Sum("amount_minor"))["total"]
            or 0
        )
        if paid > (application.amount_granted_minor or 0):
            problems.append(f"application {application.pk} received {paid}, more than granted")
    return problems
