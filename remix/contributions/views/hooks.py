"""Payment providers' webhooks: ``POST /hooks/<provider>/``, no session, no CSRF token.

The request proves itself by the provider's signature instead. Answers, as providers expect
them: 404 for a provider that is unknown or not configured; 400 with the refusal's code when the
signature is missing, wrong, stale or the body unreadable (the provider retries, then reports
it), or when the provider's API denies what the request claims; 503 when that API could not be
asked (``unavailable``), so that the provider sends it again; 200 for everything verified,
recorded or not, since sending it again would change nothing — what could not be recorded is left
to a treasurer as an audit event.
"""

import time

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from remix.contributions import providers
from remix.contributions.webhooks import SignatureRefused


@csrf_exempt
@require_POST
def provider_hook(request, provider: str):
    adapter = providers.webhook_provider(provider)
    if adapter is None:
        raise Http404
    try:
        event = adapter.event_read(body=request.body, headers=request.headers, now=int(time.time()))
    except SignatureRefused as refused:
        # A check the provider's API could not answer is worth sending again later.
        status = 503 if refused.code == "unavailable" else 400
        return JsonResponse({"error": {"code": refused.code}}, status=status)
    if event is None:
        return JsonResponse({"status": "ignored"})
    outcome = providers.event_record(event=event)
    return JsonResponse({"status": outcome.status})
