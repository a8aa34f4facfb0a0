"""An application's financing plan read against its funder's rules (the maths are ``plan.py``'s),
and each breach said in plain words with its figures: the application's page, the plan editor, the
API's plan check and the submission's refusal say the same."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from remix.core.formats import format_money
from remix.grants import plan
from remix.grants.models import Application, Opportunity, PlanLine, PlanLineKind, Stage

# The plan changes until the application is sent.
EDITABLE_STAGES = frozenset({Stage.SPOTTED, Stage.QUALIFIED, Stage.DRAFTING})


def plan_editable(application: Application) -> bool:
    return application.stage in EDITABLE_STAGES


def rules_of(opportunity: Opportunity) -> plan.Rules:
    return plan.Rules(
        max_share=opportunity.max_share,
        withheld_share=opportunity.withheld_share,
        volunteer_time_counts=opportunity.volunteer_time_counts,
    )


def _checked(application: Application, lines: list[PlanLine]) -> plan.Check:
    return plan.check(
        [
            plan.Line(line.amount_minor, volunteer=line.volunteer)
            for line in lines
            if line.kind == "cost"
        ],
        [
            plan.Line(line.amount_minor, plan.Source(line.source))
            for line in lines
            if line.kind == "funding"
        ],
        rules_of(application.opportunity),
        requested=application.amount_requested_minor,
    )


def plan_check(application: Application) -> plan.Check:
    return _checked(application, list(application.plan.all()))


def breach_text(breach: plan.Breach, commodity: str) -> str:
    """A breach of the plan in plain words, with the figures."""
    money = {
        "amount": format_money(breach.amount, commodity),
        "limit": format_money(breach.limit, commodity),
        "actual": format_money(breach.actual, commodity),
    }
    if breach.code == "unbalanced":
        if breach.actual < breach.limit:
            return (
                _(
                    "The plan does not balance: the funding lines (%(actual)s) are %(amount)s "
                    "short of the costs (%(limit)s)."
                )
                % money
            )
        return (
            _(
                "The plan does not balance: the funding lines (%(actual)s) are %(amount)s over "
                "the costs (%(limit)s)."
            )
            % money
        )
    if breach.code == "over_cap":
        return (
            _(
                "This grant would be %(actual)s, but the funder covers at most %(limit)s of this "
                "total cost: %(amount)s too much."
            )
            % money
        )
    if breach.code == "no_grant_line":
        return _("The plan has no line for this grant.")
    return (
        _(
            "The plan's line for this grant (%(actual)s) differs from the amount requested "
            "(%(limit)s)."
        )
        % money
    )


def breach_texts(application: Application, check: plan.Check) -> list[str]:
    return [breach_text(breach, application.commodity) for breach in check.breaches]


@dataclass(frozen=True)
class PlanSummary:
    """The plan as its page shows it: the lines by kind, their totals, the check and its breaches
    in words."""

    costs: list[PlanLine]
    funding: list[PlanLine]
    check: plan.Check
    breaches: list[str]

    @property
    def costs_total(self) -> int:
        return sum(line.amount_minor for line in self.costs)

    @property
    def funding_total(self) -> int:
        return sum(line.amount_minor for line in self.funding)

    @property
    def empty(self) -> bool:
        return not (self.costs or self.funding)


def plan_summary(application: Application) -> PlanSummary:
    lines = list(application.plan.all())
    check = _checked(application, lines)
    return PlanSummary(
        costs=[line for line in lines if line.kind == PlanLineKind.COST],
        funding=[line for line in lines if line.kind == PlanLineKind.FUNDING],
        check=check,
        breaches=breach_texts(application, check),
    )
