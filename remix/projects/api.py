"""Mediation projects over HTTP: the list with how each is financed (the same reads as the
projects page), one project's page, and a new project (``can_manage_projects``). Amounts are
decimal strings in the fund's reporting currency."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import token_auth_for
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    Page,
    Rows,
    WindowDate,
    amount_text,
    objects_named,
)
from remix.core.permissions import can_manage_projects
from remix.projects import selectors, services
from remix.projects.models import ProjectKind, ProjectStatus

router = Router(tags=["projects"])


class FinancingOut(BaseModel):
    currency: str
    budget: str
    received: str
    valued: str
    spent: str
    balance: str
    received_by_nature: dict[str, str]


class ProjectRowOut(BaseModel):
    id: int
    slug: str
    kind: ProjectKind
    status: ProjectStatus
    title: dict[str, str]
    starts: datetime.date
    ends: datetime.date | None
    fund: str
    carriers: list[str]
    themes: list[str]
    financing: FinancingOut


def _financing_out(financing: selectors.Financing) -> FinancingOut:
    code = financing.currency
    return FinancingOut(
        currency=code,
        budget=amount_text(financing.budget, code),
        received=amount_text(financing.received, code),
        valued=amount_text(financing.valued, code),
        spent=amount_text(financing.spent, code),
        balance=amount_text(financing.balance, code),
        received_by_nature={
            nature: amount_text(amount, code) for nature, amount in financing.natures
        },
    )


def _row_out(project, financing) -> ProjectRowOut:
    return ProjectRowOut(
        id=project.pk,
        slug=project.slug,
        kind=project.kind,
        status=project.status,
        title=project.title,
        starts=project.starts,
        ends=project.ends,
        fund=project.fund.slug,
        carriers=[actor.slug for actor in project.carriers.all()],
        themes=[theme.code for theme in project.themes.all()],
        financing=_financing_out(financing),
    )


def _page_out(projects) -> list[ProjectRowOut]:
    rows = selectors.projects_page_rows(projects)
    return [_row_out(row["project"], row["financing"]) for row in rows]


@router.get(
    "/projects",
    response=list[ProjectRowOut],
    auth=READ,
    url_name="projects_list",
    summary="Mediation projects, running then planned then done, with how each is financed",
    description=(
        "`financing` is read in the books of the project's own fund, every year the books "
        "show: received by nature, spent, and the cash its fund holds today. `status` filters."
    ),
)
@paginate(Page)
def projects(request, status: ProjectStatus | None = None):
    return Rows(selectors.projects_listed(status=status), write_page=_page_out)


class DocumentOut(BaseModel):
    slug: str
    title: str


class LinkOut(BaseModel):
    slug: str
    title: str


class ApplicationOut(BaseModel):
    id: int
    opportunity: str
    stage: str


class GivesBackOut(BaseModel):
    documents: int
    contributors: int
    pages: int
    visibility: int


class ProjectOut(ProjectRowOut):
    description: dict[str, str]
    campaigns: list[LinkOut]
    applications: list[ApplicationOut]
    productions: list[LinkOut]
    documents: list[DocumentOut]
    gives_back: GivesBackOut


def _project_out(project, sheet: selectors.Sheet) -> ProjectOut:
    row = _row_out(project, sheet.financing)
    return ProjectOut(
        **row.model_dump(),
        description=project.description,
        campaigns=[LinkOut(slug=c.slug, title=c.label) for c in sheet.campaigns],
        applications=[
            ApplicationOut(id=a.pk, opportunity=a.opportunity.title, stage=a.stage)
            for a in sheet.applications
        ],
        productions=[LinkOut(slug=p.slug, title=p.title_text) for p in sheet.productions],
        documents=[DocumentOut(slug=d.slug, title=d.title) for d in sheet.documents],
        gives_back=GivesBackOut(
            documents=sheet.gives_back.documents,
            contributors=sheet.gives_back.contributors,
            pages=sheet.gives_back.pages,
            visibility=sheet.gives_back.visibility,
        ),
    )


@router.get(
    "/projects/{project_id}",
    response={200: ProjectOut, **ERRORS},
    auth=READ,
    url_name="project",
    summary="A mediation project: its financing, campaigns, applications, productions, documents",
    description=(
        "The same reads as the project's page; `applications` are those the caller may see "
        "(members every one, others the granted ones). `gives_back`: documents produced, "
        "distinct contributors named in its fund's books, and pages and documents together."
    ),
)
def project(request, project_id: int):
    found = get_object_or_404(selectors.projects_listed(), pk=project_id)
    return _project_out(found, selectors.project_sheet(found, user=request.user))


class ProjectIn(Schema):
    slug: str = Field(max_length=80, pattern=r"^[-a-z0-9]+$")
    kind: ProjectKind
    title: dict[str, str] = Field(description='One title per language: {"fr": …}.')
    description: dict[str, str] = {}
    status: ProjectStatus = ProjectStatus.PLANNED
    starts: WindowDate
    ends: WindowDate | None = None
    budget: DecimalText = "0"
    commodity: str = "EUR"
    carriers: list[str] = Field([], description="Slugs of the actors who carry it.")
    themes: list[str] = Field([], description="Codes of the themes it works on.")


@router.post(
    "/projects",
    response={201: ProjectOut, **ERRORS},
    auth=token_auth_for(can_manage_projects),
    url_name="projects_create",
    summary="Create a mediation project on its own new fund (stewards)",
    description="The project's fund is made with it, under the same slug, of the matching kind.",
)
def project_create(request, payload: ProjectIn):
    from remix.allies.models import Actor, Theme

    made = services.project_create(
        **payload.model_dump(exclude={"carriers", "themes"}),
        carriers=objects_named(Actor, "carriers", payload.carriers, "slug"),
        themes=objects_named(Theme, "themes", payload.themes, "code"),
        managers=[request.auth],
        recorder=request.auth,
    )
    found = selectors.projects_listed().get(pk=made.pk)
    return Status(201, _project_out(found, selectors.project_sheet(found, user=request.auth)))
