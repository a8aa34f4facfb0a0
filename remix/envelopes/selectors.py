"""Every read of the contributive budget that the pages, the API and the demo share: envelopes
with their totals asked, one envelope with its requests, their versions and their threads."""

from django.db.models import Count, Prefetch, Sum, Value
from django.db.models.functions import Coalesce

from remix.envelopes import budget
from remix.envelopes.models import Comment, Envelope, Request, RequestVersion


def envelopes_list():
    """Every envelope, newest first, each with ``asked_minor`` (the total its requests ask) and
    ``requests_count``, read in the same query."""
    return (
        Envelope.objects.select_related("fund", "project_fund")
        .annotate(
            asked_minor=Coalesce(Sum("requests__asked_minor"), Value(0)),
            requests_count=Count("requests"),
        )
        .order_by("-created_at", "-pk")
    )


def envelope_requests(envelope_ids=None):
    """Requests with their versions and threads prefetched (three queries whatever their count)."""
    requests = Request.objects.select_related("envelope").prefetch_related(
        Prefetch("versions", RequestVersion.objects.order_by("number")),
        Prefetch("comments", Comment.objects.order_by("created_at", "pk")),
    )
    if envelope_ids is not None:
        requests = requests.filter(envelope_id__in=envelope_ids)
    return requests.order_by("created_at", "pk")


def envelope_detail():
    """The queryset one envelope is read from, with what its page shows beside it."""
    return Envelope.objects.select_related(
        "fund", "project_fund", "expense_account", "transaction", "closed_by"
    ).prefetch_related(Prefetch("requests", envelope_requests()))


def envelope_subscription(envelope: Envelope) -> budget.Subscription:
    """Total asked against the envelope (from the prefetched requests when there are)."""
    asked = getattr(envelope, "asked_minor", None)
    if asked is None:
        asked = sum(request.asked_minor for request in envelope.requests.all())
    return budget.Subscription(envelope.amount_minor, asked)


def envelope_preview(envelope: Envelope) -> list[tuple[Request, int]]:
    """What proportional reduction would grant each request, were the envelope closed now."""
    requests = list(envelope.requests.all())
    parts = budget.proportional(envelope.amount_minor, [r.asked_minor for r in requests])
    return list(zip(requests, parts, strict=True))
