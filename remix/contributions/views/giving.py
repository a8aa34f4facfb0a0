"""Giving: the contribute area's page, the give page of each fund, a pledge's page, my gifts,
declaring time or in-kind, the public wall, and the treasurers' desk.

Views parse the request, make one service call or read through the selectors, and render; the
services' refusals land on the fields they name.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions import providers, receipts, selectors, services
from remix.contributions.forms import (
    CeilingForm,
    DeclareForm,
    GiveForm,
    PaymentForm,
    RefuseForm,
    preset_amounts,
)
from remix.contributions.models import (
    CampaignStatus,
    Contribution,
    Pledge,
    PledgeStatus,
    RoundStatus,
)
from remix.contributions.services import Giver
from remix.contributions.views.unmatched import unmatched_context
from remix.core.formats import format_money
from remix.core.permissions import can_contribute, can_keep_books, role_required
from remix.ledger import selectors as ledger
from remix.ledger.models import Fund

WALL_ON_HOME = 10
WALL_PAGE = 100
SCHEDULE_SHOWN = 24  # the latest instalments on a pledge's page


def _giver(request) -> Giver:
    return Giver(user=request.user)


def _funds():
    return ledger.fund_list(active_only=True)


# --- the contribute area -------------------------------------------------------------------------


def home(request):
    today = timezone.localdate()
    funds = [(fund, selectors.give_suggestion(fund=fund, today=today)) for fund in _funds()]
    campaigns = [
        (campaign, selectors.campaign_progress(campaign=campaign, today=today))
        for campaign in selectors.campaigns_public(status=CampaignStatus.OPEN)
    ]
    return render(
        request,
        "contributions/home.html",
        {
            "funds": funds,
            "campaigns": campaigns,
            "rounds": selectors.rounds_public(status=RoundStatus.OPEN),
            "wall": selectors.wall(limit=WALL_ON_HOME),
        },
    )


# --- the give page of a fund ---------------------------------------------------------------------


def give(request, fund):
    fund = get_object_or_404(Fund, slug=fund, active=True)
    today = timezone.localdate()
    suggestion = selectors.give_suggestion(fund=fund, today=today)
    ceiling = selectors.ceiling_of(fund=fund, on=today)
    form = GiveForm(
        request.POST if request.method == "POST" else None,
        presets=preset_amounts(suggestion.amount_minor, suggestion.commodity),
        commodity=suggestion.commodity,
        suggested=suggestion.amount_minor,
        currencies=selectors.giving_currencies(fund=fund),
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_contribute(request.user):
            raise PermissionDenied
        if form.is_valid() and not form.repeat_asked(user=request.user, fund=fund):
            try:
                pledge, _created = services.pledge_create(
                    fund=fund,
                    amount=form.cleaned_data["gift"],
                    commodity=form.cleaned_data["commodity"],
                    frequency=form.cleaned_data["frequency"],
                    visibility=form.cleaned_data["visibility"],
                    giver=_giver(request),
                    idempotency_key=form.idempotency_key(request.user),
                    recorder=request.user,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Thank you. Your pledge is recorded: here is how to pay it."),
                )
                return redirect("contributions:pledge", reference=pledge.reference.replace(" ", ""))
    promised = None
    if ceiling is not None and request.user.is_authenticated:
        promised = selectors.promised_in_period(
            user=request.user, fund=fund, period=ceiling.period_range, currency=ceiling.commodity
        )
    return render(
        request,
        "contributions/give.html",
        {
            "fund": fund,
            "suggestion": suggestion,
            "ceiling": ceiling,
            "promised": promised,
            "form": form,
            "wall": selectors.wall(fund=fund, limit=WALL_ON_HOME),
            "bank": providers.bank_details(on=today),
        },
    )


# --- a pledge ------------------------------------------------------------------------------------


def _pledge_for(request, reference: str) -> Pledge:
    """The pledge of this reference, for its giver or a treasurer; a 404 for anyone else, so
    that a reference tells a stranger nothing."""
    pledge = selectors.pledge_by_reference(reference)
    if pledge is None:
        raise Http404
    if pledge.user_id != request.user.pk and not can_keep_books(request.user):
        raise Http404
    return pledge


def _next_due(pledge: Pledge, today: datetime.date) -> datetime.date | None:
    """The first date after today a gift falls due, looking a year and a bit ahead (a yearly
    pledge's next gift is at most a year away; a pause without end has none)."""
    ahead = selectors.pledge_reconciliation(
        pledge=pledge, today=today + datetime.timedelta(days=400)
    )
    return next((i.due_on for i in ahead.instalments if i.due_on > today), None)


def _pledge_act(request, pledge: Pledge):
    """Pause, resume or cancel, by the giver only."""
    if pledge.user_id != request.user.pk:
        raise PermissionDenied
    today = timezone.localdate()
    action = request.POST.get("action")
    try:
        if action == "pause":
            services.pledge_pause(pledge=pledge, start=today, recorder=request.user)
            messages.success(
                request, _("Your pledge is paused: nothing falls due until you resume it.")
            )
        elif action == "resume":
            services.pledge_resume(pledge=pledge, on=today, recorder=request.user)
            messages.success(request, _("Your pledge runs again."))
        elif action == "cancel":
            services.pledge_cancel(pledge=pledge, on=today, recorder=request.user)
            messages.success(request, _("Your pledge is cancelled: nothing more falls due."))
        else:
            messages.error(request, _("Choose pause, resume or cancel."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("contributions:pledge", reference=pledge.reference.replace(" ", ""))


@login_required
def pledge(request, reference):
    pledge = _pledge_for(request, reference)
    if request.method == "POST":
        return _pledge_act(request, pledge)
    today = timezone.localdate()
    reconciliation = selectors.pledge_reconciliation(pledge=pledge, today=today)
    running = pledge.status == PledgeStatus.ACTIVE
    paused = running and selectors.pledge_is_paused(pledge)
    is_owner = pledge.user_id == request.user.pk
    checkouts = providers.checkouts_for(pledge) if is_owner else []
    response = render(
        request,
        "contributions/pledge.html",
        {
            "pledge": pledge,
            "reconciliation": reconciliation,
            "instalments": list(reversed(reconciliation.instalments))[:SCHEDULE_SHOWN],
            "late": set(reconciliation.late),
            "next_due": _next_due(pledge, today) if running and not paused else None,
            "bank": providers.bank_details(),
            "checkouts": checkouts,
            "is_owner": is_owner,
            "running": running,
            "paused": paused,
            "owed_now": not pledge.campaign_id or pledge.status == PledgeStatus.RECEIVABLE,
        },
    )
    origins = sorted({origin for p in checkouts for origin in p.checkout_origins()})
    if origins:  # the "Pay online" forms are redirected to the provider's checkout
        response._csp_update = {"form-action": origins}
    return response


# --- my gifts ------------------------------------------------------------------------------------


@login_required
def mine(request):
    user = request.user
    return render(
        request,
        "contributions/mine.html",
        {
            "pledges": selectors.pledges_of(user=user),
            "gifts": selectors.gifts_of(user=user),
            "declarations": selectors.declarations_of(user=user),
            "receipts_issued": bool(receipts.issuer().get("issuer")),
            "may_declare": can_contribute(user),
        },
    )


@role_required(can_contribute)
def declare(request):
    form = DeclareForm(request.POST or None, funds=_funds())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contribution_declare(
                giver=_giver(request),
                fund=data["fund"],
                kind=data["kind"],
                amount=data["amount"],
                commodity=data["fund"].reporting_currency,
                date=data["date"],
                description=data["description"],
                visibility=data["visibility"],
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("Thank you. A treasurer will validate it; its status is below.")
            )
            return redirect("contributions:mine")
    return render(request, "contributions/declare.html", {"form": form})


# --- the wall ------------------------------------------------------------------------------------


def wall(request):
    slug = request.GET.get("fund", "").strip()
    fund = get_object_or_404(Fund, slug=slug) if slug else None
    return render(
        request,
        "contributions/wall.html",
        {
            "fund": fund,
            "funds": ledger.fund_list(),
            "wall": selectors.wall(fund=fund, limit=WALL_PAGE),
        },
    )


# --- the treasurers' desk ------------------------------------------------------------------------


def _declared(pk) -> Contribution:
    return get_object_or_404(selectors.declarations_awaiting(), pk=pk)


def _treasury_post(request, forms):
    """One action of the desk; a redirect when done, or None to show the forms' errors."""
    action, recorder = request.POST.get("action"), request.user
    try:
        if action == "validate":
            done = services.contribution_validate(
                contribution=_declared(request.POST.get("contribution")), recorder=recorder
            )
            messages.success(
                request,
                _("The declaration of %(name)s is recorded in the books.") % {"name": done.name},
            )
        elif action == "refuse":
            contribution = _declared(request.POST.get("contribution"))
            form = RefuseForm(request.POST, prefix=f"refuse-{contribution.pk}")
            forms["refusals"][contribution.pk] = form
            if not form.is_valid():
                return None
            services.contribution_refuse(
                contribution=contribution, reason=form.cleaned_data["reason"], recorder=recorder
            )
            messages.success(request, _("The declaration is refused; the giver sees why."))
        elif action == "payment":
            return _payment_post(request, forms)
        elif action == "ceiling":
            return _ceiling_post(request, forms)
        elif action == "ceiling_clear":
            fund = get_object_or_404(Fund, slug=request.POST.get("fund"))
            services.ceiling_clear(fund=fund, recorder=recorder)
            messages.success(
                request, _("No ceiling per giver for %(fund)s.") % {"fund": fund.named}
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("contributions:treasury")


def _payment_post(request, forms):
    form = forms["payment"] = PaymentForm(request.POST, prefix="payment", funds=_funds())
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        gift, _created = services.payment_record(
            amount=data["amount"],
            date=data["date"],
            commodity=(
                data["pledge"].commodity if data["pledge"] else data["fund"].reporting_currency
            ),
            pledge=data["pledge"],
            fund=data["fund"],
            giver=Giver(name=data["name"]) if not data["pledge"] else None,
            visibility=data["visibility"],
            method=data["method"],
            recorder=request.user,
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return None
    messages.success(
        request,
        _("%(amount)s from %(name)s recorded in %(fund)s.")
        % {
            "amount": format_money(gift.amount_minor, gift.commodity),
            "name": gift.name,
            "fund": gift.fund.named,
        },
    )
    return redirect("contributions:treasury")


def _ceiling_post(request, forms):
    form = forms["ceiling"] = CeilingForm(request.POST, prefix="ceiling", funds=_funds())
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        services.ceiling_set(
            fund=data["fund"],
            period=data["period"],
            amount=data["amount"],
            share_of_needs=data["share_of_needs"],
            commodity=data["fund"].reporting_currency,
            recorder=request.user,
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return None
    messages.success(
        request, _("The ceiling per giver of %(fund)s is set.") % {"fund": data["fund"].named}
    )
    return redirect("contributions:treasury")


@role_required(can_keep_books)
def treasury(request):
    today = timezone.localdate()
    forms = {"refusals": {}, "payment": None, "ceiling": None}
    if request.method == "POST":
        done = _treasury_post(request, forms)
        if done is not None:
            return done
    rows = [
        (item, forms["refusals"].get(item.pk) or RefuseForm(prefix=f"refuse-{item.pk}"))
        for item in selectors.declarations_awaiting()
    ]
    due = selectors.campaigns_due(today=today)
    return render(
        request,
        "contributions/treasury.html",
        {
            "declarations": rows,
            "payment_form": forms["payment"] or PaymentForm(prefix="payment", funds=_funds()),
            "ceiling_form": forms["ceiling"] or CeilingForm(prefix="ceiling", funds=_funds()),
            "ceilings": selectors.ceilings_in_force(today=today),
            "campaigns_due": [
                (c, selectors.campaign_progress(campaign=c, today=today)) for c in due
            ],
            "treasury_url": reverse("contributions:treasury"),
            **unmatched_context(),
        },
    )


urlpatterns = [
    path("", home, name="home"),
    path("give/<slug:fund>/", give, name="give"),
    path("pledges/<str:reference>/", pledge, name="pledge"),
    path("mine/", mine, name="mine"),
    path("declare/", declare, name="declare"),
    path("wall/", wall, name="wall"),
    path("treasury/", treasury, name="treasury"),
]
