"""The one-screen forms: volunteer time, an in-kind gift, a transfer between funds; and the
counterparty search their fields and the transaction form ask as one types."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from remix.ledger import services
from remix.ledger.forms.quick import HoursForm, InKindForm, TransferForm
from remix.ledger.selectors.accounts import bank_account
from remix.ledger.selectors.counterparties import actor_label, actors_matching
from remix.ledger.selectors.funds import platform_fund
from remix.ledger.services import entries
from remix.ledger.views.books_shared import books_view, errors_to_form


def _quick(request, form, *, title: str, intro: str, record):
    """A one-screen form whose ``record(**data)`` makes one service call and returns the tx."""
    if request.method == "POST" and form.is_valid():
        try:
            tx = record(recorder=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in errors_to_form(form, error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The transaction is posted.") if tx.is_posted else _("The draft is saved."),
            )
            return redirect("ledger:books_transaction", pk=tx.pk)
    return render(
        request,
        "ledger/books_quick_form.html",
        {"section": "transactions", "form": form, "title": title, "intro": intro},
    )


@books_view
def hours_record(request):
    form = HoursForm(
        request.POST or None,
        initial={"fund": platform_fund().pk, "description": _("Volunteer time")},
    )
    return _quick(
        request,
        form,
        title=_("Record volunteer time"),
        intro=_(
            "Hours given to the platform, in HOUR: from Income:Community:Time to "
            "Expenses:Volunteering. Reports value them at the HOUR → EUR rate of the day."
        ),
        record=entries.hours_record,
    )


@books_view
def in_kind_record(request):
    form = InKindForm(
        request.POST or None,
        initial={"fund": platform_fund().pk, "commodity": "EUR"},
    )
    return _quick(
        request,
        form,
        title=_("Record an in-kind contribution"),
        intro=_(
            "Goods or services given rather than paid for, at their declared fair value: from "
            "Income:Community:In-kind to Expenses:In-kind."
        ),
        record=entries.in_kind_record,
    )


@books_view
def transfer_record(request):
    form = TransferForm(
        request.POST or None,
        initial={"commodity": "EUR", "from_fund": platform_fund().pk, "account": bank_account()},
    )
    return _quick(
        request,
        form,
        title=_("Transfer between funds"),
        intro=_(
            "The only way money crosses funds: each fund stays balanced, through Equity:Transfers."
        ),
        record=services.transfer_record,
    )


@books_view
def actor_search(request):
    """The counterparty fields' suggestions: ``?q=`` a name, part of it or a slug, as JSON."""
    found = actors_matching(request.GET.get("q", ""))
    return JsonResponse(
        {"results": [{"id": a.pk, "slug": a.slug, "label": actor_label(a)} for a in found]}
    )
