"""Needs, exchange rates, and the three reports: trial balance, income statement, balance sheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.money import HOUR
from remix.ledger import services
from remix.ledger.forms.reports import BudgetFilterForm, BudgetLineForm, RateForm, ReportForm
from remix.ledger.models import BudgetLine
from remix.ledger.selectors import balances
from remix.ledger.selectors.budget import budget_lines_of_year
from remix.ledger.selectors.conversions import rates_recent
from remix.ledger.selectors.funds import platform_fund
from remix.ledger.views.books_shared import back, books_view, errors_to_form

# --- needs ---------------------------------------------------------------------------------------


def _needs_page(request, form, *, status=200):
    query = request.GET.copy()
    if not query.get("year"):
        query["year"] = str(timezone.localdate().year)
    filter_form = BudgetFilterForm(query)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    year = data.get("year") or timezone.localdate().year
    lines = budget_lines_of_year(year=year, fund=data.get("fund"))
    return render(
        request,
        "ledger/books_needs.html",
        {
            "section": "needs",
            "filter_form": filter_form,
            "year": year,
            "lines": lines,
            "totals": balances.commodity_totals(lines, "amount_minor"),
            "form": form,
        },
        status=status,
    )


@books_view
def need_list(request):
    today = timezone.localdate()
    form = BudgetLineForm(
        initial={"fund": platform_fund().pk, "period": str(today.year), "commodity": "EUR"}
    )
    return _needs_page(request, form)


@books_view
@require_POST
def need_create(request):
    form = BudgetLineForm(request.POST)
    if form.is_valid():
        try:
            services.budget_line_create(recorder=request.user, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The need is recorded."))
            return redirect("ledger:books_needs")
    return _needs_page(request, form, status=400)


@books_view
@require_POST
def need_delete(request, pk):
    line = get_object_or_404(BudgetLine, pk=pk)
    services.budget_line_delete(line=line, recorder=request.user)
    messages.success(request, _("The need is deleted."))
    return back(request, reverse("ledger:books_needs"))


# --- exchange rates ------------------------------------------------------------------------------


@books_view
def rate_list(request):
    form = RateForm(request.POST or None, initial={"quote": "EUR"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rate_record(recorder=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The rate is recorded."))
                return redirect("ledger:books_rates")
        status = 400
    return render(
        request,
        "ledger/books_rates.html",
        {"section": "rates", "form": form, "rates": rates_recent(), "hour": HOUR},
        status=status,
    )


# --- reports -------------------------------------------------------------------------------------


def _report(request, template: str, build):
    """A report page: the fund, the day and the period from the query, ``build(values)`` for
    the figures, and the same scope for the export links."""
    report_form = ReportForm.with_defaults(request.GET)
    values = report_form.values()
    scope = {"period": values["period"].name, "on": values["on"].isoformat()}
    if values["fund"] is not None:
        scope["fund"] = values["fund"].slug
    return render(
        request,
        template,
        {
            "section": "reports",
            "report_form": report_form,
            "export_query": urlencode(scope),
            **values,
            **build(values),
        },
        status=400 if report_form.errors else 200,  # drawn for today's year, the error said
    )


@books_view
def trial_balance(request):
    return _report(
        request,
        "ledger/books_trial_balance.html",
        lambda values: {"trial": balances.trial_balance(fund=values["fund"], on=values["on"])},
    )


@books_view
def income_statement(request):
    return _report(
        request,
        "ledger/books_income_statement.html",
        lambda values: balances.income_statement_sections(
            fund=values["fund"], period=values["period"]
        ),
    )


@books_view
def balance_sheet(request):
    return _report(
        request,
        "ledger/books_balance_sheet.html",
        lambda values: balances.balance_sheet_sections(fund=values["fund"], on=values["on"]),
    )
