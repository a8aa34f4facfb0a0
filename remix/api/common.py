"""What every app's API shares: the error shape's schema, the public read, and the parameter types
of money (decimal strings, never JSON numbers) and of safe retries (``Idempotency-Key``)."""

import re
from http.client import responses
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from ninja import Field, Header, NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from remix.api.auth import token_auth


def anonymous(request):
    """Reads need no token; a token may show more (a treasurer's, a member's)."""
    return AnonymousUser()


READ = [token_auth, anonymous]


# --- errors: the shape ``remix.api.errors`` answers with ----------------------------------------


class ErrorField(Schema):
    field: str
    code: str
    reason: str


class ErrorDetail(Schema):
    code: str
    message: str
    fields: list[ErrorField]


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def error_answers(operation) -> set[int]:
    """The error answers an operation gives, read from how it is declared; the schema lists them
    all (an operation declares more in its ``response``, e.g. 409):

    - 400 when it reads a body: one that is not JSON cannot be read at all;
    - 422 when it takes any parameter or body: a wrong one is refused, as is a write a rule refuses;
    - 404 when its path names something (``{id}``) that may not exist or not be visible;
    - 401 and 403 when it needs a token: none or an unknown one (401), or a token whose holder
      may not do this (403). Reads that a visitor may make never answer 401.
    """
    answers = set()
    sources = {model.__ninja_param_source__ for model in operation.models}
    if sources & {"body", "form", "file"}:
        answers.add(400)
    if sources:
        answers.add(422)
    if "{" in operation.path:
        answers.add(404)
    callbacks = operation.auth_callbacks
    if callbacks and anonymous not in callbacks:
        answers |= {401, 403}
    return answers


class _Schema(OpenAPISchema):
    def responses(self, operation) -> dict:
        declared = super().responses(operation)
        for status in error_answers(operation) - set(declared):
            # ninja wraps a response model in one field, and unwraps it here: a $ref to ErrorOut.
            schema = self._create_schema_from_model(
                operation._create_response_model(ErrorOut),
                by_alias=operation.by_alias,
                mode="serialization",
            )[0]
            declared[status] = {
                "description": responses[status],
                "content": {self.api.renderer.media_type: {"schema": schema}},
            }
        return dict(sorted(declared.items()))


class RemixAPI(NinjaAPI):
    """NinjaAPI whose schema declares every operation's error answers (``error_answers``)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return _Schema(self, path_prefix)


# --- parameters ----------------------------------------------------------------------------------

# Amounts are above zero: no sign.
AMOUNT = re.compile(r"^[0-9]{1,15}(\.[0-9]{1,6})?$")
SHARE = re.compile(r"^[0-9](\.[0-9]{1,4})?$")


def _decimal_text(value: str) -> str:
    if not AMOUNT.fullmatch(value):
        raise PydanticCustomError("decimal_parsing", "A decimal string is expected, e.g. 12.50.")
    return value


def _share_text(value: str) -> str:
    if not SHARE.fullmatch(value):
        raise PydanticCustomError("decimal_parsing", "A decimal string is expected, e.g. 0.25.")
    return value


DecimalText = Annotated[
    str,
    AfterValidator(_decimal_text),
    Field(
        description="A decimal string above zero, never a JSON number: `12.50`.",
        examples=["12.50"],
        json_schema_extra={"pattern": AMOUNT.pattern},
    ),
]

ShareText = Annotated[
    str,
    AfterValidator(_share_text),
    Field(
        description="A share as a decimal string: `0.25` is 25 %.",
        examples=["0.25"],
        json_schema_extra={"pattern": SHARE.pattern},
    ),
]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=128,
        description="Makes a retry safe: a repeat with the same key writes nothing more.",
    ),
]


def retry_key(request, raw: str | None) -> str | None:
    """Keys are the caller's own: two users sending the same key never meet."""
    return f"api:{request.auth.pk}:{raw}" if raw else None
