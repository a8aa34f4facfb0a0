"""Tax receipts: a giver (or a treasurer) asks for one, and downloads its PDF; a steward says
which association issues them.

Only the giver of the gift (the contribution's member account) and treasurers see a receipt or
ask for one; to anyone else the receipt does not exist (404), so its number tells nothing.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from remix.contributions import receipts, selectors, services
from remix.contributions.models import Contribution, ReceiptIssuer
from remix.core.forms import ServiceErrors
from remix.core.permissions import can_set_receipt_issuer, role_required


class ReceiptRequestForm(forms.Form):
    address = forms.CharField(
        label=gettext_lazy("Your postal address, printed on the receipt"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )


class ReceiptIssuerForm(ServiceErrors, forms.Form):
    """The association that issues the tax receipts, as the Cerfa names it."""

    name = forms.CharField(label=gettext_lazy("Name of the association"), max_length=200)
    address = forms.CharField(
        label=gettext_lazy("Address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    object = forms.CharField(
        label=gettext_lazy("Object"),
        required=False,
        help_text=gettext_lazy("The association's object, as in its statutes."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    signatory = forms.CharField(
        label=gettext_lazy("Signatory"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("The person who signs the receipts."),
    )
    signatory_role = forms.CharField(
        label=gettext_lazy("Signatory's role"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("President, treasurer…"),
    )


@role_required(can_set_receipt_issuer)
def receipt_issuer(request):
    """The issuer of the tax receipts, set by a steward; the operator's settings until then."""
    row = ReceiptIssuer.objects.first()
    current = receipts.issuer()
    initial = {
        "name": current["issuer"],
        "address": current.get("address", ""),
        "object": current.get("object", ""),
        "signatory": current.get("signatory", ""),
        "signatory_role": current.get("role", ""),
    }
    form = ReceiptIssuerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.receipt_issuer_set(**form.cleaned_data, recorder=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Receipts issued from now on name this association."))
            return redirect("contributions:receipt_issuer")
    context = {
        "form": form,
        "row": row,
        "from_settings": row is None and bool(current["issuer"]),
    }
    return render(request, "contributions/receipt_issuer.html", context)


def _back(request):
    """Where the request came from (``next``, or the page that sent it), else the giver's page."""
    host = {request.get_host()}
    for target in (request.POST.get("next", ""), request.headers.get("referer", "")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts=host, require_https=request.is_secure()
        ):
            return redirect(target)
    return redirect("contributions:mine")


@login_required
def receipt(request, year: int, sequence: int):
    found = selectors.receipt_by_number(year=year, sequence=sequence)
    if found is None or not selectors.reads_every_detail(request.user, found.contribution):
        raise Http404
    try:
        pdf = receipts.receipt_pdf(found)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("contributions:mine")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{receipts.receipt_filename(found)}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def receipt_issue(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk)
    if not selectors.reads_every_detail(request.user, contribution):
        raise Http404
    form = ReceiptRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(request)
    try:
        receipts.issuer_check()
        issued = services.receipt_issue(
            contribution=contribution,
            address=form.cleaned_data["address"],
            recorder=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Tax receipt %(number)s is ready.") % {"number": issued.number})
    return _back(request)


urlpatterns = [
    path("receipts/<int:year>/<int:sequence>.pdf", receipt, name="receipt"),
    path("gifts/<int:pk>/receipt/", receipt_issue, name="receipt_issue"),
    path("receipts/issuer/", receipt_issuer, name="receipt_issuer"),
]
