"""Stewardship pages: the public history of who carried which charge and of the handovers, and
the handover's pages, each step offered to the people it belongs to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from remix.core.forms import form_written
from remix.core.permissions import can_handover_propose
from remix.stewardship import obligations, selectors, services
from remix.stewardship.forms import ChecklistForm, HandoverForm
from remix.stewardship.models import STEP_ORDER, Step
from remix.stewardship.services.handovers import STEP_RULES


def history(request):
    charges = selectors.charges_history(selectors.terms_history())
    context = {"charges": charges, "handovers": selectors.handovers_list()}
    return render(request, "stewardship/history.html", context)


@login_required
def handover_new(request):
    terms = selectors.terms_handed_over_by(request.user)
    if not any(can_handover_propose(request.user, term=term) for term in terms):
        raise PermissionDenied
    form = HandoverForm(request.POST or None, terms=terms)

    def write():
        data = form.cleaned_data
        return services.handover_propose(**data, recorder=request.user)

    handover = form_written(request, form, write)
    if handover is not None:
        messages.success(request, _("The handover is proposed to the incoming carrier."))
        return redirect("stewardship:handover", pk=handover.pk)
    return render(request, "stewardship/handover_new.html", {"form": form})


def handover_detail(request, pk):
    handover = get_object_or_404(selectors.handovers_list(), pk=pk)
    step = handover.next_step
    may_act = bool(
        step and request.user.is_authenticated and STEP_RULES[step](request.user, handover=handover)
    )
    checklist = ChecklistForm(request.POST or None) if step == Step.CHECKED else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_act:
            raise PermissionDenied
        if checklist is None or checklist.is_valid():
            confirmed = checklist.cleaned_data["confirmed"] if checklist else ()
            try:
                services.handover_step(
                    handover=handover, step=step, confirmed=confirmed, recorder=request.user
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("This step of the handover is recorded."))
            return redirect("stewardship:handover", pk=handover.pk)
    context = {
        "handover": handover,
        "steps": selectors.handover_steps(handover),
        "next_step": step and Step(step),
        "may_act": may_act,
        "checklist": checklist,
        "obligations": obligations.open_obligations() if not handover.is_done else None,
        "transfer": selectors.handover_transfer_preview(handover)
        if STEP_ORDER.index(handover.step) < STEP_ORDER.index(Step.TRANSFERRED)
        else {},
    }
    return render(request, "stewardship/handover.html", context)
