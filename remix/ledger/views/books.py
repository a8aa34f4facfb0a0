"""The treasurer's pages: accounts, funds, transactions, needs, rates, reports, closing.

Treasurers and stewards only. Each view parses its input, makes one call to a service or a
selector and renders; what a service refuses comes back next to the field it concerns, with
everything typed still in the form.
"""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction as db
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import service_errors_show
from remix.core.money import HOUR
from remix.core.permissions import can_keep_books, role_required
from remix.ledger import books, chart, forms, selectors, services
from remix.ledger.models import (
    Account,
    AccountType,
    BankImport,
    BudgetLine,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    Posting,
    Transaction,
)

books_view = role_required(can_keep_books)


# --- helpers -------------------------------------------------------------------------------------


def _errors_to_form(form, error: ValidationError, *, default_field: str | None = None) -> list:
    """Put a service's refusal next to the field it names; return what belongs to postings (an
    account's type, fixed once created, is told beside its code)."""
    renames = {} if "type" in form.fields else {"type": "code"}
    aside = service_errors_show(
        form, error, renames=renames, default=default_field, aside=("postings",)
    )
    return aside.get("postings", [])


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _totals(rows, attribute: str) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row.commodity] += getattr(row, attribute)
    return dict(sorted(totals.items()))


# --- home ----------------------------------------------------------------------------------------


def _waiting():
    """Drafts with a leg still on the account where imported rows wait to be categorised."""
    return Transaction.objects.drafts().filter(
        Exists(Posting.objects.filter(transaction=OuterRef("pk"), account__is_suspense=True))
    )


def _months(count: int = 12) -> list[dict]:
    closed = list(ClosedPeriod.objects.all())
    first = timezone.localdate().replace(day=1)
    months = []
    for back in range(count):
        start = books.add_months(first, -back)
        period = books.period_of("month", start)
        covering = next((c for c in closed if c.start <= start and period.end <= c.end), None)
        months.append({"period": period, "start": start, "closed": covering})
    return months


@books_view
def home(request):
    drafts = Transaction.objects.drafts()
    return render(
        request,
        "ledger/books_home.html",
        {
            "section": "home",
            "drafts": drafts.count(),
            "waiting": _waiting().count(),
            "imports": BankImport.objects.select_related("account", "fund")[:5],
            "months": _months(),
            "closed_years": ClosedPeriod.objects.filter(kind="year"),
        },
    )


# --- accounts ------------------------------------------------------------------------------------


def _account_tree(accounts) -> list[dict]:
    """Rows of the chart as a tree: the parts of a code that are no account become headings."""
    rows, seen = [], set()
    for account in accounts:
        parts = account.code.split(":")
        for depth in range(1, len(parts)):
            prefix = ":".join(parts[:depth])
            if prefix not in seen:
                seen.add(prefix)
                rows.append({"depth": depth - 1, "name": parts[depth - 1], "account": None})
        seen.add(account.code)
        rows.append({"depth": len(parts) - 1, "name": parts[-1], "account": account})
    return rows


@books_view
def account_list(request):
    return render(
        request,
        "ledger/books_accounts.html",
        {"section": "accounts", "rows": _account_tree(Account.objects.order_by("code"))},
    )


