"""Bank statement import through the web, for treasurers.

The upload is stored and imported by a background task; the status page shows its progress
(polled by a small static script, or by reloading), then the counts, the closing-balance check
and the link to the drafts waiting to be categorised.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.formats import format_money
from remix.core.forms import service_errors_show
from remix.core.permissions import can_keep_books, role_required
from remix.ledger import imports
from remix.ledger.bankfiles.values import amount_parse
from remix.ledger.models import Account, BankImport, Fund, FundKind, ImportStatus
from remix.ledger.selectors.accounts import bank_account

treasurer_view = role_required(can_keep_books)


class _AccountChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.label}"


class _FundChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class BankImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bank statement"),
        help_text=gettext_lazy("CSV, OFX or CAMT.053, as the bank's site exports it."),
    )
    account = _AccountChoice(
        label=gettext_lazy("Bank account in the books"),
        queryset=Account.objects.filter(is_cash=True, is_suspense=False, active=True),
    )
    fund = _FundChoice(
        label=gettext_lazy("Fund"),
        queryset=Fund.objects.filter(active=True),
        help_text=gettext_lazy("The rows land in this fund; each can be moved when categorised."),
    )
    commodity = forms.CharField(
        label=gettext_lazy("Currency"),
        max_length=4,
        initial="EUR",
        help_text=gettext_lazy("For CSV files; OFX and CAMT.053 files say it themselves."),
    )
    closing_balance = forms.CharField(
        label=gettext_lazy("Closing balance (optional)"),
        required=False,
        max_length=40,
        help_text=gettext_lazy(
            "As printed on the statement, e.g. 1 234,56. Leave it empty when the file gives it."
        ),
    )
    closing_date = forms.DateField(
        label=gettext_lazy("Closing date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The day of that balance; by default the statement's last day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The account held today: a statement of the fiscal host's account lands there.
        self.fields["account"].initial = getattr(bank_account(), "pk", None)
        self.fields["fund"].initial = (
            Fund.objects.filter(kind=FundKind.PLATFORM).values_list("pk", flat=True).first()
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload

    def clean_closing_balance(self) -> Decimal | None:
        value = self.cleaned_data["closing_balance"].strip()
        if not value:
            return None
        try:
            return amount_parse(value)
        except ValueError as error:
            raise ValidationError(str(error)) from None


@treasurer_view
def import_page(request):
    """Upload a statement; the last imports below."""
    form = BankImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = imports.bank_import_upload(
                data=upload.read(),
                filename=upload.name,
                account=form.cleaned_data["account"],
                fund=form.cleaned_data["fund"],
                commodity=form.cleaned_data["commodity"],
                closing_balance=form.cleaned_data["closing_balance"],
                closing_date=form.cleaned_data["closing_date"],
                recorder=request.user,
                language=get_language(),
            )
        except ValidationError as error:
            service_errors_show(form, error)
        else:
            return redirect("ledger:import_status", pk=batch.pk)
    recent = BankImport.objects.select_related("account", "fund")[:20]
    return render(
        request,
        "ledger/import.html",
        {"form": form, "imports": recent, "section": "imports"},
        status=400 if form.errors else 200,
    )


def _batch(pk: int) -> BankImport:
    return get_object_or_404(
        BankImport.objects.select_related("account", "fund", "created_by"), pk=pk
    )


@treasurer_view
def import_status(request, pk: int):
    """Progress while it runs; then the counts, the closing-balance check and the drafts."""
    batch = _batch(pk)
    progress = imports.bank_import_progress(bank_import=batch)
    context = {
        "batch": batch,
        "progress": progress,
        "section": "imports",
        "running": batch.status in (ImportStatus.PENDING, ImportStatus.RUNNING),
        "reconciliation": _reconciliation_text(batch),
    }
    if batch.status == ImportStatus.DONE:
        drafts = imports.bank_import_drafts(bank_import=batch)
        context["drafts_count"] = drafts.count()
        context["drafts_url"] = _drafts_url(batch)
    return render(request, "ledger/import_status.html", context)


def _drafts_url(batch: BankImport) -> str:
    query = urlencode({"status": "waiting", "fund": batch.fund.slug})
    return f"{reverse('ledger:books_transactions')}?{query}"


def _reconciliation_text(batch: BankImport) -> dict | None:
    result = imports.bank_reconciliation(bank_import=batch)
    if result is None:
        return None
    return {
        "result": result,
        **{
            key: format_money(getattr(result, f"{key}_minor"), result.commodity)
            for key in ("statement", "books", "posted", "difference")
        },
    }


@treasurer_view
def import_status_json(request, pk: int):
    """The progress as JSON, for the status page's script."""
    batch = _batch(pk)
    return JsonResponse(imports.bank_import_progress(bank_import=batch))


@require_POST
@treasurer_view
def import_run(request, pk: int):
    """Run an interrupted import again: it cannot write a row twice."""
    batch = _batch(pk)
    if batch.status in (ImportStatus.PENDING, ImportStatus.RUNNING) and batch.upload:
        from remix.ledger.tasks import bank_import_process

        bank_import_process.enqueue(import_id=batch.pk, language=get_language())
    return redirect("ledger:import_status", pk=batch.pk)


urlpatterns = [
    path("books/imports/", import_page, name="import"),
    path("books/imports/<int:pk>/", import_status, name="import_status"),
    path("books/imports/<int:pk>/status.json", import_status_json, name="import_status_json"),
    path("books/imports/<int:pk>/run/", import_run, name="import_run"),
]
