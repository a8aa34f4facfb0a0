"""Every write about mediation projects: keyword-only, atomic, audited, each asking
``can_manage_projects`` (stewards; a project's managers for their own project).

A project's money lives in its own fund of the books: creating a project creates that fund (its
kind matching the project's), or takes a project fund that has no project yet. The platform's fund
is never a project's: the platform's money is not a project's (``remix check`` looks too)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.i18ntext import text_clean
from remix.core.money import MoneyError, to_minor
from remix.core.permissions import can_manage_projects, require_recorder
from remix.ledger.models import Fund, FundKind
from remix.projects.models import Project, ProjectKind, ProjectStatus

# The fund's kind for each kind of project; the others are "other mediation project".
FUND_KINDS = {
    ProjectKind.PUBLICATION: FundKind.PUBLICATION,
    ProjectKind.MEETING: FundKind.MEETING,
    ProjectKind.FIESTA: FundKind.FIESTA,
    ProjectKind.PRODUCTION: FundKind.PRODUCTION,
}


def fund_kind_for(kind: str) -> str:
    return FUND_KINDS.get(kind, FundKind.OTHER)


def _dates_check(starts: datetime.date, ends: datetime.date | None) -> None:
    date_check(starts, field="starts")
    if ends is not None:
        date_check(ends, field="ends")
        if ends < starts:
            raise ValidationError({"ends": _("A project ends after it starts.")})


def _status_check(status: str) -> None:
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("Choose the project's status.")})


def _title(title: dict) -> dict:
    """The title per language, cleaned; at least one is needed."""
    cleaned = text_clean(title)
    if not cleaned:
        raise ValidationError({"title": _("Give the project a title.")})
    return cleaned


def _budget_minor(budget, commodity: str) -> int:
    """The planned budget typed or sent (an amount in ``commodity``; zero allowed), in minor
    units."""
    try:
        minor = to_minor(budget, commodity)
    except MoneyError:
        minor = -1
    if minor < 0:
        raise ValidationError({"budget": _("The budget is a positive amount, or zero.")})
    return minor


def _fund_for(*, slug: str, kind: str, title: dict, description: dict, fund, commodity: str):
    """The project's own fund: the one given (a project fund without a project yet), or a new
    one under the project's address."""
    if fund is None:
        if Fund.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("A fund of the books already has this address.")})
        return Fund.objects.create(
            slug=slug,
            kind=fund_kind_for(kind),
            name=title,
            description=description,
            reporting_currency=commodity,
        )
    if fund.is_platform:
        raise ValidationError(
            {"fund": _("The platform's fund is never a project's: its money is the platform's.")}
        )
    if Project.objects.filter(fund=fund).exists():
        raise ValidationError({"fund": _("This fund is already another project's.")})
    if fund.reporting_currency != commodity:
        raise ValidationError({"fund": _("The fund keeps its books in another currency.")})
    return fund


def project_create(
    *,
    slug: str,
    kind: str,
    title: dict,
    starts: datetime.date,
    description: dict | None = None,
    ends: datetime.date | None = None,
    status: str = ProjectStatus.PLANNED,
    budget="0",
    commodity: str = "EUR",
    fund: Fund | None = None,
    carriers=(),
    themes=(),
    managers=(),
    recorder=None,
) -> Project:
    """A new mediation project on its own fund (made here unless ``fund`` is given)."""
    require_recorder(can_manage_projects, recorder)
    if kind not in ProjectKind.values:
        raise ValidationError({"kind": _("Choose what kind of project it is.")})
    _status_check(status)
    title, description = _title(title), text_clean(description)
    _dates_check(starts, ends)
    budget_minor = _budget_minor(budget, commodity)
    if not slug or slug == "new":  # "new" is the address of the form that creates one
        raise ValidationError({"slug": _("Another project has this address.")})
    with db.atomic():
        if Project.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("Another project has this address.")})
        fund = _fund_for(
            slug=slug,
            kind=kind,
            title=title,
            description=description,
            fund=fund,
            commodity=commodity,
        )
        project = Project.objects.create(
            slug=slug,
            kind=kind,
            title=title,
            description=description,
            starts=starts,
            ends=ends,
            status=status,
            fund=fund,
            budget_minor=budget_minor,
            commodity=commodity,
            created_by=as_recorder(recorder),
        )
        project.carriers.set(carriers)
        project.themes.set(themes)
        project.managers.set(managers)
        audit_record(
            action="projects.project.created",
            recorder=recorder,
            obj=project,
            data={"kind": kind, "fund": fund.pk, "budget": budget_minor},
        )
    return project


EDITABLE = ("title", "description", "status", "starts", "ends", "budget")


def project_edit(*, project: Project, recorder=None, **changes) -> Project:
    """Change a project's words, status, dates or planned budget (its fund and kind stay)."""
    require_recorder(can_manage_projects, recorder, project=project)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This cannot be changed.")})
    if "title" in changes:
        changes["title"] = _title(changes["title"])
    if "description" in changes:
        changes["description"] = text_clean(changes["description"])
    if "status" in changes:
        _status_check(changes["status"])
    if "budget" in changes:
        changes["budget_minor"] = _budget_minor(changes.pop("budget"), project.commodity)
    _dates_check(changes.get("starts", project.starts), changes.get("ends", project.ends))
    changed = sorted(name for name, value in changes.items() if getattr(project, name) != value)
    if not changed:
        return project
    with db.atomic():
        for name in changed:
            setattr(project, name, changes[name])
        project.save(update_fields=changed)
        audit_record(
            action="projects.project.edited",
            recorder=recorder,
            obj=project,
            data={"fields": changed},
        )
    return project


def _linked(*, project: Project, relation: str, items, action: str, recorder) -> None:
    """Add ``items`` to the project's ``relation`` (those already there stay, once)."""
    require_recorder(can_manage_projects, recorder, project=project)
    items = list(items)
    if not items:
        raise ValidationError({relation: _("Choose at least one.")})
    with db.atomic():
        getattr(project, relation).add(*items)
        audit_record(
            action=action,
            recorder=recorder,
            obj=project,
            data={relation: sorted(item.pk for item in items)},
        )


def carriers_add(*, project: Project, actors, recorder=None) -> None:
    """Actors of the network who carry the project."""
    _linked(
        project=project,
        relation="carriers",
        items=actors,
        action="projects.carriers.added",
        recorder=recorder,
    )


def documents_add(*, project: Project, documents, recorder=None) -> None:
    """Documents of the catalogue the project produced."""
    _linked(
        project=project,
        relation="documents",
        items=documents,
        action="projects.documents.added",
        recorder=recorder,
    )


def productions_add(*, project: Project, productions, recorder=None) -> None:
    """Productions made by the project."""
    _linked(
        project=project,
        relation="productions",
        items=productions,
        action="projects.productions.added",
        recorder=recorder,
    )
