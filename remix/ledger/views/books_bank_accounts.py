"""The platform's bank accounts: who holds which, from when; a treasurer or a steward records
one (``services.bank_account_record``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from remix.core.permissions import can_record_bank_account, role_required
from remix.ledger import selectors, services
from remix.ledger.forms.bank_accounts import BankAccountForm
from remix.ledger.views.books_shared import errors_to_form


@role_required(can_record_bank_account)
def bank_account_list(request):
    form = BankAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bank = services.bank_account_record(recorder=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request, _("The account of %(holder)s is recorded.") % {"holder": bank.holder}
            )
            return redirect("ledger:books_bank_accounts")
    banks = selectors.bank_account_list()
    return render(
        request,
        "ledger/books_bank_accounts.html",
        {
            "section": "bank_accounts",
            "banks": banks,
            "held": selectors.bank_account_held(),
            "form": form,
        },
    )
