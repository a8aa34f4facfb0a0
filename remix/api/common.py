"""What every app's API shares: the error shape's schema, the public read, the bounded pages of
every list, and the parameter types of money (decimal strings, never JSON numbers), of the few
plain numbers (finite and bounded) and of safe retries (``Idempotency-Key``)."""

import contextlib
import datetime
import hashlib
import json
import re
from collections.abc import Callable
from http.client import responses
from typing import Annotated, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Header, NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from remix.api.auth import token_auth
from remix.core.audit import audit_record
from remix.core.dates import date_in_window, date_window
from remix.core.models import AuditEvent
from remix.core.pagecache import data_cached


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


# --- lists: every page bounded -------------------------------------------------------------------

# Past this many rows a client filters rather than pages; a number the database cannot hold
# (2**63) is refused with the 422 of any bad parameter, never met by the database.
MAX_OFFSET = 1_000_000


class Rows:
    """A list's queryset and how its rows are written: the page is cut in the database first,
    then only the page's rows are written, either one by one (``write``, which reads what the
    queryset selected and prefetched and makes no query of its own) or all together
    (``write_page``, given the cut queryset: it reads the page as plain rows and their links in a
    fixed number of queries).

    ``domains`` names the data versions the rows depend on (``core/pagecache.py``): the list's
    count, which reads every matching row, is then counted once per version of that data and
    per query, like the catalogue page's, instead of on every page."""

    def __init__(
        self,
        queryset: QuerySet,
        write: Callable[[Any], Any] | None = None,
        *,
        write_page: Callable[[QuerySet], list] | None = None,
        domains: tuple[str, ...] = (),
    ):
        if (write is None) == (write_page is None):
            raise TypeError("Rows writes with write or with write_page, one of them.")
        self.queryset = queryset
        self.write_page = write_page or (lambda rows: [write(row) for row in rows])
        self.domains = domains

    def page(self, offset: int, limit: int) -> list:
        return self.write_page(self.queryset[offset : offset + limit])

    def count(self) -> int:
        counted = self.queryset.order_by()
        if not self.domains:
            return counted.count()
        try:
            sql, params = counted.query.sql_with_params()
        except EmptyResultSet:  # a filter nothing can match: counted without a query
            return counted.count()
        query = hashlib.sha256(repr((counted.db, sql, params)).encode()).hexdigest()
        return data_cached(self.domains, f"api:count:{query}", counted.count)


