"""The pipeline: the board (a column per stage, a small form on each card to move it), an
application's page (its moves, stage history, financing plan and the plan check, tasks,
documents, hours, and once granted what the funder still owes), the plan editor, and the yearly
funding report. Everything works without JavaScript.

Before the decision an application is the members' business (a visitor gets a 404); granted
ones are public with their amounts, without their tasks, documents and hours.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.permissions import (
    can_contribute,
    can_keep_books,
    can_move_application,
    require,
    role_required,
)
from remix.grants import selectors, services
from remix.grants.forms_pipeline import (
    ApplicationNewForm,
    BoardFilterForm,
    DocumentForm,
    HoursForm,
    PaymentForm,
    ReportAcceptForm,
    StageForm,
    TaskForm,
    plan_errors,
    plan_formset,
    plan_initial,
    plan_lines,
    plan_more,
)
from remix.grants.models import Application, Stage, Task
from remix.grants.report import (
    application_events,
    funding_year,
    hours_by_application,
    may_see_work,
    move_needs_details,
    moves_of,
    pipeline_board,
    report_years,
)
from remix.ledger.forms.fields import amount_typed, number_typed

member_only = role_required(can_contribute)


# --- the board -----------------------------------------------------------------------------------


def pipeline(request):
    member = may_see_work(request.user)
    form = BoardFilterForm(request.GET, member=member)
    fund = owner = None
    if form.is_valid():
        fund = form.cleaned_data["fund"]
        owner = request.user if form.cleaned_data.get("mine") else None
    columns = pipeline_board(user=request.user, fund=fund, owner=owner)
    return render(
        request,
        "grants/pipeline.html",
        {
            "form": form,
            "columns": columns,
            "member": member,
            "filtered": bool(fund or owner),
            "count": sum(len(column.cards) for column in columns),
            "here": request.get_full_path(),
            "year": timezone.localdate().year,
        },
    )


# --- an application ------------------------------------------------------------------------------


def _visible(request, pk) -> Application:
    return get_object_or_404(selectors.applications.applications_visible(user=request.user), pk=pk)


def _member_application(pk) -> Application:
    return get_object_or_404(selectors.applications.applications_all(), pk=pk)


def _plan_context(application: Application) -> dict:
    summary = selectors.plans.plan_summary(application)
    return {
        "costs": summary.costs,
        "funding": summary.funding,
        "costs_total": summary.costs_total,
        "funding_total": summary.funding_total,
        "check": summary.check,
        "breaches": summary.breaches,
        "plan_empty": summary.empty,
    }


def _grant_context(application: Application, payment_form=None, report_form=None) -> dict:
    if application.receivable_id is None:
        return {}
    due = selectors.payments.grant_due(application)
    payable = max(due.payable, 0)
    initial = {"amount": amount_typed(payable, application.commodity)} if payable else {}
    return {
        "outstanding": due.outstanding,
        "withheld_waiting": min(due.waiting, due.outstanding),
        "payable": payable,
        "payment_form": payment_form or PaymentForm(initial=initial),
        "report_form": report_form or ReportAcceptForm(),
        "may_report": application.stage in (Stage.GRANTED, Stage.REPORTING)
        and application.report_accepted_on is None,
    }


def _application_page(request, application: Application, *, status=200, **forms):
    member = may_see_work(request.user)
    treasurer = can_keep_books(request.user)
    moves = []
    if member:
        stage_forms = forms.get("stage_forms", {})
        moves = [
            (value, label, stage_forms.get(value) or StageForm(application=application, to=value))
            for value, label in moves_of(application, user=request.user)
        ]
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "funder": application.opportunity.funder,
        "member": member,
        "treasurer": treasurer,
        "events": application_events(application),
        "moves": moves,
        "open_move": request.GET.get("move", ""),
        "plan_editable": member and selectors.plans.plan_editable(application),
        **_plan_context(application),
        **_grant_context(application, forms.get("payment_form"), forms.get("report_form")),
    }
    if member:
        context.update(
            {
                "tasks": selectors.applications.application_tasks(application=application),
                "task_form": forms.get("task_form") or TaskForm(),
                "documents": selectors.applications.application_documents(application=application),
                "document_form": forms.get("document_form") or DocumentForm(),
                "hours_form": forms.get("hours_form")
                or HoursForm(initial={"hours_spent": number_typed(application.hours_spent)}),
                "today": timezone.localdate(),
            }
        )
    return render(request, "grants/application.html", context, status=status)


def application(request, pk):
    return _application_page(request, _visible(request, pk))


@member_only
def application_new(request, slug):
    opportunity = get_object_or_404(selectors.opportunities.opportunities_with_funder(), slug=slug)
    form = ApplicationNewForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.applications.application_create(
                opportunity=opportunity,
                fund=form.cleaned_data["fund"],
                owner=request.user,
                amount_requested=form.cleaned_data["amount_requested"],
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("The application is on the board, spotted: you own it."),
            )
            return redirect("grants:application", pk=created.pk)
    return render(
        request,
        "grants/application_new.html",
        {"opportunity": opportunity, "form": form},
        status=400 if form.is_bound else 200,
    )


def _back(request, default: str) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return default


@require_POST
@member_only
def application_stage(request, pk):
    found = _member_application(pk)
    page = reverse("grants:application", kwargs={"pk": found.pk})
    to = request.POST.get("to", "")
    from_board = request.POST.get("from") == "board"
    back = _back(request, page)
    if to not in dict(moves_of(found)):
        messages.error(
            request,
            _("“%(title)s” cannot move to that stage from “%(stage)s”.")
            % {"title": found.opportunity.title, "stage": found.get_stage_display()},
        )
        return redirect(back)
    require(can_move_application, request.user, to=to)
    if from_board and move_needs_details(found, to):
        messages.info(request, _move_asks(to))
        return redirect(f"{page}?{urlencode({'move': to})}#move-{to}")
    form = StageForm(request.POST, application=found, to=to)
    if form.is_valid():
        try:
            moved = services.applications.application_stage(
                application=found, recorder=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(stage)s.")
                % {"title": moved.opportunity.title, "stage": moved.get_stage_display()},
            )
            return redirect(back)
    if from_board:
        refusal = " ".join(str(message) for errors in form.errors.values() for message in errors)
        messages.error(request, refusal)
        return redirect(back)
    return _application_page(request, found, status=400, stage_forms={to: form})


def _move_asks(to: str) -> str:
    if to == Stage.GRANTED:
        return _("To mark it granted, give the amount granted and the date of the decision.")
    if to == Stage.REFUSED:
        return _("To mark it refused, give the date of the decision and the reasons, if any.")
    return _("To close it, give the date the funder accepted the final report.")


# --- the financing plan --------------------------------------------------------------------------


@member_only
def application_plan(request, pk):
    found = _member_application(pk)
    editable = selectors.plans.plan_editable(found)
    general, status = [], 200
    if request.method == "POST" and editable and "more" in request.POST:
        formset = plan_more(request.POST)
    elif request.method == "POST" and editable:
        formset = plan_formset(data=request.POST)
        if formset.is_valid():
            lines, sources = plan_lines(formset)
            try:
                services.applications.plan_set(
                    application=found, lines=lines, recorder=request.user
                )
            except ValidationError as error:
                general = plan_errors(error, formset, sources)
            else:
                messages.success(request, _("The financing plan is saved; its check is beside it."))
                return redirect("grants:application_plan", pk=found.pk)
        status = 400
    else:
        formset = plan_formset(initial=plan_initial(found))
    return render(
        request,
        "grants/plan.html",
        {
            "application": found,
            "opportunity": found.opportunity,
            "formset": formset,
            "editable": editable,
            "general_errors": general,
            **_plan_context(found),
        },
        status=status,
    )


# --- tasks, documents, hours ---------------------------------------------------------------------


def _section(pk, anchor: str) -> str:
    return reverse("grants:application", kwargs={"pk": pk}) + f"#{anchor}"


@require_POST
@member_only
def application_task(request, pk):
    found = _member_application(pk)
    form = TaskForm(request.POST)
    if form.is_valid():
        try:
            services.applications.task_add(
                application=found, recorder=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The task is added."))
            return redirect(_section(found.pk, "tasks"))
    return _application_page(request, found, status=400, task_form=form)


@require_POST
@member_only
def application_task_done(request, pk, task):
    found = get_object_or_404(Task, pk=task, application_id=pk)
    services.applications.task_done(task=found, recorder=request.user)
    messages.success(request, _("“%(task)s” is done.") % {"task": found.title})
    return redirect(_section(pk, "tasks"))


@require_POST
@member_only
def application_document(request, pk):
    found = _member_application(pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.applications.document_add(
            application=found,
            upload=form.cleaned_data["file"],
            name=form.cleaned_data["name"],
            stored_name=form.stored_name(),
            recorder=request.user,
        )
        messages.success(request, _("The document is added."))
        return redirect(_section(found.pk, "documents"))
    return _application_page(request, found, status=400, document_form=form)


@require_POST
@member_only
def application_hours(request, pk):
    found = _member_application(pk)
    form = HoursForm(request.POST)
    if form.is_valid():
        try:
            services.applications.application_update(
                application=found,
                hours_spent=form.cleaned_data["hours_spent"],
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The hours spent are saved."))
            return redirect(_section(found.pk, "hours"))
    return _application_page(request, found, status=400, hours_form=form)


# --- treasurers: payments and the final report ---------------------------------------------------


@require_POST
@role_required(can_keep_books)
def application_payment(request, pk):
    found = _visible(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payments.grant_payment_record(
                application=found,
                amount=form.cleaned_data["amount"],
                date=form.cleaned_data["date"],
                reference=form.cleaned_data["reference"],
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The payment is recorded in the books."))
            return redirect(_section(found.pk, "grant"))
    return _application_page(request, found, status=400, payment_form=form)


@require_POST
@role_required(can_keep_books)
def application_report_accept(request, pk):
    found = _visible(request, pk)
    form = ReportAcceptForm(request.POST)
    if form.is_valid():
        try:
            services.payments.report_accept(
                application=found, on=form.cleaned_data["on"], recorder=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("The final report is accepted: the withheld share may be received.")
            )
            return redirect(_section(found.pk, "grant"))
    return _application_page(request, found, status=400, report_form=form)


# --- the yearly report ---------------------------------------------------------------------------


def report(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    member = may_see_work(request.user)
    figures = funding_year(year=year)
    years = report_years()
    return render(
        request,
        "grants/report.html",
        {
            "report": figures,
            "year": year,
            "member": member,
            "years": years,
            "hours_detail": hours_by_application(year=year) if member else [],
        },
    )


def report_current(request):
    return redirect("grants:report", year=timezone.localdate().year)


urlpatterns = [
    path("pipeline/", pipeline, name="pipeline"),
    path("opportunities/<slug:slug>/apply/", application_new, name="application_new"),
    path("applications/<int:pk>/", application, name="application"),
    path("applications/<int:pk>/stage/", application_stage, name="application_stage"),
    path("applications/<int:pk>/plan/", application_plan, name="application_plan"),
    path("applications/<int:pk>/tasks/", application_task, name="application_task"),
    path(
        "applications/<int:pk>/tasks/<int:task>/done/",
        application_task_done,
        name="application_task_done",
    ),
    path("applications/<int:pk>/documents/", application_document, name="application_document"),
    path("applications/<int:pk>/hours/", application_hours, name="application_hours"),
    path("applications/<int:pk>/payments/", application_payment, name="application_payment"),
    path(
        "applications/<int:pk>/report-accepted/",
        application_report_accept,
        name="application_report_accept",
    ),
    path("report/", report_current, name="report_current"),
    path("report/<int:year>/", report, name="report"),
]
