"""Productions' pages: the list, and each production's sheet (planned against actual, cost per
document, who gave time, where the money came from), with the managers' form to add a planned
line and the treasurers' form to count a transaction of the books as a cost."""

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


def _detail(request, production, *, line_form=None, cost_form=None, status=200):
    may_manage = can_manage_productions(request.user)
    may_link = can_keep_books(request.user)
    context = {
        "sheet": selectors.production_sheet(production),
        "production": production,
        "line_form": line_form or (CostLineForm() if may_manage else None),
        "cost_form": cost_form or (CostLinkForm(production=production) if may_link else None),
    }
    return render(request, "productions/detail.html", context, status=status)


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
