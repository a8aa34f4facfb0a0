"""Paying a pledge online: the giver is sent to a provider's checkout and comes back.

Both views serve every provider in ``providers.PROVIDERS``. The start (POST, the pledge's giver
only) asks the provider for a checkout and answers 303 to it. The return asks the provider's API,
never the return address's query alone, whether the pledge's checkout is paid; a payment it
confirms is recorded through ``providers.event_record`` under the payment's own id, so the
webhook that brings the same payment later records nothing more.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from remix.contributions import providers
from remix.contributions.models import Pledge
from remix.contributions.views.giving import _pledge_for


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _giver_pledge(request, reference: str) -> Pledge:
    """The pledge, for its giver only: a treasurer who may read it may not pay it as them."""
    pledge = _pledge_for(request, reference)
    if pledge.user_id != request.user.pk:
        raise PermissionDenied
    return pledge


def _pledge_url(pledge: Pledge) -> str:
    return reverse("contributions:pledge", kwargs={"reference": pledge.reference.replace(" ", "")})


@login_required
@require_POST
def checkout_start(request, reference: str, provider: str):
    pledge = _giver_pledge(request, reference)
    adapter = providers.webhook_provider(provider)
    if adapter is None or adapter not in providers.checkouts_for(pledge):
        raise Http404
    back = reverse(
        "contributions:checkout_return",
        kwargs={"reference": pledge.reference.replace(" ", ""), "provider": adapter.name},
    )
    return_url = request.build_absolute_uri(back)
    try:
        url = adapter.checkout_start(
            pledge, return_url=return_url, cancel_url=f"{return_url}?cancelled=1"
        )
    except providers.CheckoutFailed as failed:
        messages.error(request, failed.message)
        return _see_other(_pledge_url(pledge))
    return _see_other(url)


@login_required
@require_GET
def checkout_return(request, reference: str, provider: str):
    pledge = _giver_pledge(request, reference)
    adapter = providers.webhook_provider(provider)
    if adapter is None:
        raise Http404
    if request.GET.get("cancelled"):
        messages.info(
            request,
            _("The online payment was cancelled: nothing was paid, and your pledge stands."),
        )
        return _see_other(_pledge_url(pledge))
    try:
        event = adapter.return_read(pledge, request.GET)
    except providers.CheckoutFailed:
        event = None  # the webhook still brings the payment; the giver is told it is awaited
    outcome = providers.event_record(event=event) if event is not None else None
    if outcome is not None and outcome.contribution is not None:
        messages.success(request, _("Payment received, thank you: it is in the books."))
    else:
        messages.info(
            request,
            _(
                "Your payment is being confirmed: it shows here as soon as the provider tells "
                "us, within minutes for a card, a few days for a direct debit."
            ),
        )
    return _see_other(_pledge_url(pledge))


urlpatterns = [
    path("pledges/<str:reference>/pay/<str:provider>/", checkout_start, name="checkout_start"),
    path("pledges/<str:reference>/paid/<str:provider>/", checkout_return, name="checkout_return"),
]
