"""Crowdfunding campaigns: the list, a campaign's page with its pledge form, its updates, and
its close by a treasurer once the deadline has passed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.contributions import selectors, services
from remix.contributions.forms import CampaignPledgeForm, CampaignUpdateForm
from remix.contributions.models import Campaign, CampaignRule, CampaignStatus, Frequency
from remix.contributions.services import Giver
from remix.core.formats import format_money
from remix.core.forms import form_written
from remix.core.i18ntext import text_for
from remix.core.permissions import can_contribute, can_keep_books, role_required

WALL_SHOWN = 50


def campaigns(request):
    today = timezone.localdate()
    rows = [
        (campaign, selectors.campaign_progress(campaign=campaign, today=today))
        for campaign in selectors.campaign_open_first(
            selectors.campaigns_with_pledges_counted(selectors.campaigns_public()).prefetch_related(
                "stretch_goals"
            )
        )
    ]
    return render(
        request,
        "contributions/campaigns.html",
        {"campaigns": rows, "keeps_books": can_keep_books(request.user)},
    )


def _campaign_page(request, campaign: Campaign, form: CampaignPledgeForm):
    today = timezone.localdate()
    return render(
        request,
        "contributions/campaign.html",
        {
            "campaign": campaign,
            "description": text_for(campaign.description),
            "progress": selectors.campaign_progress(campaign=campaign, today=today),
            "tiers": form.tiers,
            "updates": campaign.updates.all(),
            "wall": selectors.wall(campaign=campaign, limit=WALL_SHOWN),
            "form": form,
            "takes_pledges": campaign.is_open and campaign.opens <= today <= campaign.deadline,
            "not_yet_open": today < campaign.opens,
            "tiers_addable": campaign.status == CampaignStatus.OPEN and today <= campaign.deadline,
            "closable": campaign.status in (CampaignStatus.OPEN, CampaignStatus.CLOSING)
            and today > campaign.deadline,
        },
    )


def _campaign(slug: str) -> Campaign:
    return get_object_or_404(selectors.campaigns_public(), slug=slug)


def campaign(request, slug):
    found = _campaign(slug)
    return _campaign_page(request, found, CampaignPledgeForm(campaign=found))


@require_POST
def campaign_pledge(request, slug):
    found = _campaign(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("contributions:campaign", kwargs={"slug": found.slug}))
    if not can_contribute(request.user):
        raise PermissionDenied
    form = CampaignPledgeForm(request.POST, campaign=found)
    if form.is_valid() and not form.repeat_asked(user=request.user):
        data = form.cleaned_data
        try:
            pledge, _created = services.pledge_create(
                fund=found.fund,
                amount=data["amount"],
                commodity=found.commodity,
                frequency=Frequency.ONCE,
                visibility=data["visibility"],
                giver=Giver(user=request.user),
                campaign=found,
                tier=data["tier_obj"],
                idempotency_key=form.idempotency_key(request.user),
                recorder=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _pledged_message(found, pledge))
            return redirect("contributions:campaign", slug=found.slug)
    return _campaign_page(request, found, form)


def _pledged_message(campaign: Campaign, pledge) -> str:
    amount = format_money(pledge.amount_minor, pledge.commodity)
    if campaign.rule == CampaignRule.ALL_OR_NOTHING:
        return _(
            "Thank you: your pledge of %(amount)s is recorded. You pay only if the goal is "
            "reached; your pledges are under “My contributions”."
        ) % {"amount": amount}
    return _(
        "Thank you: your pledge of %(amount)s is recorded; you pay once the campaign closes. "
        "Your pledges are under “My contributions”."
    ) % {"amount": amount}


@role_required(can_keep_books)
def campaign_update(request, slug):
    found = _campaign(slug)
    form = CampaignUpdateForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})

    def write():
        language = form.cleaned_data["language"]
        return services.campaign_update_post(
            campaign=found,
            title={language: form.cleaned_data["title"]},
            body={language: form.cleaned_data["body"]},
            recorder=request.user,
        )

    if form_written(request, form, write) is None:
        context = {"campaign": found, "form": form}
        return render(request, "contributions/campaign_update.html", context)
    messages.success(request, _("The update is published on the campaign's page."))
    return redirect("contributions:campaign", slug=found.slug)


@require_POST
@role_required(can_keep_books)
def campaign_close(request, slug):
    found = _campaign(slug)
    try:
        closed = services.campaign_close(campaign=found, recorder=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is closed: %(status)s.")
            % {"title": closed.label, "status": closed.get_status_display()},
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("contributions:campaign", slug=found.slug)


urlpatterns = [
    path("campaigns/", campaigns, name="campaigns"),
    path("campaigns/<slug:slug>/", campaign, name="campaign"),
    path("campaigns/<slug:slug>/pledge/", campaign_pledge, name="campaign_pledge"),
    path("campaigns/<slug:slug>/updates/new/", campaign_update, name="campaign_update"),
    path("campaigns/<slug:slug>/close/", campaign_close, name="campaign_close"),
]
