"""A table's rows read for the bundle: the values as the database driver gives them, each column
converted by Django's own converters, then made JSON-ready (``entities.encode``), a batch of rows
at a time, column by column.

The same values as ``values_list().iterator()`` followed by ``entities.encode``, with less done
per value: each column of a batch is converted as a whole (``map`` over the column, one call per
converter, not a Python loop per value), a column whose values are all of one type that has a
direct text form (dates, decimals, UUIDs, instants) is written by that form's own method, and an
instant SQLite gives as a naive UTC ``datetime`` is written straight as its ISO form with
``+00:00``, the text its aware form would give.
"""

import datetime
import decimal
import operator
import uuid
from itertools import repeat

from django.db.models.sql.constants import MULTI

from remix.portability import entities

_UTC = operator.methodcaller("astimezone", datetime.UTC)
_TZINFO = operator.attrgetter("tzinfo")
# Types that are their own JSON form.
_AS_IS = {bool, dict, float, int, list, str}
# Types whose JSON form (``entities.encode``) is one method of the value.
_DIRECT = {
    datetime.date: datetime.date.isoformat,
    datetime.time: datetime.time.isoformat,
    decimal.Decimal: str,
    uuid.UUID: str,
}


def columns_batches(query, fields: list, size: int):
    """The rows of ``query`` (a ``values_list`` of ``fields``' attnames, in that order), ``size``
    rows at a time, streamed: for each batch, one list per field of its JSON-ready values, in the
    rows' order."""
    names = [field.attname for field in fields]
    if query.query.annotation_select or query._fields != tuple(names):
        yield from _columns_converted(query, fields, size)  # columns not in the SQL's order
        return
    compiler = query.query.get_compiler(using=query.db)
    chunks = compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=size)
    selected = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(selected)
    readers = [
        _reader(field, *converters.get(index, ((), None)), compiler.connection)
        for index, field in enumerate(fields)
    ]
    for chunk in chunks:
        if chunk:
            yield _columns(chunk, readers)


def rows_of(columns: list, names: list[str]) -> list[dict]:
    """A batch's columns as one dict per row (the names in the columns' order)."""
    return list(map(dict, map(zip, repeat(names), zip(*columns, strict=True))))


def _columns(rows: list, readers: list) -> list:
    columns = list(zip(*rows, strict=True))
    return [
        column if read is None else read(column)
        for read, column in zip(readers, columns, strict=True)
    ]


def _reader(field, convert: list, expression, connection):
    """How one column of driver values becomes its JSON-ready values (None: as they are)."""
    encode = entities.encoder(field)
    if not convert and encode is None:
        return None
    converters = [(converter, repeat(expression), repeat(connection)) for converter in convert]
    kind = field.get_internal_type()

    def read(column):
        for converter, expressions, connections in converters:
            column = list(map(converter, column, expressions, connections))
        return column if encode is None else encoded(column)

    if kind == "DateTimeField" and _naive_utc(connection):
        return _instants(read)
    if kind == "BooleanField" and encode is None:
        return _booleans(read)
    if kind in ("DateField", "TimeField"):
        return _typed(read)
    return read


def encoded(column) -> list:
    """``entities.encode`` of each value of ``column``."""
    kinds = set(map(type, column))
    kinds.discard(type(None))
    if kinds.issubset(_AS_IS):
        return column
    if len(kinds) == 1:
        kind = kinds.pop()
        direct = _DIRECT.get(kind)
        if direct is not None:
            return _nulls_kept(direct, column)
        if kind is datetime.datetime and all(map(_TZINFO, filter(None, column))):
            return _nulls_kept(_iso_in_utc, column, many=True)
    return list(map(entities.encode, column))


def _iso_in_utc(values) -> list[str]:
    """Aware instants as the encoder writes them: in UTC, in ISO form."""
    return list(map(datetime.datetime.isoformat, map(_UTC, values)))


def _nulls_kept(convert, column, *, many: bool = False) -> list:
    """``convert`` of each value of ``column`` but the nulls, which stay null (``many``: it
    converts a list of values at once)."""
    if None not in column:
        return list(convert(column) if many else map(convert, column))
    present = [value for value in column if value is not None]
    done = iter(convert(present) if many else map(convert, present))
    return [None if value is None else next(done) for value in column]


def _typed(read):
    """Dates and times: the driver gives them as such (their converters leave them as they are),
    written by their own ISO method."""

    def typed(column):
        return encoded(column) if _only(column, (datetime.date, datetime.time)) else read(column)

    return typed


def _booleans(read):
    """Booleans the driver already gives as ``True`` and ``False`` are left as they are."""

    def booleans(column):
        return column if _only(column, (bool,)) else read(column)

    return booleans


def _only(column, kinds: tuple) -> bool:
    found = set(map(type, column))
    found.discard(type(None))
    return found.issubset(kinds)


def _naive_utc(connection) -> bool:
    from django.conf import settings

    return connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone_name == "UTC"


def _instants(read):
    """SQLite's instants come as naive ``datetime`` in UTC: their ISO form and ``+00:00``."""

    def iso_utc(values):
        return [text + "+00:00" for text in map(datetime.datetime.isoformat, values)]

    def instants(column):
        if _only(column, (datetime.datetime,)) and not any(map(_TZINFO, filter(None, column))):
            return _nulls_kept(iso_utc, column, many=True)
        return read(column)

    return instants


def _columns_converted(query, fields: list, size: int):
    """The plain path: Django's own iterator, then ``entities.encode`` per value."""
    encoders = [entities.encoder(field) for field in fields]
    batch = []
    for values in query.iterator(chunk_size=size):
        batch.append(values)
        if len(batch) >= size:
            yield _encoded_plainly(batch, encoders)
            batch = []
    if batch:
        yield _encoded_plainly(batch, encoders)


def _encoded_plainly(rows: list, encoders: list) -> list:
    return [
        list(column) if encode is None else [encode(value) for value in column]
        for encode, column in zip(encoders, zip(*rows, strict=True), strict=True)
    ]
