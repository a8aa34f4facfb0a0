"""Rows inserted many at a time without building model objects, for batch jobs (a bank import's
thousands of drafts): ``bulk_create`` spends about 200 µs a row compiling each value of each
object into its SQL, several times what the database takes to store it; ``executemany`` of one
prepared statement spends nothing of the kind.

A plain ``INSERT``, so the database's constraints and triggers see every row as they see any
other. No model is built, no signal sent, no default filled: the caller names every field it
writes (the others take the column's default) and gives ``auto_now_add`` values itself.
"""

from collections.abc import Callable, Iterable, Sequence

from django.db import connections, router
from django.db.models import Model

# Fields whose Python value is already what the database driver takes.
_AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def rows_insert(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (each the values of ``fields``, in that order) into the model's table in
    one ``executemany``; how many rows were given. Values are adapted as the fields adapt them
    (a date for SQLite, a JSON document for PostgreSQL)."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    adapters = [_adapter(field, connection) for field in columns]
    # Only names from the model's own definition, quoted, enter the statement; values are
    # parameters.
    table = quote(meta.db_table)
    names = ", ".join(quote(field.column) for field in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    params = [_adapted(row, adapters) for row in rows]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def _adapted(row: Sequence, adapters: list[Callable | None]) -> tuple:
    return tuple(
        value if adapt is None else adapt(value) for adapt, value in zip(adapters, row, strict=True)
    )


def _adapter(field, connection) -> Callable | None:
    """How a field's values reach the driver: as they are, or adapted by the field, once per
    distinct value."""
    if field.get_internal_type() in _AS_IS:
        return None
    return values_memoized(lambda value: field.get_db_prep_save(value, connection))


def values_memoized(convert: Callable, *, most: int = 4096) -> Callable:
    """``convert``, computed once per distinct value (a column's rows share a few hundred dates
    and one instant); an unhashable value (a JSON document) is converted each time. Past ``most``
    values remembered, the memory starts again empty: a column of distinct instants stays flat."""
    seen: dict = {}

    def once(value):
        try:
            return seen[value]
        except KeyError:
            if len(seen) >= most:
                seen.clear()
            converted = seen[value] = convert(value)
            return converted
        except TypeError:
            return convert(value)

    return once
