"""What every app's API shares: the error shape's schema, the public read, and the parameter types
of money (decimal strings, never JSON numbers) and of safe retries (``Idempotency-Key``)."""

import re
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from ninja import Field, Header, Schema
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
