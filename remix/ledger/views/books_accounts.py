"""The chart of accounts and the funds: listed, created, edited."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from remix.ledger import services
from remix.ledger.forms.accounts import (
    AccountCreateForm,
    AccountEditForm,
    FundCreateForm,
    FundEditForm,
)
from remix.ledger.models import Account, Fund
from remix.ledger.selectors.accounts import account_tree
from remix.ledger.selectors.funds import funds_counted
from remix.ledger.views.books_shared import books_view, errors_to_form

# --- accounts ------------------------------------------------------------------------------------


@books_view
def account_list(request):
    return render(
        request,
        "ledger/books_accounts.html",
        {"section": "accounts", "rows": account_tree()},
    )


@books_view
def account_create(request):
    form = AccountCreateForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_create(recorder=request.user, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The account %(code)s is created.") % {"code": account})
            return redirect("ledger:books_accounts")
    return render(
        request,
        "ledger/books_account_form.html",
        {"section": "accounts", "form": form, "account": None},
    )


@books_view
def account_edit(request, pk):
    account = get_object_or_404(Account, pk=pk)
    form = AccountEditForm(request.POST or None, initial=AccountEditForm.initial_for(account))
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(account=account, recorder=request.user, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("ledger:books_accounts")
    return render(
        request,
        "ledger/books_account_form.html",
        {"section": "accounts", "form": form, "account": account},
    )


# --- funds ---------------------------------------------------------------------------------------


@books_view
def fund_list(request):
    return render(
        request, "ledger/books_funds.html", {"section": "funds", "funds": funds_counted()}
    )


@books_view
def fund_create(request):
    form = FundCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund = services.fund_create(recorder=request.user, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The fund “%(name)s” is created.") % {"name": fund.label})
            return redirect("ledger:books_funds")
    return render(
        request, "ledger/books_fund_form.html", {"section": "funds", "form": form, "fund": None}
    )


@books_view
def fund_edit(request, slug):
    fund = get_object_or_404(Fund, slug=slug)
    form = FundEditForm(request.POST or None, initial=FundEditForm.initial_for(fund))
    if request.method == "POST" and form.is_valid():
        try:
            services.fund_update(fund=fund, recorder=request.user, **form.service_fields())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("ledger:books_funds")
    return render(
        request, "ledger/books_fund_form.html", {"section": "funds", "form": form, "fund": fund}
    )
