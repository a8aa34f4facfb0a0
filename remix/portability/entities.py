"""Which models a bundle carries, in which order, and how one row becomes JSON and back.

Every concrete model of every installed app is carried (many-to-many tables included), found by
the app registry at run time, except the few below that are derived from the others and built
again after an import.
"""

import base64
import datetime
import decimal
import json
import uuid
from itertools import repeat

from django.apps import apps
from django.db import models
from django.utils.duration import duration_iso_string

from remix.core.bulk import values_memoized

# Derived or ephemeral: rebuilt from the carried rows after an import, or meaningless elsewhere
# (a session is signed with the instance's secret key; a data version only names the instance's
# cached pages).
DERIVED = frozenset(
    {
        "catalogue.searchentry",
        "core.dataversion",
        "ledger.keptbalance",
        "ledger.keptsource",
        "ledger.keptcashout",
        "sessions.session",
    }
)
# Written by `migrate` on every instance (content types, permissions, the roles, the chart of
# accounts and the other rows its post-migrate handlers seed): an empty instance has them, and the
# import replaces them by the bundle's so that every reference keeps its id.
SEEDED = frozenset(
    {
        "allies.movement",
        "allies.networkstate",
        "auth.group",
        "auth.group_permissions",
        "auth.permission",
        "catalogue.family",
        "contenttypes.contenttype",
        "ledger.account",
        "ledger.booksstate",
        "ledger.fund",
    }
)
# Loaded after the rest: a closed period forbids posting inside it.
LAST = ("ledger.closedperiod",)


def label(model) -> str:
    return model._meta.label_lower


def carried_models() -> list:
    """The carried models, each after those it points to (ties by label), closed periods last."""
    found = {
        label(model): model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and label(model) not in DERIVED
    }
    ordered, seen = [], set()

    def visit(name: str, path: frozenset) -> None:
        if name in seen or name in path:
            return
        for field in found[name]._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target is not None and label(target) in found:
                visit(label(target), path | {name})
        seen.add(name)
        ordered.append(found[name])

    for name in sorted(found):
        if name not in LAST:
            visit(name, frozenset())
    ordered.extend(found[name] for name in LAST if name in found)
    return ordered


def fields_of(model) -> list:
    return list(model._meta.concrete_fields)


def encode(value):
    """A database value as JSON: exact decimals and instants as text, bytes as base64."""
    if value is None or isinstance(value, (bool, int, str, float)):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (dict, list)):
        return value
    if hasattr(value, "name"):  # a FieldFile: its stored name
        return value.name or ""
    raise TypeError(f"no bundle encoding for {type(value).__name__}")


def decode(field, value):
    """The Python value a field takes back from its JSON form."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    if isinstance(field, models.ForeignKey):
        return field.target_field.to_python(value)
    return field.to_python(value)


def encoder(field):
    """How one field's database values become JSON: None when they already are (numbers, text,
    booleans, documents, stored file names), otherwise ``encode``."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    return None if isinstance(target, _AS_JSON) else encode


# Fields whose JSON value is already their Python value (numbers, text, booleans, documents,
# stored file names): nothing to convert.
_AS_JSON = (
    models.BooleanField,
    models.CharField,
    models.FileField,
    models.FloatField,
    models.IntegerField,
    models.JSONField,
    models.TextField,
)


def decoder(field):
    """How one field's JSON values become Python values: None when they already are, otherwise a
    function that converts each distinct value once (a table's rows share a few hundred dates)."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, _AS_JSON):
        return None
    return values_memoized(lambda value: decode(field, value))


# One encoder for every line: ``json.dumps`` with options builds a new one at each call.
_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def json_line(row: dict) -> bytes:
    return (_JSON.encode(row) + "\n").encode("utf-8")


try:  # the C encoder ``_JSON.encode`` builds at each call, built once
    from json.encoder import c_make_encoder, encode_basestring

    _ROW = c_make_encoder(None, _JSON.default, encode_basestring, None, ":", ",", True, False, True)
except ImportError:  # an interpreter without the C accelerator
    _ROW = None


def json_lines(rows: list[dict]) -> bytes:
    """``json_line`` of each row, joined: the same bytes."""
    if _ROW is None or not rows:
        return b"".join(json_line(row) for row in rows)
    return ("\n".join(map("".join, map(_ROW, rows, repeat(0)))) + "\n").encode("utf-8")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return _JSON.encode(value) if _ROW is None else "".join(_ROW(value, 0))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_cells(field):
    """How one field's JSON-ready values become CSV cells: None when the csv module writes them
    as ``csv_cell`` would (text, numbers, nothing as an empty cell), otherwise ``csv_cell``."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, (models.BooleanField, models.JSONField)):
        return csv_cell
    return None
