"""The treasurers' screens: a matching round prepared (created, edited, its projects added),
then opened; a campaign started, edited before its opening day, or opened at once. Each page
parses a form and calls the service the API calls (``round_create``, ``round_update``,
``round_open``, ``round_project_add``, ``campaign_create``, ``campaign_terms_update``,
``campaign_open``, ``tier_add``), so a refusal says the same thing on both, here beside its
field."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.contributions import selectors, services
from remix.contributions.forms.terms import CampaignForm, RoundForm, RoundProjectForm, TierForm
from remix.contributions.models import Campaign, CampaignStatus, Round, RoundStatus
from remix.contributions.views.rounds import round_render
from remix.core.forms import form_written
from remix.core.permissions import can_keep_books, role_required


def _draft(request, slug: str) -> Round:
    return get_object_or_404(
        selectors.rounds_visible(user=request.user), slug=slug, status=RoundStatus.DRAFT
    )


@role_required(can_keep_books)
def round_new(request):
    form = RoundForm(request.POST or None, language=request.LANGUAGE_CODE)
    created = form_written(
        request,
        form,
        lambda: services.round_create(
            slug=form.cleaned_data["slug"], draft=True, recorder=request.user, **form.terms()
        ),
    )
    if created is None:
        return render(request, "contributions/round_form.html", {"form": form, "round": None})
    messages.success(
        request,
        _(
            "The round is prepared. Add its projects, check its terms, then open it: "
            "its pool is recorded in the books when it opens."
        ),
    )
    return redirect("contributions:round", slug=created.slug)


@role_required(can_keep_books)
def round_edit(request, slug):
    draft = _draft(request, slug)
    language = request.POST.get("language") or request.LANGUAGE_CODE
    form = RoundForm(request.POST or None, round=draft, language=language)
    saved = form_written(
        request,
        form,
        lambda: services.round_update(round=draft, recorder=request.user, **form.terms()),
    )
    if saved is None:
        return render(request, "contributions/round_form.html", {"form": form, "round": draft})
    messages.success(request, _("The round's terms are saved."))
    return redirect("contributions:round", slug=draft.slug)


@require_POST
@role_required(can_keep_books)
def round_open(request, slug):
    draft = _draft(request, slug)
    try:
        services.round_open(round=draft, recorder=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The round is open: its pool is in the books and its terms are kept.")
        )
    return redirect("contributions:round", slug=draft.slug)


@require_POST
@role_required(can_keep_books)
def round_project_add(request, slug):
    round_ = get_object_or_404(selectors.rounds_visible(user=request.user), slug=slug)
    form = RoundProjectForm(request.POST, round=round_)
    project = form_written(
        request,
        form,
        lambda: services.round_project_add(
            round=round_, fund=form.cleaned_data["fund"], recorder=request.user
        ),
    )
    if project is None:
        return round_render(request, round_, project_form=form)
    messages.success(
        request, _("%(project)s takes part in the round.") % {"project": project.label}
    )
    return redirect("contributions:round", slug=round_.slug)


@role_required(can_keep_books)
def campaign_new(request):
    form = CampaignForm(request.POST or None, language=request.LANGUAGE_CODE)
    created = form_written(
        request, form, lambda: services.campaign_create(recorder=request.user, **form.terms())
    )
    if created is None:
        return render(request, "contributions/campaign_form.html", {"form": form})
    messages.success(request, _("The campaign is started: it takes pledges from its opening day."))
    return redirect("contributions:campaign", slug=created.slug)


def _not_yet_open(slug: str) -> Campaign:
    campaign = get_object_or_404(selectors.campaigns_public(), slug=slug)
    if campaign.status != CampaignStatus.OPEN or timezone.localdate() >= campaign.opens:
        raise Http404  # open: its terms are kept
    return campaign


@role_required(can_keep_books)
def campaign_edit(request, slug):
    campaign = _not_yet_open(slug)
    language = request.POST.get("language") or request.LANGUAGE_CODE
    form = CampaignForm(request.POST or None, campaign=campaign, language=language)
    saved = form_written(
        request,
        form,
        lambda: services.campaign_terms_update(
            campaign=campaign, recorder=request.user, **form.terms()
        ),
    )
    if saved is None:
        context = {"form": form, "campaign": campaign}
        return render(request, "contributions/campaign_form.html", context)
    messages.success(request, _("The campaign's terms are saved."))
    return redirect("contributions:campaign", slug=campaign.slug)


@require_POST
@role_required(can_keep_books)
def campaign_open(request, slug):
    campaign = _not_yet_open(slug)
    services.campaign_open(campaign=campaign, recorder=request.user)
    messages.success(request, _("The campaign is open: it takes pledges from today."))
    return redirect("contributions:campaign", slug=campaign.slug)


def _taking_pledges_ahead(slug: str) -> Campaign:
    campaign = get_object_or_404(selectors.campaigns_public(), slug=slug)
    if campaign.status != CampaignStatus.OPEN or timezone.localdate() > campaign.deadline:
        raise Http404  # closed or past its deadline: no new counterpart to take
    return campaign


@role_required(can_keep_books)
def campaign_tier_add(request, slug):
    campaign = _taking_pledges_ahead(slug)
    form = TierForm(request.POST or None, language=request.LANGUAGE_CODE)
    tier = form_written(
        request,
        form,
        lambda: services.tier_add(campaign=campaign, recorder=request.user, **form.tier()),
    )
    if tier is None:
        context = {"form": form, "campaign": campaign}
        return render(request, "contributions/tier_form.html", context)
    messages.success(request, _("The counterpart is offered on the campaign's page."))
    return redirect("contributions:campaign", slug=campaign.slug)


urlpatterns = [
    path("rounds/new/", round_new, name="round_new"),
    path("rounds/<slug:slug>/edit/", round_edit, name="round_edit"),
    path("rounds/<slug:slug>/open/", round_open, name="round_open"),
    path("rounds/<slug:slug>/projects/", round_project_add, name="round_project_add"),
    path("campaigns/new/", campaign_new, name="campaign_new"),
    path("campaigns/<slug:slug>/edit/", campaign_edit, name="campaign_edit"),
    path("campaigns/<slug:slug>/open/", campaign_open, name="campaign_open"),
    path("campaigns/<slug:slug>/tiers/new/", campaign_tier_add, name="campaign_tier_add"),
]
