"""Too large a request body is refused from its ``Content-Length``, before any of it is read.

Each view accepts up to ``REMIX_UPLOAD_MAX_BYTES``; a view marked ``@upload_limit("SETTING")``
(the catalogue's media, up to ``CATALOGUE_MEDIA_MAX_BYTES``) up to that setting instead. The
middleware sits before ``CsrfViewMiddleware``, whose check is the first to read the body.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def upload_limit(setting: str):
    """A view decorator: this view takes bodies up to ``settings.<setting>`` bytes."""

    def decorator(view):
        view.upload_limit_setting = setting
        return view

    return decorator


def body_limit(view) -> int:
    return int(getattr(settings, getattr(view, "upload_limit_setting", "REMIX_UPLOAD_MAX_BYTES")))


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        limit = body_limit(view)
        size = _declared_length(request)
        if size <= limit:
            return None
        message = _("The file is %(size)s; the limit is %(limit)s.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(limit),
        }
        if request.path_info.startswith("/api/"):
            body = {"error": {"code": "too_large", "message": message, "fields": []}}
            return JsonResponse(body, status=413)
        return render(request, "413.html", {"message": message}, status=413)
