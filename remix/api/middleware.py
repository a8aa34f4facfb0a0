import json

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from remix.core.dates import QueryError


class ApiLanguageMiddleware:
    """The API has no language prefix: its messages follow Accept-Language (French by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class NulCharacterMiddleware:
    """No text holds a NUL character: PostgreSQL cannot store one (SQLite would, and the two
    would disagree), and no person types one. The path, the query string and, on the API, every
    text of a JSON body are read here once, before any view: the API answers 422 naming the
    field, a page 400 with the site's error page (forms refuse NUL in what they are posted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith("/api/")
        field = _nul_field(request, body=api)
        if field is not None:
            if api:
                return _nul_refused(field)
            raise QueryError(
                _("“%(name)s” cannot hold a NUL character (U+0000).") % {"name": field}
            )
        return self.get_response(request)


def _nul_field(request, *, body: bool) -> str | None:
    if "\x00" in request.path_info:
        return "path"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "")
    if body and request.content_type == "application/json" and request.method != "GET":
        try:
            data = json.loads(request.body)
        except ValueError:
            return None  # the endpoint answers the bad JSON itself
        return _nul_in(data, ())
    return None


def _nul_in(value, path: tuple) -> str | None:
    if isinstance(value, str):
        return (".".join(path) or "body") if "\x00" in value else None
    if isinstance(value, dict):
        for key, inner in value.items():
            if "\x00" in key:
                return ".".join((*path, key.replace("\x00", ""))) or "body"
            found = _nul_in(inner, (*path, key))
            if found is not None:
                return found
    if isinstance(value, list):
        for index, inner in enumerate(value):
            found = _nul_in(inner, (*path, str(index)))
            if found is not None:
                return found
    return None


def _nul_refused(field: str) -> JsonResponse:
    from remix.api.errors import error_body

    reason = _("A text cannot hold a NUL character (U+0000).")
    body = error_body(
        "validation_error",
        _("The request is not valid."),
        [{"field": field, "code": "null_character", "reason": str(reason)}],
    )
    return JsonResponse(body, status=422)
