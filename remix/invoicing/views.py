"""The study office's invoices, for treasurers: the list, a draft's form, an invoice's page with
its actions (issue, record a payment, credit note), the Factur-X download and the issuer's page.
None of it is public: a client's invoices are the treasurers' business."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.money import from_minor, to_minor
from remix.core.permissions import (
    can_issue_credit_note,
    can_issue_invoice,
    can_record_invoice_payment,
    can_set_invoice_issuer,
    role_required,
)
from remix.invoicing import selectors, services
from remix.invoicing.documents import invoice_filename
from remix.invoicing.forms import (
    CreditNoteForm,
    DraftForm,
    FilterForm,
    IssuerForm,
    LineFormSet,
    PaymentForm,
    lines_of,
)
from remix.invoicing.models import Invoice, InvoiceIssuer
from remix.invoicing.pdf import invoice_pdf


@role_required(can_issue_invoice)
def invoice_list(request):
    filters = FilterForm(request.GET or None)
    given = filters.cleaned_data if filters.is_valid() else {}
    found = selectors.invoice_list(
        year=given.get("year"), status=given.get("status") or "", client=given.get("client")
    )
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "invoicing/invoice_list.html", {"filters": filters, "page": page})


def _draft_page(request, invoice=None):
    initial = {"language": "fr"}
    lines = None
    if invoice is not None:
        initial = {"client": invoice.client, "language": invoice.language, "note": invoice.note}
        lines = [
            {
                "description": line.description,
                "quantity": line.quantity,
                "unit_price": from_minor(line.unit_price_minor, invoice.currency),
                "vat_rate": line.vat_rate,
            }
            for line in invoice.lines.all()
        ]
    form = DraftForm(request.POST or None, initial=initial)
    formset = LineFormSet(request.POST or None, initial=lines, prefix="lines")

    def write():
        if not formset.is_valid():
            raise ValidationError({})
        given = {**form.cleaned_data, "lines": lines_of(formset), "recorder": request.user}
        if invoice is None:
            return services.invoice_draft_create(currency="EUR", **given)
        return services.invoice_draft_update(invoice=invoice, **given)

    if request.method == "POST" and not formset.is_valid():
        form.is_valid()
    else:
        written = form_written(request, form, write)
        if written is not None:
            messages.success(request, _("The draft is saved."))
            return redirect("invoicing:invoice", pk=written.pk)
    context = {"form": form, "formset": formset, "invoice": invoice}
    return render(request, "invoicing/invoice_form.html", context)


@role_required(can_issue_invoice)
def invoice_new(request):
    return _draft_page(request)


@role_required(can_issue_invoice)
def invoice_edit(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    if invoice.is_issued:
        messages.error(request, _("An issued invoice never changes: issue a credit note."))
        return redirect("invoicing:invoice", pk=invoice.pk)
    return _draft_page(request, invoice)


def _detail(request, invoice, **forms_given):
    balance = selectors.invoice_balance(invoice) if invoice.is_issued else None
    context = {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "balance": balance,
        "payments": invoice.payments.select_related("transaction"),
        "credit_notes": invoice.credit_notes.all(),
        "payment_form": forms_given.get("payment_form") or PaymentForm(),
        "credit_form": forms_given.get("credit_form") or CreditNoteForm(prefix="credit"),
        "may_pay": can_record_invoice_payment(request.user),
        "may_credit": can_issue_credit_note(request.user),
    }
    status = 400 if forms_given else 200
    return render(request, "invoicing/invoice_detail.html", context, status=status)


@role_required(can_issue_invoice)
def invoice_detail(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related("client", "credit_for"), pk=pk)
    return _detail(request, invoice)


@require_POST
@role_required(can_issue_invoice)
def invoice_issue(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        invoice = services.invoice_issue(invoice=invoice, recorder=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Invoice %(number)s is issued.") % {"number": invoice.number})
    return redirect("invoicing:invoice", pk=invoice.pk)


@require_POST
@role_required(can_record_invoice_payment)
def invoice_payment(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related("client"), pk=pk)
    form = PaymentForm(request.POST)

    def write():
        data = form.cleaned_data
        return services.invoice_payment_record(
            invoice=invoice,
            amount_minor=to_minor(data["amount"], invoice.currency),
            date=data["date"],
            method=data["method"],
            recorder=request.user,
        )

    if form_written(request, form, write) is None:
        return _detail(request, invoice, payment_form=form)
    messages.success(request, _("The payment is recorded and posted to the books."))
    return redirect("invoicing:invoice", pk=invoice.pk)


@require_POST
@role_required(can_issue_credit_note)
def invoice_credit_note(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related("client"), pk=pk)
    form = CreditNoteForm(request.POST, prefix="credit")

    def write():
        return services.credit_note_issue(
            invoice=invoice,
            lines=form.lines(),
            note=form.cleaned_data["note"],
            recorder=request.user,
        )

    note = form_written(request, form, write)
    if note is None:
        return _detail(request, invoice, credit_form=form)
    messages.success(request, _("Credit note %(number)s is issued.") % {"number": note.number})
    return redirect("invoicing:invoice", pk=note.pk)


@role_required(can_issue_invoice)
def invoice_download(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related("credit_for"), pk=pk)
    if not invoice.is_issued:
        raise Http404
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice_filename(invoice)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(can_set_invoice_issuer)
def issuer_edit(request):
    row = InvoiceIssuer.objects.first()
    form = IssuerForm(request.POST or None, instance=row)

    def write():
        return services.invoice_issuer_set(recorder=request.user, **form.cleaned_data)

    if form_written(request, form, write) is not None:
        messages.success(request, _("The issuer's details are saved."))
        return redirect("invoicing:issuer")
    return render(request, "invoicing/issuer.html", {"form": form})
