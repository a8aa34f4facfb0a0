"""The study office's pages: the public catalogue of services and a service's page, written
and edited by stewards; quotes written and accepted by stewards and treasurers; an engagement's
page, where its people declare their time and a treasurer decides on each declaration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.permissions import (
    can_accept_quote,
    can_declare_engagement_time,
    can_issue_invoice,
    can_issue_quote,
    can_keep_books,
    can_manage_services,
    can_record_engagement_people,
    role_required,
)
from remix.studio import selectors, services
from remix.studio.forms import (
    AcceptForm,
    DecideForm,
    InvoiceForm,
    PersonForm,
    QuoteForm,
    TimeForm,
)
from remix.studio.forms_service import ServiceForm
from remix.studio.models import (
    PriceModel,
    QuoteStatus,
    Service,
    ServiceKind,
    TimeDeclaration,
)


def catalogue(request):
    may_manage = can_manage_services(request.user)
    offered = list(selectors.services_offered())
    kinds = [
        (kind, [service for service in offered if service.kind == kind])
        for kind in ServiceKind.values
    ]
    return render(
        request,
        "studio/catalogue.html",
        {
            "kinds": [(ServiceKind(kind), items) for kind, items in kinds if items],
            "may_quote": can_issue_quote(request.user),
            "may_manage": may_manage,
            "withdrawn": selectors.services_withdrawn() if may_manage else (),
        },
    )


def service_detail(request, slug):
    service = selectors.service_shown(slug)
    if service is None:
        raise Http404
    context = {
        "service": service,
        "free": PriceModel.FREE,
        "may_manage": can_manage_services(request.user),
    }
    return render(request, "studio/service.html", context)


@role_required(can_manage_services)
def service_new(request):
    form = ServiceForm(request.POST or None, initial={"commodity": "EUR"})

    def write():
        return services.service_create(**form.written(), recorder=request.user)

    made = form_written(request, form, write)
    if made is not None:
        messages.success(request, _("The service is added to the catalogue."))
        return redirect("studio:service", slug=made.slug)
    return render(request, "studio/service_form.html", {"form": form, "service": None})


@role_required(can_manage_services)
def service_edit(request, slug):
    service = get_object_or_404(Service, slug=slug)
    form = ServiceForm(request.POST or None, initial=ServiceForm.initial_for(service), editing=True)

    def write():
        return services.service_update(service=service, **form.written(), recorder=request.user)

    saved = form_written(request, form, write)
    if saved is not None:
        messages.success(request, _("The service is saved."))
        return redirect("studio:service", slug=saved.slug)
    return render(request, "studio/service_form.html", {"form": form, "service": service})


@role_required(can_issue_quote)
def quotes(request):
    return render(
        request,
        "studio/quotes.html",
        {"quotes": selectors.quotes_list()[:200], "waiting": selectors.time_waiting()[:200]},
    )


@role_required(can_issue_quote)
def quote_new(request):
    form = QuoteForm(request.POST or None, initial={"language": "fr"})

    def write():
        return services.quote_issue(**form.written(), recorder=request.user)

    quote = form_written(request, form, write)
    if quote is not None:
        messages.success(request, _("Quote %(number)s written.") % {"number": quote.number})
        return redirect("studio:quote", pk=quote.pk)
    return render(request, "studio/quote_new.html", {"form": form})


@role_required(can_issue_quote)
def quote_detail(request, pk):
    quote = selectors.quote_shown(pk)
    if quote is None:
        raise Http404
    may_accept = quote.status == QuoteStatus.SENT and can_accept_quote(request.user)
    form = AcceptForm(request.POST or None) if may_accept else None
    if request.method == "POST" and not may_accept:
        raise PermissionDenied

    def write():
        return services.quote_accept(quote=quote, **form.cleaned_data, recorder=request.user)

    engagement = form_written(request, form, write) if form is not None else None
    if engagement is not None:
        messages.success(request, _("The acceptance is recorded: the engagement is open."))
        return redirect("studio:engagement", pk=engagement.pk)
    return render(request, "studio/quote.html", {"quote": quote, "form": form})


@login_required
def engagement_detail(request, pk):
    engagement = get_object_or_404(selectors.engagements_list(), pk=pk)
    user = request.user
    is_person = can_declare_engagement_time(user, engagement=engagement)
    if not (is_person or can_issue_quote(user)):
        raise PermissionDenied
    context = {
        "engagement": engagement,
        "report": selectors.engagement_report(engagement),
        "times": selectors.engagement_times(engagement),
        "time_form": TimeForm() if is_person else None,
        "person_form": PersonForm() if can_record_engagement_people(user) else None,
        "may_decide": can_keep_books(user),
        "invoices": selectors.engagement_invoices(engagement),
        "invoice_form": InvoiceForm() if can_issue_invoice(user) else None,
    }
    return render(request, "studio/engagement.html", context)


@require_POST
@role_required(can_record_engagement_people)
def engagement_person(request, pk):
    engagement = get_object_or_404(selectors.engagements_list(), pk=pk)
    form = PersonForm(request.POST)

    def write():
        return services.engagement_person_record(
            engagement=engagement,
            user=form.cleaned_data["username"],
            planned_days=form.cleaned_data["planned_days"],
            recorder=request.user,
        )

    if form_written(request, form, write) is not None:
        messages.success(request, _("The person and their planned days are recorded."))
    else:
        _errors_said(request, form)
    return redirect("studio:engagement", pk=engagement.pk)


@require_POST
@login_required
def time_new(request, pk):
    engagement = get_object_or_404(selectors.engagements_list(), pk=pk)
    if not can_declare_engagement_time(request.user, engagement=engagement):
        raise PermissionDenied
    form = TimeForm(request.POST)

    def write():
        return services.time_declare(
            engagement=engagement, user=request.user, **form.cleaned_data, recorder=request.user
        )

    if form_written(request, form, write) is not None:
        messages.success(request, _("Your time is declared; a treasurer will validate it."))
    else:
        _errors_said(request, form)
    return redirect("studio:engagement", pk=engagement.pk)


@require_POST
@role_required(can_issue_invoice)
def engagement_invoice(request, pk):
    engagement = get_object_or_404(selectors.engagements_list(), pk=pk)
    form = InvoiceForm(request.POST)

    def write():
        return services.engagement_invoice(
            engagement=engagement, **form.cleaned_data, recorder=request.user
        )

    link = form_written(request, form, write)
    if link is not None:
        messages.success(request, _("Invoice %(number)s issued.") % {"number": link.invoice.number})
    else:
        _errors_said(request, form)
    return redirect("studio:engagement", pk=engagement.pk)


@require_POST
@role_required(can_keep_books)
def time_decide(request, pk):
    declared = get_object_or_404(TimeDeclaration, pk=pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "validate":
                services.time_validate(declared=declared, recorder=request.user)
                messages.success(request, _("The time is validated and posted to the books."))
            else:
                services.time_refuse(
                    declared=declared, reason=form.cleaned_data["reason"], recorder=request.user
                )
                messages.success(request, _("The declaration is refused."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        _errors_said(request, form)
    return redirect("studio:engagement", pk=declared.engagement_id)


def _errors_said(request, form) -> None:
    """A form posted from the engagement's page, refused: its errors said there as messages."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(
                request,
                _("%(field)s: %(error)s") % {"field": label, "error": error} if label else error,
            )
