"""Productions' pages: the list, and each production's sheet (planned against actual, cost per
document, who gave time, where the money came from), with the managers' forms (a planned line, a
funding line, a document it produced, volunteer time given to it) and the treasurers' form to
count a transaction of the books as a cost."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.permissions import can_keep_books, can_manage_productions, role_required
from remix.productions import selectors, services
from remix.productions.forms import CostLineForm, CostLinkForm, ProductionForm
from remix.productions.links import DocumentLinkForm, FundingLineForm, TimeLinkForm
from remix.productions.models import Production


def productions(request):
    context = {
        "productions": selectors.productions_list(),
        "may_manage": can_manage_productions(request.user),
    }
    return render(request, "productions/list.html", context)


@role_required(can_manage_productions)
def production_new(request):
    form = ProductionForm(request.POST or None)

    def write():
        data = dict(form.cleaned_data)
        language = (get_language() or "fr").split("-")[0]
        title, description = data.pop("title"), data.pop("description")
        return services.production_create(
            slug=slugify(title)[:80] or "production",
            title={language: title},
            description={language: description},
            **data,
            recorder=request.user,
        )

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The production is created."))
        return redirect(made)
    return render(request, "productions/new.html", {"form": form})


def _detail(request, production, *, status=200, **posted):
    """The sheet, with the forms its reader may send (``posted``: one sent back with its errors)."""
    context = {"sheet": selectors.production_sheet(production), "production": production}
    if can_manage_productions(request.user):
        context["line_form"] = CostLineForm()
        for name, form_class in MANAGER_FORMS.items():
            context[name] = form_class(production=production)
    if can_keep_books(request.user):
        context["cost_form"] = CostLinkForm(production=production)
    context.update(posted)
    return render(request, "productions/detail.html", context, status=status)


# The managers' forms that link the production to what exists elsewhere, by their page's name.
MANAGER_FORMS = {
    "funding_form": FundingLineForm,
    "document_form": DocumentLinkForm,
    "time_form": TimeLinkForm,
}


def production(request, slug):
    return _detail(request, get_object_or_404(Production, slug=slug))


@require_POST
@role_required(can_manage_productions)
def line_new(request, slug):
    found = get_object_or_404(Production, slug=slug)
    form = CostLineForm(request.POST)

    def write():
        return services.cost_line_add(production=found, **form.cleaned_data, recorder=request.user)

    if form_written(request, form, write) is not None:
        messages.success(request, _("The planned line is added."))
        return redirect(found)
    return _detail(request, found, line_form=form, status=400)


def _link(request, slug, *, name, service, done):
    """A manager's form of ``MANAGER_FORMS`` posted: written by ``service``, or shown again."""
    found = get_object_or_404(Production, slug=slug)
    form = MANAGER_FORMS[name](request.POST, production=found)

    def write():
        service(production=found, **form.cleaned_data, recorder=request.user)
        return found

    if form_written(request, form, write) is not None:
        messages.success(request, done)
        return redirect(found)
    return _detail(request, found, status=400, **{name: form})


@require_POST
@role_required(can_manage_productions)
def funding_new(request, slug):
    return _link(
        request,
        slug,
        name="funding_form",
        service=services.funding_add,
        done=_("The funding line is added."),
    )


@require_POST
@role_required(can_manage_productions)
def document_new(request, slug):
    return _link(
        request,
        slug,
        name="document_form",
        service=services.document_link,
        done=_("The document is linked to the production."),
    )


@require_POST
@role_required(can_manage_productions)
def time_new(request, slug):
    return _link(
        request,
        slug,
        name="time_form",
        service=services.time_link,
        done=_("The time is counted for the production."),
    )


@require_POST
@role_required(can_keep_books)
def cost_new(request, slug):
    found = get_object_or_404(Production, slug=slug)
    form = CostLinkForm(request.POST, production=found)

    def write():
        return services.cost_link(production=found, **form.cleaned_data, recorder=request.user)

    if form_written(request, form, write) is not None:
        messages.success(request, _("The transaction is counted as a cost of the production."))
        return redirect(found)
    return _detail(request, found, cost_form=form, status=400)
