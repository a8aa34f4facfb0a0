"""Matching rounds as pages and the API read them: the gifts that count, the matching, and each
project's line with the reason for its match in plain words."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.contributions import quadratic
from remix.contributions.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    Round,
    RoundProject,
    RoundStatus,
)
from remix.core.formats import format_money
from remix.core.permissions import can_keep_books


def round_gifts(*, round: Round):
    """The gifts that count: money, recorded, in the window, from verified member accounts."""
    return Contribution.objects.filter(
        round_project__round=round,
        kind=ContributionKind.MONEY,
        status=ContributionStatus.RECORDED,
        commodity=round.commodity,
        date__range=(round.opens, round.closes),
        user__isnull=False,
        user__is_active=True,
        user__verified_at__isnull=False,
    )


def round_matching(*, round: Round) -> quadratic.Matching:
    """The quadratic matching of the round as it stands (or as it was closed).

    The database sums each project's givers (how many, what they gave, the roots of each one's
    total), so the gifts come back as one row per project; each giver's own total is read only
    when the floats cannot call a cent (``quadratic.match_sums``) or an exact ideal is asked for."""
    per_giver = _round_totals_per_giver(round)
    sql, params = per_giver.query.sql_with_params()
    projects = round.projects.order_by("pk").values_list("pk", flat=True)
    sums = dict.fromkeys(projects, quadratic.Sums(0, 0, 0.0))
    with connection.cursor() as cursor:
        cursor.execute(_PROJECT_SUMS.format(per_giver=sql), params)
        for project, count, total, roots in cursor.fetchall():
            sums[project] = quadratic.Sums(count, int(total), roots)

    def totals() -> dict[int, list[int]]:
        given: dict[int, list[int]] = {pk: [] for pk in sums}
        for project, total in per_giver:
            given[project].append(total)
        return given

    return quadratic.match_sums(
        sums,
        pool=round.pool_minor,
        cap_share=round.cap_share,
        spend_pool=round.spends_pool,
        totals=totals,
    )


# Per project: its givers, their gifts, and Σ √(each giver's total) in double precision.
_PROJECT_SUMS = """
WITH per_giver(project, total) AS ({per_giver})
SELECT project, COUNT(*), CAST(SUM(total) AS BIGINT), SUM(SQRT(CAST(total AS DOUBLE PRECISION)))
FROM per_giver GROUP BY project
"""


def _round_totals_per_giver(round: Round):
    """(project, what one giver gave it in total) of the gifts that count, a row per giver."""
    return (
        round_gifts(round=round)
        .values("round_project_id", "user_id")
        .annotate(total=Sum("amount_minor"))
        .values_list("round_project_id", "total")
        .order_by()
    )


@dataclass(frozen=True)
class ProjectLine:
    project: RoundProject
    total: int
    contributors: int
    match: int
    capped: bool
    explanation: str


def round_lines(*, round: Round) -> list[ProjectLine]:
    """Each project with its gifts and its match (estimated while open, final once closed)."""
    projects = {p.pk: p for p in round.projects.select_related("fund")}
    if round.status == RoundStatus.CLOSED:
        rows = [
            (projects[m.project_id], m.total_minor, m.contributors, m.match_minor, m.capped)
            for m in round.matches.all()
        ]
    else:
        matching = round_matching(round=round)
        rows = [
            (projects[p.project], p.total, p.contributors, p.match, p.capped)
            for p in matching.projects
        ]
    lines = [
        ProjectLine(
            project=project,
            total=total,
            contributors=people,
            match=match,
            capped=capped,
            explanation=match_explanation(
                total=total, contributors=people, match=match, capped=capped, round=round
            ),
        )
        for project, total, people, match, capped in rows
    ]
    return sorted(lines, key=lambda line: (-line.match, -line.total, line.project.pk))


def match_explanation(*, total: int, contributors: int, match: int, capped: bool, round) -> str:
    """Why a project gets what it gets, in plain words."""
    money = {
        "total": format_money(total, round.commodity),
        "match": format_money(match, round.commodity),
    }
    if contributors == 0:
        return _("No one has given yet: the match grows with the number of givers.")
    if contributors == 1:
        return (
            _(
                "One person gave %(total)s. Matching rewards the number of givers, not the size of "
                "a gift: one giver alone earns no match."
            )
            % money
        )
    text = ngettext(
        "%(count)d people gave %(total)s; their breadth earns %(match)s.",
        "%(count)d people gave %(total)s; their breadth earns %(match)s.",
        contributors,
    ) % {"count": contributors, **money}
    if capped:
        share = {"share": f"{(round.cap_share * 100).normalize():f} %"}
        text += (
            " "
            + (
                _(
                    "That is the most one project may receive (%(share)s of the pool); the rest "
                    "goes to the other projects."
                )
                if round.spends_pool
                else _("That is the most one project may receive (%(share)s of the pool).")
            )
            % share
        )
    return text


def rounds_public(*, status: str | None = None):
    """Every round but those in preparation (or those of one ``status``), with its funder and
    its pool's fund."""
    rounds = Round.objects.select_related("funder", "pool_fund").exclude(status=RoundStatus.DRAFT)
    return rounds.filter(status=status) if status else rounds


def rounds_visible(*, user):
    """The rounds ``user`` may read: the public ones, and those in preparation for treasurers."""
    if can_keep_books(user):
        return Round.objects.select_related("funder", "pool_fund")
    return rounds_public()


def rounds_prepared():
    """The rounds in preparation, the next to open first, with how many projects each has."""
    return (
        Round.objects.filter(status=RoundStatus.DRAFT)
        .select_related("funder", "pool_fund")
        .annotate(project_count=Count("projects"))
        .order_by("opens", "slug")
    )


def rounds_listed(*, status: str | None = None):
    """Rounds with what the API shows of each: their projects and the projects' funds."""
    return rounds_public(status=status).prefetch_related("projects__fund")


def rounds_counted():
    """Rounds with how many projects each has (``project_count``)."""
    return rounds_public().annotate(project_count=Count("projects"))


def round_of(pk: int) -> Round | None:
    """A public round (not in preparation) by its id."""
    return rounds_public().filter(pk=pk).first()


def round_project_of(pk: int, *, round: Round | None = None) -> RoundProject | None:
    """A round's project (of ``round``, when given) with its round and its fund."""
    projects = RoundProject.objects.select_related("round", "fund")
    if round is not None:
        projects = projects.filter(round=round)
    return projects.filter(pk=pk).first()
