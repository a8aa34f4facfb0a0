from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.dates import QueryError
from remix.web.areas import AREAS, AREAS_BY_SLUG


def home(request):
    from remix.catalogue.selectors.documents import documents_newest

    return render(
        request,
        "web/home.html",
        {
            "areas": AREAS,
            "headline": _headline(),
            "latest_documents": documents_newest(limit=6),
        },
    )


def _headline():
    """The platform's money headline for this month, from the ledger's report cached per version
    of the books: a visit costs a cache read. None before the platform's fund exists or while
    the month has no need recorded."""
    from remix.ledger import maths, selectors
    from remix.ledger.models import Fund

    period = maths.period_of("month", timezone.localdate())
    try:
        headline = selectors.money_headline(fund=selectors.platform_fund(), period=period)
    except Fund.DoesNotExist:
        return None
    return headline if headline.needs else None


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


def bad_request(request, exception=None):
    """A request the site cannot read: a bad date in the address (``QueryError``, whose message
    says what is wrong in the reader's language), or a body larger than the site takes."""
    too_large = isinstance(exception, RequestDataTooBig)
    if too_large:
        message = _("The request is too large: at most %(size)s bytes.") % {
            "size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
    elif isinstance(exception, QueryError):
        message = str(exception)
    else:
        message = _("The request cannot be read.")
    status = 413 if too_large else 400
    if _wants_json(request):
        code = "too_large" if too_large else "bad_request"
        return JsonResponse(
            {"error": {"code": code, "message": message, "fields": []}}, status=status
        )
    return render(request, "400.html", {"message": message}, status=status)


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
