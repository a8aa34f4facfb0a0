"""A table's rows read for the bundle: the values as the database driver gives them, each column
converted by Django's own converters, then made JSON-ready (``entities.encoder``), a batch at a
time.

The same values as ``values_list().iterator()`` followed by ``entities.encode``, with less done
per value: a column whose rows share a few values (dates, flags) converts each distinct
value once, and an instant SQLite gives as a naive UTC ``datetime`` is written straight as its ISO
form with ``+00:00``, the text its aware form would give.
"""

import datetime

from django.db.models.sql.constants import MULTI

from remix.core.bulk import values_memoized
from remix.portability import entities

# Columns whose rows share a few values: converted once per distinct value. Not text nor JSON
# documents (distinct, and too large to keep), nor decimals (1.0 and 1.00 are one key).
_FEW_VALUES = {"BooleanField", "DateField", "DurationField", "TimeField"}


def rows_batches(query, fields: list, size: int):
    """The rows of ``query`` (a ``values_list`` of ``fields``' attnames, in that order), a list of
    JSON-ready dicts at a time, streamed."""
    names = [field.attname for field in fields]
    if query.query.annotation_select or query._fields != tuple(names):
        yield from _batches_converted(query, fields, size)  # columns not in the SQL's order
        return
    compiler = query.query.get_compiler(using=query.db)
    chunks = compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=size)
    selected = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(selected)
    readers = [
        _reader(field, *converters.get(index, ((), None)), compiler.connection)
        for index, field in enumerate(fields)
    ]
    columns = list(zip(names, readers, strict=True))
    batch = []
    for chunk in chunks:
        for values in chunk:
            batch.append(
                {
                    name: value if read is None else read(value)
                    for (name, read), value in zip(columns, values, strict=True)
                }
            )
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _reader(field, convert: list, expression, connection):
    """How one column's driver value becomes its JSON-ready value (None: as it is)."""
    encode = entities.encoder(field)
    if not convert and encode is None:
        return None

    def read(value):
        for converter in convert:
            value = converter(value, expression, connection)
        return value if encode is None else encode(value)

    if field.get_internal_type() == "DateTimeField" and _naive_utc(connection):
        return _instant_reader(read)
    if field.get_internal_type() in _FEW_VALUES:
        return values_memoized(read)
    return read


def _naive_utc(connection) -> bool:
    from django.conf import settings

    return connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone_name == "UTC"


def _instant_reader(read):
    """SQLite's instants come as naive ``datetime`` in UTC: their ISO form and ``+00:00``."""

    def instant(value):
        if type(value) is datetime.datetime and value.tzinfo is None:
            return value.isoformat() + "+00:00"
        return read(value)

    return instant


def _batches_converted(query, fields: list, size: int):
    columns = [(field.attname, entities.encoder(field)) for field in fields]
    batch = []
    for values in query.iterator(chunk_size=size):
        batch.append(
            {
                name: value if encode is None else encode(value)
                for (name, encode), value in zip(columns, values, strict=True)
            }
        )
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
