"""Matching rounds' pages: the list, a round's live page, giving in it, closing it.

The live page reads ``selectors.round_lines``: each project's gifts, givers and match (estimated
while the round runs, final once closed), with the plain-language reason. A verified member
pledges to one project from it (``pledge_create(round_project=…)``) and lands on the pledge's
page to pay it; a treasurer closes the round once its window is over.
"""

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from remix.contributions import selectors, services
from remix.contributions.forms import currency_symbol
from remix.contributions.forms.terms import RoundProjectForm
from remix.contributions.models import Frequency, Round, RoundProject, RoundStatus, Visibility
from remix.contributions.services import Giver
from remix.core.forms import ServiceErrors
from remix.core.permissions import can_contribute, can_keep_books, role_required
from remix.ledger.forms import AmountField


class RoundGiftForm(ServiceErrors, forms.Form):
    """A one-time gift to one project of a round."""

    SERVICE_FIELDS = {"commodity": "amount"}

    amount = AmountField(label=gettext_lazy("Amount"), positive=True)
    visibility = forms.ChoiceField(
        label=gettext_lazy("How your gift is shown"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.AMOUNT,
    )
    # Pressing the button twice pledges once.
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, project: RoundProject, currency: str, **kwargs):
        kwargs.setdefault("prefix", f"p{project.pk}")
        kwargs.setdefault("initial", {"key": secrets.token_urlsafe(16)})
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Amount, in %(currency)s") % {
            "currency": currency_symbol(currency)
        }
        self.fields["amount"].widget.attrs.update({"autocomplete": "off", "size": 8})


# --- where a round stands ------------------------------------------------------------------------

DRAFT, UPCOMING, OPEN, COUNTING, CLOSED = "draft", "upcoming", "open", "counting", "closed"


def round_phase(round_: Round, today) -> str:
    """In preparation, before its window, in it, after it but not closed yet (the treasurer's
    turn), closed."""
    if round_.status == RoundStatus.DRAFT:
        return DRAFT
    if round_.status == RoundStatus.CLOSED:
        return CLOSED
    if round_.status == RoundStatus.CLOSING or today > round_.closes:
        return COUNTING
    return UPCOMING if today < round_.opens else OPEN


@dataclass(frozen=True)
class RoundCard:
    round: Round
    phase: str


@dataclass(frozen=True)
class LineView:
    line: selectors.ProjectLine
    share: Decimal | None  # of the pool
    form: RoundGiftForm | None


def _giving_refusal(user, phase: str) -> str:
    """Why this reader cannot give here, or "" when they can."""
    if phase != OPEN:
        return "closed"
    if not user.is_authenticated:
        return "login"
    if not can_contribute(user):
        return "member"
    if not user.is_verified_person:
        return "verify"
    return ""


# --- pages ---------------------------------------------------------------------------------------


def rounds(request):
    today = timezone.localdate()
    found = selectors.rounds_counted()
    cards = [RoundCard(r, round_phase(r, today)) for r in found]
    running = sorted((c for c in cards if c.phase != CLOSED), key=lambda c: c.round.closes)
    keeps_books = can_keep_books(request.user)
    return render(
        request,
        "contributions/rounds.html",
        {
            "running": running,
            "closed": [c for c in cards if c.phase == CLOSED],
            "keeps_books": keeps_books,
            "prepared": (
                [RoundCard(r, DRAFT) for r in selectors.rounds_prepared()] if keeps_books else []
            ),
        },
    )


def round_page(request, slug):
    return round_render(
        request, get_object_or_404(selectors.rounds_visible(user=request.user), slug=slug)
    )


def round_render(
    request,
    round_: Round,
    *,
    failed: RoundGiftForm | None = None,
    project_form: RoundProjectForm | None = None,
):
    """A round's page: its terms, each project's line, and for a treasurer what comes next
    (adding projects and opening a round in preparation, closing one whose window is over)."""
    today = timezone.localdate()
    phase = round_phase(round_, today)
    refusal = _giving_refusal(request.user, phase)
    if failed is not None and refusal:
        # No form on the page to show the refusal beside: say it above.
        messages.error(request, " ".join(e for errors in failed.errors.values() for e in errors))
    views = []
    for line in selectors.round_lines(round=round_):
        form = None
        if not refusal:
            form = failed if failed is not None and failed.prefix == f"p{line.project.pk}" else None
            form = form or RoundGiftForm(project=line.project, currency=round_.commodity)
        share = Decimal(line.match) / round_.pool_minor if round_.pool_minor else None
        views.append(LineView(line=line, share=share, form=form))
    keeps_books = can_keep_books(request.user)
    if keeps_books and round_.status in (RoundStatus.DRAFT, RoundStatus.OPEN):
        project_form = project_form or RoundProjectForm(round=round_)
    return render(
        request,
        "contributions/round.html",
        {
            "round": round_,
            "phase": phase,
            "lines": views,
            "refusal": refusal,
            "keeps_books": keeps_books,
            "project_form": project_form if keeps_books else None,
            "cap_minor": (
                int(round_.pool_minor * round_.cap_share) if round_.cap_share is not None else None
            ),
            "may_close": keeps_books and phase == COUNTING,
            "matched_minor": sum(v.line.match for v in views),
            "left_minor": round_.pool_minor - sum(v.line.match for v in views),
            "given_minor": sum(v.line.total for v in views),
        },
    )


@require_POST
@role_required(can_contribute)
def round_give(request, slug):
    round_ = get_object_or_404(selectors.rounds_public(), slug=slug)
    wanted = request.POST.get("project", "")
    project = selectors.round_project_of(int(wanted) if wanted.isdigit() else 0, round=round_)
    if project is None:
        raise Http404
    form = RoundGiftForm(request.POST, project=project, currency=round_.commodity)
    if form.is_valid():
        key = form.cleaned_data["key"]
        try:
            pledge, _created = services.pledge_create(
                fund=project.fund,
                amount=form.cleaned_data["amount"],
                commodity=round_.commodity,
                frequency=Frequency.ONCE,
                visibility=form.cleaned_data["visibility"],
                giver=Giver(user=request.user),
                round_project=project,
                idempotency_key=f"round:{request.user.pk}:{key}" if key else None,
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _(
                    "Your gift to %(project)s is pledged. Pay it as shown below: it counts in the "
                    "round once received."
                )
                % {"project": project.label},
            )
            return redirect("contributions:pledge", reference=pledge.reference.replace(" ", ""))
    return round_render(request, round_, failed=form)


@require_POST
@role_required(can_keep_books)
def round_close(request, slug):
    round_ = get_object_or_404(selectors.rounds_public(), slug=slug)
    try:
        round_ = services.round_close(round=round_, recorder=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The round is closed: each project's match has moved to its fund.")
        )
    return redirect("contributions:round", slug=round_.slug)


urlpatterns = [
    path("rounds/", rounds, name="rounds"),
    path("rounds/<slug:slug>/", round_page, name="round"),
    path("rounds/<slug:slug>/give/", round_give, name="round_give"),
    path("rounds/<slug:slug>/close/", round_close, name="round_close"),
]
