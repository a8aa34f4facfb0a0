"""Stewardship pages: the public history of who carried which charge, of the handovers, the
reciprocity table and the rotation suggestion; the handover's pages, each step offered to the
people it belongs to; the stewards' record of an organisation volunteering for a next term."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.core.forms import form_written
from remix.core.permissions import can_handover_propose, can_record_volunteer, role_required
from remix.stewardship import obligations, selectors, services
from remix.stewardship.forms import ChecklistForm, HandoverForm, VolunteerForm
from remix.stewardship.models import STEP_ORDER, Step, Volunteer
from remix.stewardship.reciprocity import reciprocity_actors, reciprocity_rows
from remix.stewardship.services.handovers import STEP_RULES


def history(request):
    charges = selectors.charges_history(selectors.terms_history())
    context = {
        "charges": charges,
        "handovers": selectors.handovers_list(),
        "reciprocity": reciprocity_rows(reciprocity_actors()),
        "suggestions": selectors.rotation_suggestions(),
        "may_record_volunteer": can_record_volunteer(request.user),
    }
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
        "accounts": selectors.handover_accounts_shown(handover),
        "transfer": selectors.handover_transfer_preview(handover)
        if STEP_ORDER.index(handover.step) < STEP_ORDER.index(Step.TRANSFERRED)
        else {},
    }
    return render(request, "stewardship/handover.html", context)


@role_required(can_record_volunteer)
def volunteer_new(request):
    form = VolunteerForm(request.POST or None, initial={"charge": request.GET.get("charge")})

    def write():
        return services.volunteer_record(**form.cleaned_data, recorder=request.user)

    volunteer = form_written(request, form, write)
    if volunteer is not None:
        messages.success(
            request,
            _("%(actor)s volunteers for the next term: %(charge)s.")
            % {"actor": volunteer.actor.name, "charge": volunteer.get_charge_display()},
        )
        return redirect(f"{reverse('stewardship:history')}#suggestion-{volunteer.charge}")
    return render(request, "stewardship/volunteer_new.html", {"form": form})


@require_POST
@role_required(can_record_volunteer)
def volunteer_withdraw(request, pk):
    volunteer = get_object_or_404(Volunteer, pk=pk)
    try:
        services.volunteer_withdraw(volunteer=volunteer, recorder=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The offer is withdrawn."))
    return redirect(f"{reverse('stewardship:history')}#suggestion-{volunteer.charge}")
