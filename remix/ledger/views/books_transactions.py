"""The transactions: the list, the detail, a draft written and posted, categorised, reversed,
deleted, and its receipts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.money import HOUR
from remix.ledger import services
from remix.ledger.forms.transactions import (
    AttachmentForm,
    CategoriseForm,
    ReverseForm,
    TransactionFilterForm,
    TransactionForm,
    postings_formset,
)
from remix.ledger.models import Transaction
from remix.ledger.selectors import transactions as transaction_reads
from remix.ledger.selectors.funds import platform_fund
from remix.ledger.services import entries
from remix.ledger.views.books_shared import back, books_view, errors_to_form, tx_url

COMMODITIES = ["EUR", "XOF", "CAD", "USD", "CHF", HOUR]  # offered as the rows' currencies

# --- list and detail -----------------------------------------------------------------------------


def _categorise_forms(transactions) -> None:
    """A categorise form on each waiting row; the selects are read from the database once."""
    choices = None
    for tx in transactions:
        if tx.waiting:
            form = CategoriseForm(
                auto_id=f"id_cat{tx.pk}_%s", initial={"fund": tx.postings.all()[0].fund_id}
            )
            if choices is None:
                choices = {name: list(form.fields[name].choices) for name in ("account", "fund")}
            for name, listed in choices.items():
                form.fields[name].choices = listed
            tx.categorise_form = form


@books_view
def transaction_list(request):
    filter_form = TransactionFilterForm(request.GET or None)
    found = transaction_reads.transactions_filtered(filters=filter_form.filters())
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    _categorise_forms(transaction_reads.transactions_sized(page.object_list))
    return render(
        request,
        "ledger/books_transactions.html",
        {"section": "transactions", "filter_form": filter_form, "page": page},
        # A period outside the dates accepted is a bad address; other filters are said beside
        # their field as before.
        status=400 if filter_form.is_bound and "period" in filter_form.errors else 200,
    )


def _detail_context(tx, **forms_given) -> dict:
    """The detail page: the transaction as the selector reads it, and the forms of its actions
    (those given, refused, keep what was typed)."""
    detail = transaction_reads.transaction_detail(tx)
    context = {
        "section": "transactions",
        **detail,
        "reverse_form": None,
        "categorise_form": None,
        "attachment_form": forms_given.get("attachment_form") or AttachmentForm(),
    }
    if tx.is_posted and detail["reversal"] is None:
        context["reverse_form"] = forms_given.get("reverse_form") or ReverseForm()
    if detail["waiting"]:
        context["categorise_form"] = forms_given.get("categorise_form") or CategoriseForm(
            initial={"fund": detail["postings"][0].fund_id}
        )
    return context


def _transaction(pk) -> Transaction:
    return get_object_or_404(transaction_reads.transactions_linked(), pk=pk)


@books_view
def transaction_detail(request, pk):
    tx = _transaction(pk)
    return render(request, "ledger/books_transaction.html", _detail_context(tx))


# --- writing -------------------------------------------------------------------------------------


def _header_and_rows(request, tx):
    """The header form and the posting rows: as posted, or as the draft (or nothing) is."""
    fund = platform_fund()
    if request.method == "POST":
        return TransactionForm(request.POST), postings_formset(request.POST, fund=fund)
    initial = TransactionForm.initial_for(tx) if tx else None
    postings = list(tx.postings.select_related("account", "fund")) if tx else []
    return TransactionForm(initial=initial), postings_formset(postings=postings, fund=fund)


def _transaction_form(request, *, tx=None):
    """Create (``tx`` None) or edit a draft: the header and its posting rows."""
    form, rows = _header_and_rows(request, tx)
    posting_errors = []
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        try:
            tx = entries.draft_save(
                draft=tx,
                legs=rows.legs(),
                post=request.POST.get("then") == "post",
                recorder=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            posting_errors = errors_to_form(form, error)
        else:
            if tx.is_posted:
                messages.success(request, _("The transaction is posted."))
            else:
                messages.success(request, _("The draft is saved."))
            return redirect("ledger:books_transaction", pk=tx.pk)
    return render(
        request,
        "ledger/books_transaction_form.html",
        {
            "section": "transactions",
            "form": form,
            "rows": rows,
            "posting_errors": posting_errors,
            "tx": tx,
            "commodities": COMMODITIES,
        },
    )


@books_view
def transaction_create(request):
    return _transaction_form(request)


@books_view
def transaction_edit(request, pk):
    tx = _transaction(pk)
    if tx.is_posted:
        messages.error(request, _("A posted transaction cannot be changed: reverse it instead."))
        return redirect("ledger:books_transaction", pk=tx.pk)
    return _transaction_form(request, tx=tx)


@books_view
@require_POST
def transaction_post(request, pk):
    tx = _transaction(pk)
    try:
        services.transaction_post(transaction=tx, recorder=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The transaction is posted."))
    return back(request, tx_url(tx))


@books_view
@require_POST
def transaction_categorise(request, pk):
    tx = _transaction(pk)
    from_list = bool(request.POST.get("next"))
    form = CategoriseForm(request.POST, auto_id=f"id_cat{tx.pk}_%s" if from_list else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            tx = entries.draft_categorise(
                draft=tx,
                account=data["account"],
                fund=data["fund"],
                post=data["post"],
                recorder=request.user,
            )
        except ValidationError as error:
            for message in errors_to_form(form, error, default_field="account"):
                form.add_error("account", message)
        else:
            if tx.is_posted:
                messages.success(request, _("Categorised and posted."))
            else:
                messages.success(request, _("Categorised; it stays a draft until posted."))
            return back(request, tx_url(tx))
    if from_list:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"{tx.description}: {message}")
        return back(request, tx_url(tx))
    context = _detail_context(tx, categorise_form=form)
    return render(request, "ledger/books_transaction.html", context, status=400)


@books_view
@require_POST
def transaction_reverse(request, pk):
    tx = _transaction(pk)
    form = ReverseForm(request.POST)
    if form.is_valid():
        try:
            reversal = services.transaction_reverse(
                transaction=tx,
                reason=form.cleaned_data["reason"],
                date=form.cleaned_data["date"],
                recorder=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error, default_field="reason")
        else:
            messages.success(request, _("The transaction is reversed."))
            return redirect("ledger:books_transaction", pk=reversal.pk)
    context = _detail_context(tx, reverse_form=form)
    return render(request, "ledger/books_transaction.html", context, status=400)


@books_view
def transaction_delete(request, pk):
    tx = _transaction(pk)
    if tx.is_posted:
        messages.error(request, _("A posted transaction cannot be deleted: reverse it instead."))
        return redirect("ledger:books_transaction", pk=tx.pk)
    if request.method == "POST":
        services.transaction_delete(transaction=tx, recorder=request.user)
        messages.success(request, _("The draft is deleted."))
        return redirect("ledger:books_transactions")
    return render(
        request, "ledger/books_transaction_delete.html", {"section": "transactions", "tx": tx}
    )


@books_view
@require_POST
def attachment_create(request, pk):
    tx = _transaction(pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(
            transaction=tx,
            upload=form.cleaned_data["file"],
            name=form.cleaned_data["name"],
            recorder=request.user,
        )
        messages.success(request, _("The receipt is attached."))
        return redirect("ledger:books_transaction", pk=tx.pk)
    context = _detail_context(tx, attachment_form=form)
    return render(request, "ledger/books_transaction.html", context, status=400)