class Page(LimitOffsetPagination):
    """``limit`` (1 to NINJA_PAGINATION_MAX_LIMIT) and ``offset`` (0 to MAX_OFFSET).

    A list returns a queryset (its schema writes each row) or ``Rows``: the page is always cut
    by the database, so a page costs the same whatever the table's length. A list already in
    Python is refused: it would have read and written every row to show a few."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def paginate_queryset(self, queryset, pagination, request, **params):
        rows = queryset if isinstance(queryset, Rows) else Rows(queryset, lambda row: row)
        if not isinstance(rows.queryset, QuerySet):
            raise TypeError(
                f"A list pages a queryset, not a {type(rows.queryset).__name__}: "
                "return the queryset, or Rows(queryset, write) to write each row of the page."
            )
        limit = min(pagination.limit, self.max_limit)
        return {"items": rows.page(pagination.offset, limit), "count": rows.count()}


# --- what a write names: refused on its field, in the reader's language --------------------------


def refused(field: str, message: str) -> DjangoValidationError:
    """A refusal of one field of the request, answered as the 422 of any bad parameter."""
    return DjangoValidationError({field: message}, code="invalid")


def amount_text(minor: int | None, commodity: str) -> str | None:
    """Minor units as the API writes amounts: a decimal string (`12.50`), never a JSON number."""
    from remix.core.money import from_minor

    return None if minor is None else format(from_minor(minor, commodity), "f")


def fund_by_slug(slug: str, field: str = "fund"):
    from remix.ledger.models import Fund

    fund = Fund.objects.filter(slug=slug).first()
    if fund is None:
        raise refused(field, _("Unknown fund: %(slug)s.") % {"slug": slug})
    return fund


def actor_by_slug(slug: str, field: str):
    """An actor of the network a write names (a funder, a counterparty) by its slug."""
    from remix.allies.models import Actor

    actor = Actor.objects.filter(slug=slug).first()
    if actor is None:
        raise refused(field, _("Unknown actor: %(slug)s.") % {"slug": slug})
    return actor


def member_by_username(username: str, field: str = "user"):
    """A person a write names (a giver, an application's owner): an active member, who may
    contribute; anyone else reads as unknown."""
    from django.contrib.auth import get_user_model

    from remix.core.permissions import can_contribute

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None or not can_contribute(user):
        raise refused(field, _("Unknown member: %(username)s.") % {"username": username})
    return user


def objects_named(model, field: str, values: list, key: str) -> list:
    """The objects a write names by ``key`` (their slugs, codes, ids), every one of them: an
    unknown one is refused on ``field``, all the unknown ones said."""
    found = list(model.objects.filter(**{f"{key}__in": values}))
    if len(found) != len(set(values)):
        missing = set(values) - {getattr(row, key) for row in found}
        raise refused(field, _("Unknown: %(names)s.") % {"names": ", ".join(map(str, missing))})
    return found


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


def _in_window(day: datetime.date) -> datetime.date:
    if not date_in_window(day):
        first, last = date_window()
        raise PydanticCustomError(
            "date_out_of_range",
            "A date from {first} to {last} is expected.",
            {"first": first.isoformat(), "last": last.isoformat()},
        )
    return day


WindowDate = Annotated[
    datetime.date,
    AfterValidator(_in_window),
    Field(description="A day (YYYY-MM-DD) inside the dates the platform accepts."),
]

# A plain JSON number (coordinates): never NaN nor infinite; each endpoint says its bounds, all
# the refused fields of a request together.
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=128,
        description="Makes a retry safe: a repeat with the same key writes nothing more.",
    ),
]


# A keyed write records the key and the digest of its body, in the write's own transaction.
RETRY_ACTION = "api.idempotency_key.recorded"


def _body_digest(request) -> str:
    """The request as a program means it: its address and its body, the same JSON with other
    spacing or key order being the same body (a key sent to another campaign is another
    request)."""
    body = request.body
    with contextlib.suppress(ValueError):
        body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + body).hexdigest()


def retry_key_of(request, raw: str | None) -> str | None:
    """The header's key made the caller's own: two users sending the same key never meet."""
    return f"api:{request.auth.pk}:{raw}" if raw else None


def retry_refused() -> DjangoValidationError:
    """A key already used with another body (422): a retry repeats its request, it does not
    change it."""
    return DjangoValidationError(
        {
            "Idempotency-Key": DjangoValidationError(
                _(
                    "This Idempotency-Key was already used with another request body: "
                    "send the same body again, or a new key."
                ),
                code="idempotency_key_reused",
            )
        }
    )


def retry_key(request, raw: str | None) -> str | None:
    """The caller's key (``retry_key_of``); one already used with another body is refused."""
    key = retry_key_of(request, raw)
    if key is None:
        return None
    recorded = (
        AuditEvent.objects.filter(action=RETRY_ACTION, data__key=key)
        .values_list("data", flat=True)
        .first()
    )
    if recorded is not None and recorded.get("sha256") != _body_digest(request):
        raise retry_refused()
    return key


def retry_record(request, key: str | None, obj) -> None:
    """After a keyed write, inside its transaction: the key and its body's digest."""
    if key:
        audit_record(
            action=RETRY_ACTION,
            recorder=request.auth,
            obj=obj,
            data={"key": key, "sha256": _body_digest(request)},
        )
