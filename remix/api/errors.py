"""One stable error shape for every API failure, with a translated message.

{"error": {"code": "validation_error", "message": "…", "fields": [{"field", "code", "reason"}]}}
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

# The reasons people meet most often, translated; others keep pydantic's English text.
REASONS = {
    "missing": gettext_lazy("This field is required."),
    "string_too_long": gettext_lazy("This text is too long."),
    "string_too_short": gettext_lazy("This text is too short."),
    "string_type": gettext_lazy("A text is expected."),
    "int_parsing": gettext_lazy("A whole number is expected."),
    "int_type": gettext_lazy("A whole number is expected."),
    "decimal_parsing": gettext_lazy("A number is expected."),
    "enum": gettext_lazy("This value is not one of the allowed choices."),
    "literal_error": gettext_lazy("This value is not one of the allowed choices."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
    "date_from_datetime_parsing": gettext_lazy("A date is expected (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("A date is expected (YYYY-MM-DD)."),
    "value_error": gettext_lazy("This value is not valid."),
    "date_out_of_range": gettext_lazy("This date is outside the dates the platform accepts."),
    "less_than_equal": gettext_lazy("This number is too large."),
    "greater_than_equal": gettext_lazy("This number is too small."),
    "less_than": gettext_lazy("This number is too large."),
    "greater_than": gettext_lazy("This number is too small."),
    "finite_number": gettext_lazy("A finite number is expected."),
    "float_parsing": gettext_lazy("A number is expected."),
    "float_type": gettext_lazy("A number is expected."),
}


class SecondFactorNeeded(AuthenticationError):
    """A treasurer's or steward's token, refused until its owner sets up a second factor."""


def error_body(code: str, message: str, fields: list | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or []}}


def _field_name(loc) -> str:
    parts = [str(part) for part in loc]
    # ninja prefixes the source ("body", "query", "path") and the parameter name: keep the rest.
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form", "file"}:
        parts = parts[1:]
        if len(parts) > 1 and parts[0] in {"payload", "data", "body"}:
            parts = parts[1:]
    return ".".join(parts) or "body"


def _schema_fields(exc: ValidationError) -> list[dict]:
    """What pydantic refused, one entry per field, with the reason in the reader's language."""
    return [
        {
            "field": _field_name(err.get("loc", ())),
            "code": err.get("type", "invalid"),
            "reason": str(REASONS.get(err.get("type"), err.get("msg", ""))),
        }
        for err in exc.errors
    ]


def _rule_fields(exc: DjangoValidationError) -> list[dict]:
    """What a service refused (a model rule or a domain rule), one entry per message."""
    if hasattr(exc, "error_dict"):
        return [
            {
                "field": "" if name == "__all__" else name,
                "code": error.code or "invalid",
                "reason": " ".join(error.messages),
            }
            for name, errors in exc.error_dict.items()
            for error in errors
        ]
    return [
        {
            "field": "",
            "code": error.code or "invalid",
            "reason": error.message % (error.params or {}),
        }
        for error in exc.error_list
    ]


def _http_error_body(exc: HttpError) -> dict:
    if exc.status_code == 400:  # ninja's one 400: a body it cannot parse (not JSON, not UTF-8)
        return error_body("invalid_body", REASONS["json_invalid"])
    return error_body("error", str(exc.message))


def _answers() -> list[tuple[tuple[type[Exception], ...], int, bool, object]]:
    """Each kind of failure: the exceptions, the status, whether a Bearer challenge goes with it,
    and the body made from the exception (messages translated when the answer is built)."""

    def invalid(exc):
        return error_body("validation_error", _("The request is not valid."), _schema_fields(exc))

    def refused(exc):
        return error_body("validation_error", _("The request is not valid."), _rule_fields(exc))

    def unauthenticated(exc):
        return error_body(
            "unauthenticated", _("An API token is needed: send “Authorization: Bearer …”.")
        )

    def second_factor_needed(exc):
        return error_body(
            "second_factor_required",
            _(
                "Treasurers and stewards must set up two-factor authentication (on their "
                "profile page) before their API tokens work."
            ),
        )

    def forbidden(exc):
        return error_body("forbidden", _("You are not allowed to do this."))

    def not_found(exc):
        return error_body("not_found", _("Nothing here."))

    return [
        ((ValidationError,), 422, False, invalid),
        ((DjangoValidationError,), 422, False, refused),
        ((AuthenticationError,), 401, True, unauthenticated),
        ((SecondFactorNeeded,), 401, True, second_factor_needed),
        ((AuthorizationError, PermissionDenied), 403, False, forbidden),
        ((Http404,), 404, False, not_found),
    ]


def install(api: NinjaAPI) -> None:
    """Every failure answers in the one error shape above."""

    def handler(status: int, challenge: bool, body_of):
        def answer(request, exc):
            response = api.create_response(request, body_of(exc), status=status)
            if challenge:
                response["WWW-Authenticate"] = "Bearer"
            return response

        return answer

    for exceptions, status, challenge, body_of in _answers():
        for exception in exceptions:
            api.add_exception_handler(exception, handler(status, challenge, body_of))

    def http_error(request, exc):
        return api.create_response(request, _http_error_body(exc), status=exc.status_code)

    api.add_exception_handler(HttpError, http_error)
