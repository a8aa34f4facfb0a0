"""Reads of the applications: which a reader may see, the API's list, one application with its
financing plan and every move, and the tasks and documents members work with.

Visibility: before the decision an application is the members' business; granted ones (granted,
reporting, closed) are public with their amounts. The pages, the pipeline and the API read it here.
"""

from django.db.models import Prefetch, QuerySet

from remix.core.permissions import can_contribute
from remix.grants.models import (
    PUBLIC_STAGES,
    Application,
    ApplicationDocument,
    Opportunity,
    StageEvent,
    Task,
)
from remix.ledger.models import Fund


def applications_all() -> QuerySet[Application]:
    """Every application, with what a line of a list shows of it."""
    return Application.objects.select_related("fund", "owner", "opportunity__funder__actor")


def applications_visible(*, user) -> QuerySet[Application]:
    """Members see every application; others, the granted ones only."""
    applications = applications_all()
    if can_contribute(user):
        return applications
    return applications.filter(stage__in=PUBLIC_STAGES)


def opportunity_applications(*, opportunity: Opportunity, user) -> QuerySet[Application]:
    return applications_visible(user=user).filter(opportunity=opportunity)


def applications_listed(
    *,
    user,
    stage: str | None = None,
    fund: Fund | None = None,
    opportunity_id: int | None = None,
) -> QuerySet[Application]:
    """The API's list: what ``user`` may see, filtered, the newest first."""
    found = applications_visible(user=user)
    if stage:
        found = found.filter(stage=stage)
    if fund is not None:
        found = found.filter(fund=fund)
    if opportunity_id is not None:
        found = found.filter(opportunity_id=opportunity_id)
    return found.order_by("-created_at", "-id")


def _with_plan_and_moves(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.prefetch_related(
        Prefetch("events", queryset=StageEvent.objects.select_related("by")),
        "plan",  # each line's application is its parent, already there
    )


def applications_detailed(*, user) -> QuerySet[Application]:
    """The applications ``user`` may see, each with its financing plan and every move."""
    return _with_plan_and_moves(applications_visible(user=user))


def application_written(*, application_id: int) -> Application:
    """An application a member just wrote, as the API's answer shows it (members see them all)."""
    return _with_plan_and_moves(applications_all()).get(pk=application_id)


def application_tasks(*, application: Application) -> QuerySet[Task]:
    return application.tasks.select_related("assignee")


def application_documents(*, application: Application) -> QuerySet[ApplicationDocument]:
    return application.documents.all()


APPLICATION_FIELDS = (
    "id",
    "opportunity_id",
    "opportunity__title",
    "opportunity__funder__actor__name",
    "opportunity__funder__kind",
    "fund__slug",
    "fund__name",
    "stage",
    "commodity",
    "amount_requested_minor",
    "amount_granted_minor",
    "withheld_minor",
    "decided_on",
    "report_accepted_on",
    "receivable_id",
    "owner__username",
    "created_at",
)


def application_rows(applications: QuerySet[Application]) -> list[dict]:
    """The applications of ``applications`` (a page already cut, or one) as plain dicts of
    ``APPLICATION_FIELDS``, in their order, without a model instance; nothing masked here.

    The page is cut from the applications alone, by the index of their order, in a subquery,
    then its rows are joined to what they show: joined first, SQLite starts from the few funds
    and sorts every application to find the page."""
    found = Application.objects.filter(pk__in=applications.values("id"))
    if applications.query.order_by:
        found = found.order_by(*applications.query.order_by)
    return [
        dict(zip(APPLICATION_FIELDS, row, strict=True))
        for row in found.values_list(*APPLICATION_FIELDS)
    ]
