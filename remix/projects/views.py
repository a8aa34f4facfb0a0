"""The mediation projects' pages: the list (running, planned, done, each with how it is financed)
and each project's page, with the forms of stewards and of the project's managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction as db
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.permissions import can_manage_projects, require, role_required
from remix.projects import selectors, services
from remix.projects.forms import LinksForm, ProjectEditForm, ProjectForm
from remix.projects.models import Project

PAGE_SIZE = 20


def _language() -> str:
    return (get_language() or "fr").split("-")[0]


def projects(request):
    page = Paginator(selectors.projects_listed(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": selectors.projects_page_rows(page.object_list),
        "may_create": can_manage_projects(request.user),
    }
    return render(request, "projects/list.html", context)


@role_required(can_manage_projects)
def project_new(request):
    form = ProjectForm(request.POST or None)

    def write():
        data = dict(form.cleaned_data)
        language = _language()
        title, description = data.pop("title"), data.pop("description")
        return services.project_create(
            slug=slugify(title)[:80] or "projet",
            title={language: title},
            description={language: description},
            managers=[request.user],
            **data,
            recorder=request.user,
        )

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The project is created, with its own fund in the books."))
        return redirect(made)
    return render(request, "projects/new.html", {"form": form})


def _edit_initial(project: Project) -> dict:
    language = _language()
    return {
        "title": project.title.get(language) or project.title_text,
        "description": project.description.get(language, ""),
        "status": project.status,
        "starts": project.starts,
        "ends": project.ends,
        "budget": project.budget_minor / 100 if project.budget_minor else 0,
    }


def _detail(request, project, *, status=200, **posted):
    context = {
        "project": project,
        "sheet": selectors.project_sheet(project, user=request.user),
    }
    if can_manage_projects(request.user, project=project):
        context["edit_form"] = ProjectEditForm(initial=_edit_initial(project))
        context["links_form"] = LinksForm()
    context.update(posted)
    return render(request, "projects/detail.html", context, status=status)


def project(request, slug):
    return _detail(request, get_object_or_404(Project.objects.select_related("fund"), slug=slug))


def _managed(request, slug, *, name: str, form_class, write):
    """A manager's form posted on a project's page: ``write(project, cleaned_data)``, or the
    page again with the form's errors."""
    found = get_object_or_404(Project.objects.select_related("fund"), slug=slug)
    require(can_manage_projects, request.user, project=found)
    form = form_class(request.POST)
    if form_written(request, form, lambda: write(found, dict(form.cleaned_data))) is not None:
        messages.success(request, _("The project is saved."))
        return redirect(found)
    return _detail(request, found, status=400, **{name: form})


def _edit(project: Project, data: dict, recorder) -> Project:
    language = _language()
    data["title"] = {**project.title, language: data["title"]}
    data["description"] = {**project.description, language: data["description"]}
    return services.project_edit(project=project, **data, recorder=recorder)


@require_POST
@login_required
def project_edit(request, slug):
    return _managed(
        request,
        slug,
        name="edit_form",
        form_class=ProjectEditForm,
        write=lambda project, data: _edit(project, data, request.user),
    )


# What the links' form adds, each through its service: (field, service, its keyword).
LINKS = (
    ("carriers", services.carriers_add, "actors"),
    ("documents", services.documents_add, "documents"),
    ("productions", services.productions_add, "productions"),
)


@require_POST
@login_required
def links_add(request, slug):
    def write(project, data):
        with db.atomic():
            for name, service, key in LINKS:
                if data.get(name):
                    service(project=project, **{key: data[name]}, recorder=request.user)
        return project

    return _managed(request, slug, name="links_form", form_class=LinksForm, write=write)