@books_view
def account_create(request):
    form = forms.AccountCreateForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_create(recorder=request.user, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
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
    form = forms.AccountEditForm(
        request.POST or None, initial=forms.AccountEditForm.initial_for(account)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(account=account, recorder=request.user, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
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
    funds = selectors.fund_list().annotate(
        transactions=Count("postings__transaction", distinct=True)
    )
    return render(request, "ledger/books_funds.html", {"section": "funds", "funds": funds})


@books_view
def fund_create(request):
    form = forms.FundCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund = services.fund_create(recorder=request.user, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The fund “%(name)s” is created.") % {"name": fund.label})
            return redirect("ledger:books_funds")
    return render(
        request, "ledger/books_fund_form.html", {"section": "funds", "form": form, "fund": None}
    )


@books_view
def fund_edit(request, slug):
    fund = get_object_or_404(Fund, slug=slug)
    form = forms.FundEditForm(request.POST or None, initial=forms.FundEditForm.initial_for(fund))
    if request.method == "POST" and form.is_valid():
        try:
            services.fund_update(fund=fund, recorder=request.user, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("ledger:books_funds")
    return render(
        request, "ledger/books_fund_form.html", {"section": "funds", "form": form, "fund": fund}
    )


# --- transactions: list, detail ------------------------------------------------------------------


def _postings_prefetch():
    return Prefetch("postings", queryset=Posting.objects.select_related("account", "fund"))


def transactions_filtered(*, filters: dict):
    """The treasurer's list: every transaction, drafts included, filtered as the form says."""
    found = Transaction.objects.select_related("counterparty").prefetch_related(
        _postings_prefetch()
    )
    if filters.get("q"):
        found = found.filter(description__icontains=filters["q"])
    status = filters.get("status")
    if status == "waiting":
        found = found.filter(pk__in=_waiting().values("pk"))
    elif status:
        found = found.filter(status=status)
    if filters.get("period"):
        period = filters["period"]
        found = found.filter(date__range=(period.start, period.end))
    for key in ("fund", "account"):
        if filters.get(key):
            found = found.filter(
                Exists(Posting.objects.filter(transaction=OuterRef("pk"), **{key: filters[key]}))
            )
    return found.order_by("-date", "-id")


def _with_amounts(transactions):
    """Each transaction's size: the sum of its debits, per commodity; and whether it waits."""
    for tx in transactions:
        sums: dict[str, int] = defaultdict(int)
        for posting in tx.postings.all():
            if posting.amount_minor > 0:
                sums[posting.commodity] += posting.amount_minor
        tx.sizes = sorted(sums.items())
        tx.funds = sorted({posting.fund.label for posting in tx.postings.all()})
        tx.waiting = not tx.is_posted and any(p.account.is_suspense for p in tx.postings.all())
    return transactions


@books_view
def transaction_list(request):
    filter_form = forms.TransactionFilterForm(request.GET or None)
    found = transactions_filtered(filters=filter_form.filters())
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    _with_amounts(page.object_list)
    choices = None  # the selects of every row's form are read from the database once
    for tx in page.object_list:
        if tx.waiting:
            form = forms.CategoriseForm(
                auto_id=f"id_cat{tx.pk}_%s", initial={"fund": tx.postings.all()[0].fund_id}
            )
            if choices is None:
                choices = {name: list(form.fields[name].choices) for name in ("account", "fund")}
            for name, listed in choices.items():
                form.fields[name].choices = listed
            tx.categorise_form = form
    return render(
        request,
        "ledger/books_transactions.html",
        {"section": "transactions", "filter_form": filter_form, "page": page},
        # A period outside the dates accepted is a bad address; other filters are said beside
        # their field as before.
        status=400 if filter_form.is_bound and "period" in filter_form.errors else 200,
    )


def _detail_context(tx, **forms_given) -> dict:
    postings = list(tx.postings.select_related("account", "fund"))
    reversal = Transaction.objects.filter(reverses=tx).first()
    waiting = not tx.is_posted and any(posting.account.is_suspense for posting in postings)
    context = {
        "section": "transactions",
        "tx": tx,
        "postings": postings,
        "debits": _totals([p for p in postings if p.amount_minor > 0], "amount_minor"),
        "attachments": tx.attachments.all(),
        "reversal": reversal,
        "waiting": waiting,
        "reverse_form": None,
        "categorise_form": None,
        "attachment_form": forms_given.get("attachment_form") or forms.AttachmentForm(),
    }
    if tx.is_posted and reversal is None:
        context["reverse_form"] = forms_given.get("reverse_form") or forms.ReverseForm()
    if waiting:
        context["categorise_form"] = forms_given.get("categorise_form") or forms.CategoriseForm(
            initial={"fund": postings[0].fund_id}
        )
    return context


def _transaction(pk) -> Transaction:
    return get_object_or_404(
        Transaction.objects.select_related("counterparty", "reverses", "bank_import"), pk=pk
    )


@books_view
def transaction_detail(request, pk):
    tx = _transaction(pk)
    return render(request, "ledger/books_transaction.html", _detail_context(tx))


# --- transactions: writing -----------------------------------------------------------------------


def _transaction_form(request, *, tx=None):
    """Create (``tx`` None) or edit a draft: the header and its posting rows."""
    platform = selectors.platform_fund()
    if request.method == "POST":
        form = forms.TransactionForm(request.POST)
        rows = forms.postings_formset(request.POST, fund=platform)
    else:
        initial = forms.TransactionForm.initial_for(tx) if tx else None
        form = forms.TransactionForm(initial=initial)
        postings = list(tx.postings.select_related("account", "fund")) if tx else []
        rows = forms.postings_formset(postings=postings, fund=platform)
    posting_errors = []
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        data = form.cleaned_data
        fields = {
            "date": data["date"],
            "description": data["description"],
            "legs": rows.legs(),
            "counterparty": data["counterparty"],
            "anonymous": data["anonymous"],
            "reference": data["reference"],
            "recorder": request.user,
        }
        then_post = request.POST.get("then") == "post"
        try:
            if tx is None:
                tx, _created = services.transaction_create(post=then_post, **fields)
            else:
                with db.atomic():
                    tx = services.transaction_update(transaction=tx, **fields)
                    if then_post:
                        tx = services.transaction_post(transaction=tx, recorder=request.user)
        except ValidationError as error:
            posting_errors = _errors_to_form(form, error)
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
            "commodities": ["EUR", "XOF", "CAD", "USD", "CHF", HOUR],
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
    return _back(request, tx_url(tx))


@books_view
@require_POST
def transaction_categorise(request, pk):
    tx = _transaction(pk)
    from_list = bool(request.POST.get("next"))
    form = forms.CategoriseForm(request.POST, auto_id=f"id_cat{tx.pk}_%s" if from_list else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with db.atomic():
                tx = services.transaction_categorise(
                    transaction=tx,
                    account=data["account"],
                    fund=data["fund"],
                    recorder=request.user,
                )
                if data["post"]:
                    tx = services.transaction_post(transaction=tx, recorder=request.user)
        except ValidationError as error:
            for message in _errors_to_form(form, error, default_field="account"):
                form.add_error("account", message)
        else:
            if tx.is_posted:
                messages.success(request, _("Categorised and posted."))
            else:
                messages.success(request, _("Categorised; it stays a draft until posted."))
            return _back(request, tx_url(tx))
    if from_list:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"{tx.description}: {message}")
        return _back(request, tx_url(tx))
    context = _detail_context(tx, categorise_form=form)
    return render(request, "ledger/books_transaction.html", context, status=400)


def tx_url(tx) -> str:
    return reverse("ledger:books_transaction", kwargs={"pk": tx.pk})


@books_view
@require_POST
def transaction_reverse(request, pk):
    tx = _transaction(pk)
    form = forms.ReverseForm(request.POST)
    if form.is_valid():
        try:
            reversal = services.transaction_reverse(
                transaction=tx,
                reason=form.cleaned_data["reason"],
                date=form.cleaned_data["date"],
                recorder=request.user,
            )
        except ValidationError as error:
            _errors_to_form(form, error, default_field="reason")
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
    form = forms.AttachmentForm(request.POST, request.FILES)
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


# --- quick forms: volunteer time, in-kind, transfers ---------------------------------------------


def _quick(request, form, *, title: str, intro: str, record):
    """A one-screen form whose ``record(data)`` makes one service call and returns the tx."""
    if request.method == "POST" and form.is_valid():
        try:
            tx = record(form.cleaned_data)
        except ValidationError as error:
            for message in _errors_to_form(form, error):
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


def _community(data, *, income: str, expense: str, amount, commodity: str, recorder):
    accounts = Account.objects.in_bulk([income, expense], field_name="code")
    fund = data["fund"]
    tx, _created = services.transaction_create(
        date=data["date"],
        description=data["description"],
        legs=[
            services.Leg(accounts[income], fund, -amount, commodity),
            services.Leg(accounts[expense], fund, amount, commodity),
        ],
        counterparty=data["counterparty"],
        anonymous=data["anonymous"],
        post=data["post"],
        recorder=recorder,
    )
    return tx


@books_view
def hours_record(request):
    form = forms.HoursForm(
        request.POST or None,
        initial={"fund": selectors.platform_fund().pk, "description": _("Volunteer time")},
    )
    return _quick(
        request,
        form,
        title=_("Record volunteer time"),
        intro=_(
            "Hours given to the platform, in HOUR: from Income:Community:Time to "
            "Expenses:Volunteering. Reports value them at the HOUR → EUR rate of the day."
        ),
        record=lambda data: _community(
            data,
            income=chart.VOLUNTEER_INCOME,
            expense=chart.VOLUNTEER_EXPENSE,
            amount=data["hours"],
            commodity=HOUR,
            recorder=request.user,
        ),
    )


@books_view
def in_kind_record(request):
    form = forms.InKindForm(
        request.POST or None,
        initial={"fund": selectors.platform_fund().pk, "commodity": "EUR"},
    )
    return _quick(
        request,
        form,
        title=_("Record an in-kind contribution"),
        intro=_(
            "Goods or services given rather than paid for, at their declared fair value: from "
            "Income:Community:In-kind to Expenses:In-kind."
        ),
        record=lambda data: _community(
            data,
            income=chart.IN_KIND_INCOME,
            expense=chart.IN_KIND_EXPENSE,
            amount=data["amount"],
            commodity=data["commodity"],
            recorder=request.user,
        ),
    )


@books_view
def transfer_record(request):
    form = forms.TransferForm(
        request.POST or None,
        initial={
            "commodity": "EUR",
            "from_fund": selectors.platform_fund().pk,
            "account": Account.objects.filter(code=chart.BANK, is_cash=True).first(),
        },
    )
    return _quick(
        request,
        form,
        title=_("Transfer between funds"),
        intro=_(
            "The only way money crosses funds: each fund stays balanced, through Equity:Transfers."
        ),
        record=lambda data: services.transfer_record(
            date=data["date"],
            from_fund=data["from_fund"],
            to_fund=data["to_fund"],
            amount=data["amount"],
            commodity=data["commodity"],
            account=data["account"],
            description=data["description"],
            post=data["post"],
            recorder=request.user,
        ),
    )


# --- needs ---------------------------------------------------------------------------------------


def _needs_page(request, form, *, status=200):
    query = request.GET.copy()
    if not query.get("year"):
        query["year"] = str(timezone.localdate().year)
    filter_form = forms.BudgetFilterForm(query)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    year = data.get("year") or timezone.localdate().year
    lines = BudgetLine.objects.filter(
        start__lte=datetime.date(year, 12, 31), end__gte=datetime.date(year, 1, 1)
    ).select_related("fund", "account")
    if data.get("fund"):
        lines = lines.filter(fund=data["fund"])
    lines = list(lines.order_by("fund__slug", "start", "id"))
    for line in lines:
        line.period_name = books.period_of(line.period_kind, line.start).name
    return render(
        request,
        "ledger/books_needs.html",
        {
            "section": "needs",
            "filter_form": filter_form,
            "year": year,
            "lines": lines,
            "totals": _totals(lines, "amount_minor"),
            "form": form,
        },
        status=status,
    )


@books_view
def need_list(request):
    today = timezone.localdate()
    form = forms.BudgetLineForm(
        initial={
            "fund": selectors.platform_fund().pk,
            "period": str(today.year),
            "commodity": "EUR",
        }
    )
    return _needs_page(request, form)


@books_view
@require_POST
def need_create(request):
    form = forms.BudgetLineForm(request.POST)
    if form.is_valid():
        try:
            services.budget_line_create(recorder=request.user, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
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
    return _back(request, reverse("ledger:books_needs"))


# --- exchange rates ------------------------------------------------------------------------------


@books_view
def rate_list(request):
    form = forms.RateForm(request.POST or None, initial={"quote": "EUR"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rate_record(recorder=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("The rate is recorded."))
                return redirect("ledger:books_rates")
        status = 400
    return render(
        request,
        "ledger/books_rates.html",
        {
            "section": "rates",
            "form": form,
            "rates": ExchangeRate.objects.select_related("recorded_by")[:200],
            "hour": HOUR,
        },
        status=status,
    )


# --- reports -------------------------------------------------------------------------------------


def _report(request, template: str, build):
    report_form = forms.ReportForm.with_defaults(request.GET)
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
    def build(values):
        trial = selectors.trial_balance(fund=values["fund"], on=values["on"])
        return {"trial": trial}

    return _report(request, "ledger/books_trial_balance.html", build)


@books_view
def income_statement(request):
    def build(values):
        rows = selectors.income_statement(fund=values["fund"], period=values["period"])
        income = [row for row in rows if row.account.type == AccountType.INCOME]
        expenses = [row for row in rows if row.account.type == AccountType.EXPENSE]
        result = {c: -minor for c, minor in _totals(rows, "minor").items()}
        return {
            "income": income,
            "expenses": expenses,
            "income_totals": {c: -m for c, m in _totals(income, "minor").items()},
            "expense_totals": _totals(expenses, "minor"),
            "result": result,
        }

    return _report(request, "ledger/books_income_statement.html", build)


@books_view
def balance_sheet(request):
    def build(values):
        sheet = selectors.balance_sheet(fund=values["fund"], on=values["on"])
        sections = sheet["sections"]
        assets = _totals(sections["asset"], "minor")
        claims: dict[str, int] = defaultdict(int)
        for row in sections["liability"] + sections["equity"]:
            claims[row.commodity] -= row.minor
        for commodity, minor in sheet["result"].items():
            claims[commodity] -= minor
        return {
            "sheet": sheet,
            "assets": sections["asset"],
            "liabilities": sections["liability"],
            "equity": sections["equity"],
            "asset_totals": assets,
            "result": {c: -m for c, m in sorted(sheet["result"].items()) if m},
            "claim_totals": {c: m for c, m in sorted(claims.items()) if m or c in assets},
        }

    return _report(request, "ledger/books_balance_sheet.html", build)


# --- closing -------------------------------------------------------------------------------------


@books_view
def closing(request):
    form = forms.CloseForm(request.POST or None, initial={"period": forms.CloseForm.last_month()})
    status = 200
    drafts_link = None
    if request.method == "POST":
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                services.period_close(period=period, recorder=request.user)
            except ValidationError as error:
                _errors_to_form(form, error, default_field="period")
                drafts_link = period.name
            else:
                messages.success(request, _("%(period)s is closed.") % {"period": period.name})
                return redirect("ledger:books_closing")
        status = 400
    return render(
        request,
        "ledger/books_closing.html",
        {
            "section": "closing",
            "form": form,
            "closed": ClosedPeriod.objects.select_related("closed_by"),
            "drafts_period": drafts_link,
        },
        status=status,
    )


urlpatterns = [
    path("books/", home, name="books"),
    path("books/accounts/", account_list, name="books_accounts"),
    path("books/accounts/new/", account_create, name="books_account_create"),
    path("books/accounts/<int:pk>/edit/", account_edit, name="books_account_edit"),
    path("books/funds/", fund_list, name="books_funds"),
    path("books/funds/new/", fund_create, name="books_fund_create"),
    path("books/funds/<slug:slug>/edit/", fund_edit, name="books_fund_edit"),
    path("books/transactions/", transaction_list, name="books_transactions"),
    path("books/transactions/new/", transaction_create, name="books_transaction_create"),
    path("books/transactions/hours/", hours_record, name="books_hours"),
    path("books/transactions/in-kind/", in_kind_record, name="books_in_kind"),
    path("books/transactions/transfer/", transfer_record, name="books_transfer"),
    path("books/transactions/<int:pk>/", transaction_detail, name="books_transaction"),
    path("books/transactions/<int:pk>/edit/", transaction_edit, name="books_transaction_edit"),
    path("books/transactions/<int:pk>/post/", transaction_post, name="books_transaction_post"),
    path(
        "books/transactions/<int:pk>/categorise/",
        transaction_categorise,
        name="books_transaction_categorise",
    ),
    path(
        "books/transactions/<int:pk>/reverse/",
        transaction_reverse,
        name="books_transaction_reverse",
    ),
    path(
        "books/transactions/<int:pk>/delete/", transaction_delete, name="books_transaction_delete"
    ),
    path(
        "books/transactions/<int:pk>/attachments/",
        attachment_create,
        name="books_attachment_create",
    ),
    path("books/needs/", need_list, name="books_needs"),
    path("books/needs/new/", need_create, name="books_need_create"),
    path("books/needs/<int:pk>/delete/", need_delete, name="books_need_delete"),
    path("books/rates/", rate_list, name="books_rates"),
    path("books/reports/trial-balance/", trial_balance, name="books_trial_balance"),
    path("books/reports/income-statement/", income_statement, name="books_income_statement"),
    path("books/reports/balance-sheet/", balance_sheet, name="books_balance_sheet"),
    path("books/closing/", closing, name="books_closing"),
]
