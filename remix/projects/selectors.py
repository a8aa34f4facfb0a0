"""What the projects' pages and API read: the list (running, planned, done) with how each project
is financed, and one project's sheet.

Every figure of money is read through the open budget's selectors, never computed again here:
what a project's fund received (by nature) and spent comes from the sustainability reports of
the years the books show (each cached for the books' version; the list reads the consolidated
ones, a fixed number whatever the number of projects), its balance from the cash its fund holds
(``cash_by_fund``, one query for the page's projects)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from remix.allies.models import Actor
from remix.catalogue.models import Document
from remix.contributions.models import Campaign
from remix.ledger import maths
from remix.ledger.models import NON_MONETARY_NATURES
from remix.ledger.openbudget.common import years_with_books
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.movements import cash_by_fund
from remix.ledger.selectors.sustainability_report import source_known, sustainability
from remix.productions.models import Production
from remix.projects.models import Project, ProjectStatus

# The list's order: what is running, then what is planned, then what is done.
STATUS_ORDER = [ProjectStatus.RUNNING, ProjectStatus.PLANNED, ProjectStatus.DONE]


def projects_listed(*, status: str | None = None):
    """Every project, running first, then planned, then done; the newest first in each."""
    rank = Case(
        *[When(status=value, then=Value(index)) for index, value in enumerate(STATUS_ORDER)],
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    found = Project.objects.select_related("fund").prefetch_related(
        "themes", Prefetch("carriers", queryset=Actor.objects.prefetch_related("movements"))
    )
    if status:
        found = found.filter(status=status)
    return found.annotate(status_rank=rank).order_by("status_rank", "-starts", "-id")


@dataclass
class Financing:
    """How a project is financed, from the books of its fund, over every year the books show."""

    currency: str
    budget: int
    received_by_nature: dict[str, int] = field(default_factory=dict)  # valued time included
    spent_by_category: dict[str, int] = field(default_factory=dict)
    balance: int = 0  # the cash its fund holds today

    @property
    def received(self) -> int:
        """Money received (transfers from other funds included; valued time and in-kind not)."""
        return sum(
            amount
            for nature, amount in self.received_by_nature.items()
            if nature not in NON_MONETARY_NATURES
        )

    @property
    def valued(self) -> int:
        return sum(
            amount
            for nature, amount in self.received_by_nature.items()
            if nature in NON_MONETARY_NATURES
        )

    @property
    def spent(self) -> int:
        return sum(self.spent_by_category.values())

    @property
    def spent_share(self):
        return maths.ratio(self.spent, self.budget)

    @property
    def natures(self) -> list[tuple[str, int]]:
        return sorted(self.received_by_nature.items(), key=lambda item: (-item[1], item[0]))


def _years(today: datetime.date) -> list[maths.Period]:
    return [maths.period_of("year", datetime.date(year, 1, 1)) for year in years_with_books(today)]


def _add(into: dict, amounts: dict) -> None:
    for key, amount in amounts.items():
        into[key] = into.get(key, 0) + amount


def financing_of(projects, *, today: datetime.date | None = None) -> dict[int, Financing]:
    """Each project's financing by its id, from the consolidated reports of the books' years
    (the same reports as the open budget's « all funds together »): a fixed number of reads."""
    today = today or timezone.localdate()
    projects = list(projects)
    if not projects:
        return {}
    reports = [sustainability(fund=None, period=period) for period in _years(today)]
    currency = reports[0].currency
    cash = cash_by_fund([p.fund for p in projects], today, Converter(currency))
    found = {}
    for project in projects:
        financing = Financing(currency=currency, budget=project.budget_minor)
        for report in reports:
            _add(financing.received_by_nature, report.resources_by_fund.get(project.fund.slug, {}))
            _add(financing.spent_by_category, report.spending_by_fund.get(project.fund.slug, {}))
        financing.balance = cash.get(project.fund_id, 0)
        found[project.pk] = financing
    return found


def projects_page_rows(projects, *, today: datetime.date | None = None) -> list[dict]:
    """The page's projects, each with its financing."""
    projects = list(projects)
    financing = financing_of(projects, today=today)
    return [{"project": project, "financing": financing[project.pk]} for project in projects]


@dataclass
class GivesBack:
    documents: int
    contributors: int
    pages: int

    @property
    def visibility(self) -> int:
        return self.documents + self.pages


@dataclass
class Sheet:
    project: Project
    financing: Financing
    carriers: list
    themes: list
    campaigns: list
    applications: list
    productions: list
    documents: list
    sources: list[dict]  # who gave to its fund, over the years the books show
    gives_back: GivesBack
    figures: dict  # the fund's figures of this year (coverage, runway…), as the open budget's
    period: maths.Period


def _sources(project: Project, periods) -> list[dict]:
    """Who gave money or time to the project's fund, over ``periods``, the largest first: the
    sources of its fund's reports, added up."""
    totals: dict = defaultdict(int)
    names: dict = {}
    for period in periods:
        for source in sustainability(fund=project.fund, period=period).sources:
            key = (source["actor_id"], source["anonymous"], bool(source.get("transfer")))
            totals[key] += source["amount"]
            names[key] = source
    return [
        {**names[key], "amount": amount}
        for key, amount in sorted(totals.items(), key=lambda item: -item[1])
    ]


def project_sheet(project: Project, *, user, today: datetime.date | None = None) -> Sheet:
    """One project's page: its words' objects, its fund's figures, its campaigns, the funding
    applications ``user`` may see, its productions and documents, what it gives back."""
    from remix.grants.selectors.applications import applications_visible

    today = today or timezone.localdate()
    periods = _years(today)
    this_year = maths.period_of("year", today)
    productions = list(
        Production.objects.filter(Q(fund=project.fund) | Q(projects=project))
        .distinct()
        .order_by("-starts", "-id")
    )
    documents = list(
        Document.objects.visible()
        .filter(Q(projects=project) | Q(productions__in=[p.pk for p in productions]))
        .distinct()
        .order_by("title")
    )
    campaigns = list(Campaign.objects.filter(fund=project.fund).order_by("-deadline", "slug"))
    sources = _sources(project, periods)
    contributors = {source["actor_id"] for source in sources if source["actor_id"]}
    return Sheet(
        project=project,
        financing=financing_of([project], today=today)[project.pk],
        carriers=list(project.carriers.prefetch_related("movements").order_by("name")),
        themes=list(project.themes.all()),
        campaigns=campaigns,
        applications=list(
            applications_visible(user=user).filter(fund=project.fund).order_by("-created_at")
        ),
        productions=productions,
        documents=documents,
        sources=[source for source in sources if source_known(source)],
        gives_back=GivesBack(
            documents=len(documents),
            contributors=len(contributors),
            # its own page, its productions' and its campaigns' pages
            pages=1 + len(productions) + len(campaigns),
        ),
        figures=sustainability(fund=project.fund, period=this_year).figures(),
        period=this_year,
    )


def projects_on_theme(themes) -> dict[int, list[Project]]:
    """The projects working on each of ``themes`` (by theme id), running first, in one query."""
    found: dict[int, list[Project]] = defaultdict(list)
    links = Project.themes.through.objects.filter(
        theme_id__in=[theme.pk for theme in themes]
    ).select_related("project")
    for link in links:
        found[link.theme_id].append(link.project)
    rank = {status: index for index, status in enumerate(STATUS_ORDER)}
    for projects in found.values():
        projects.sort(key=lambda p: (rank.get(p.status, len(rank)), -p.starts.toordinal(), p.pk))
    return dict(found)
