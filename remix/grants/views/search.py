"""The funding search: opportunities with their filters, saved searches, one opportunity's page,
adding and editing one, and the import of a file of them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from remix.allies.models import LegalForm
from remix.core.permissions import (
    can_contribute,
    can_edit_network,
    can_keep_books,
    role_required,
)
from remix.grants import imports, selectors, services
from remix.grants.forms import ImportForm, OpportunityForm, SavedSearchForm, SearchForm
from remix.grants.forms_pipeline import ApplicationNewForm, DocumentForm
from remix.grants.models import Opportunity

PER_PAGE = 30


def can_import(user) -> bool:
    """Editors of the network and treasurers bring opportunities in by the file."""
    return can_edit_network(user) or can_keep_books(user)


def _search_form(query) -> tuple[SearchForm, selectors.opportunities.OpportunityFilter]:
    form = SearchForm(query or None)
    if form.is_bound:
        form.is_valid()  # the filters that parse apply; the others are said next to their field
    return form, form.to_filter()


def search(request):
    form, filters = _search_form(request.GET)
    found = selectors.opportunities.opportunities_search(filters=filters)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = filters.query_string()
    return render(
        request,
        "grants/search.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": selectors.opportunities.opportunity_rows(page.object_list),
            "query": query,
            "saved": selectors.personal.saved_searches(user=request.user),
            "save_form": SavedSearchForm(initial={"query": query}),
            "can_add": can_contribute(request.user),
            "can_import": can_import(request.user),
            "section": "search",
        },
    )


@require_POST
@login_required
def saved_searches(request):
    """Save the current filters under a name (the same name replaces them), or delete one."""
    if request.POST.get("delete"):
        try:
            search_id = int(request.POST["delete"])
        except ValueError:
            search_id = 0
        services.personal.saved_search_delete(user=request.user, search_id=search_id)
        messages.success(request, _("The saved search is deleted."))
        return redirect("grants:search")
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the search to save it."))
        return redirect(_search_url(request.POST.get("query", "")))
    # Only the known filters are kept, as the search page reads them.
    _form, filters = _search_form(_query_dict(form.cleaned_data["query"]))
    try:
        saved = services.personal.saved_search_save(
            user=request.user, name=form.cleaned_data["name"], query=filters.query_string()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_search_url(filters.query_string()))
    messages.success(request, _("The search « %(name)s » is saved.") % {"name": saved.name})
    return redirect(_search_url(saved.query))


def _query_dict(query: str) -> QueryDict:
    return QueryDict(query or "")


def _search_url(query: str) -> str:
    url = reverse("grants:search")
    return f"{url}?{query}" if query else url


# --- one opportunity -----------------------------------------------------------------------------


def _opportunity(slug: str) -> Opportunity:
    return get_object_or_404(selectors.opportunities.opportunities_with_files(), slug=slug)


def opportunity(request, slug):
    found = _opportunity(slug)
    member = can_contribute(request.user)
    try:
        apply_url = reverse("grants:application_new", kwargs={"slug": found.slug})
    except NoReverseMatch:
        apply_url = ""
    legal_forms = dict(LegalForm.choices)
    return render(
        request,
        "grants/opportunity.html",
        {
            "opportunity": found,
            "days_left": selectors.opportunities.days_left(found),
            "amounts": selectors.opportunities.opportunity_amounts(found),
            "amounts_label": selectors.opportunities.opportunity_amounts_label(found),
            "rules": selectors.opportunities.opportunity_rules(found),
            "beneficiaries": [
                capfirst(legal_forms[value])
                for value in found.beneficiary_types
                if value in legal_forms
            ],
            "applications": selectors.applications.opportunity_applications(
                opportunity=found, user=request.user
            ),
            "member": member,
            "can_import": can_import(request.user),
            "apply_url": apply_url,
            "apply_form": ApplicationNewForm(opportunity=found) if member and apply_url else None,
            "attachment_form": DocumentForm() if member else None,
            "section": "search",
        },
    )


def _opportunity_form_page(request, form, found=None, status=200):
    return render(
        request,
        "grants/opportunity_form.html",
        {
            "form": form,
            "opportunity": found,
            "funder_names": selectors.opportunities.funders_by_name(),
            "section": "search",
        },
        status=status,
    )


def _opportunity_save(request, form, found=None):
    """The form's opportunity written, or the form with the reasons it was not."""
    if form.is_valid():
        try:
            saved, _created = imports.opportunity_save_typed(
                funder=form.cleaned_data["funder"],
                funder_kind=form.cleaned_data["funder_kind"],
                data=form.opportunity_data(),
                opportunity=found,
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if found is None:
                messages.success(request, _("The opportunity is added to the funding search."))
            else:
                messages.success(request, _("The opportunity is updated."))
            return redirect("grants:opportunity", slug=saved.slug)
    return _opportunity_form_page(request, form, found, status=400 if form.is_bound else 200)


@role_required(can_contribute)
def opportunity_new(request):
    form = OpportunityForm(request.POST or None, initial={"currency": "EUR", "kind": "grant"})
    return _opportunity_save(request, form)


@role_required(can_contribute)
def opportunity_edit(request, slug):
    found = _opportunity(slug)
    form = OpportunityForm(request.POST or None, initial=OpportunityForm.initial_for(found))
    return _opportunity_save(request, form, found)


# --- import --------------------------------------------------------------------------------------


@role_required(can_import)
def import_file(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            content = imports.file_text(form.cleaned_data["file"].read())
            report = imports.csv_import(content, recorder=request.user)
        except imports.ImportRefused as refused:
            form.add_error("file", refused.message)
    return render(
        request,
        "grants/import.html",
        {
            "form": form,
            "report": _report_text(report) if report else "",
            "columns": imports.COLUMN_HELP,
            "time_zone": settings.TIME_ZONE,
            "can_import": True,
            "section": "import",
        },
        status=400 if form.errors else 200,
    )


def _report_text(report: imports.ImportReport) -> str:
    text = ngettext(
        "%(count)d opportunity created, ", "%(count)d opportunities created, ", report.created
    ) % {"count": report.created} + ngettext(
        "%(count)d updated.", "%(count)d updated.", report.updated
    ) % {"count": report.updated}
    if report.funders_created:
        text += " " + _("New funders among the allies: %(names)s.") % {
            "names": ", ".join(report.funders_created)
        }
    return text


@require_POST
@login_required
def opportunity_attachment(request, slug):
    found = _opportunity(slug)
    if not can_contribute(request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.opportunities.opportunity_attachment_add(
            opportunity=found,
            upload=form.cleaned_data["file"],
            name=form.cleaned_data["name"],
            stored_name=form.stored_name(),
            recorder=request.user,
        )
        messages.success(request, _("The file is attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("grants:opportunity", slug=found.slug)


@require_POST
@login_required
def opportunity_renew(request, slug):
    found = _opportunity(slug)
    if not can_contribute(request.user):
        raise PermissionDenied
    try:
        renewed = services.opportunities.opportunity_renew(opportunity=found, recorder=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:opportunity", slug=found.slug)
    messages.success(request, _("Next year's edition of the call, every date a year later."))
    return redirect("grants:opportunity", slug=renewed.slug)


urlpatterns = [
    path("", search, name="search"),
    path("saved-searches/", saved_searches, name="saved_searches"),
    path("opportunities/new/", opportunity_new, name="opportunity_new"),
    path("opportunities/<slug:slug>/", opportunity, name="opportunity"),
    path("opportunities/<slug:slug>/edit/", opportunity_edit, name="opportunity_edit"),
    path(
        "opportunities/<slug:slug>/attachments/",
        opportunity_attachment,
        name="opportunity_attachment",
    ),
    path("opportunities/<slug:slug>/renew/", opportunity_renew, name="opportunity_renew"),
    path("import/", import_file, name="import"),
]
