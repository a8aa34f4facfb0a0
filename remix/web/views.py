from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.web.areas import AREAS, AREAS_BY_SLUG


def home(request):
    from remix.catalogue.models import Document

    return render(
        request,
        "web/home.html",
        {
            "areas": AREAS,
            "month_budget": _month_budget(),
            "latest_documents": list(
                Document.objects.visible().only(
                    "slug", "title", "kind", "language", "date", "created_at"
                )[:6]
            ),
        },
    )


def _month_budget() -> dict | None:
    """This month's needs against resources in the platform's fund, for one line of the home.

    The report comes from the ledger's cache, kept per version of the books: a visit costs a
    cache read, and the line is never older than the last write to the books."""
    from remix.ledger import books, selectors
    from remix.ledger.models import Fund

    period = books.period_of("month", timezone.localdate())
    try:
        report = selectors.sustainability(fund=selectors.platform_fund(), period=period)
    except Fund.DoesNotExist:
        return None
    if not report.needs:
        return None
    return {
        "period": period.name,
        "currency": report.currency,
        "needs": report.needs,
        "resources": report.resources_monetary,
        "missing": max(report.needs - report.resources_monetary, 0),
    }


def area(request, slug: str):
    try:
        current = AREAS_BY_SLUG[slug]
    except KeyError:
        raise Http404(slug) from None
    if not current.is_placeholder:
        return HttpResponseRedirect(current.url)
    return render(request, "web/area.html", {"area": current})


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            {"error": {"code": "not_found", "message": _("Nothing here."), "fields": []}},
            status=404,
        )
    return render(request, "404.html", status=404)


def server_error(request):
    if _wants_json(request):
        return JsonResponse(
            {"error": {"code": "server_error", "message": _("Something went wrong on our side.")}},
            status=500,
        )
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            {
                "error": {
                    "code": "forbidden",
                    "message": _("You are not allowed to do this."),
                    "fields": [],
                }
            },
            status=403,
        )
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def favicon(request):
    return HttpResponseRedirect(static("remix/favicon.svg"))
