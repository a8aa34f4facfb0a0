"""The treasurer's home and the closing of months and years."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from remix.ledger import services
from remix.ledger.forms.reports import CloseForm
from remix.ledger.selectors.periods import books_overview, periods_closed
from remix.ledger.views.books_shared import books_view, errors_to_form


@books_view
def home(request):
    return render(request, "ledger/books_home.html", {"section": "home", **books_overview()})


@books_view
def closing(request):
    form = CloseForm(request.POST or None, initial={"period": CloseForm.last_month()})
    status = 200
    drafts_link = None
    if request.method == "POST":
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                services.period_close(period=period, recorder=request.user)
            except ValidationError as error:
                errors_to_form(form, error, default_field="period")
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
            "closed": periods_closed(),
            "drafts_period": drafts_link,
        },
        status=status,
    )
