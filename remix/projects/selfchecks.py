"""The projects' invariant, checked by `remix check` and after every test: the platform's fund is
never a mediation project's (the platform's money is not a project's)."""

from remix.core.selfchecks import selfcheck
from remix.ledger.models import FundKind
from remix.projects.models import Project


@selfcheck("projects.not_on_platform_fund")
def check_no_project_on_platform_fund() -> list[str]:
    """No mediation project keeps its money in the platform's fund."""
    return [
        f"project {slug} is on the platform's fund"
        for slug in Project.objects.filter(fund__kind=FundKind.PLATFORM).values_list(
            "slug", flat=True
        )
    ]
