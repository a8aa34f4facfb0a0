"""Builders for the bundle tests: an instance emptied in place, a bundle rewritten with a change."""

import json
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from remix.portability import archive


def instance_wipe_bare() -> None:
    """Every table emptied, the seeded rows too."""
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # pending checks would block TRUNCATE
        for statement in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()


def instance_wipe() -> None:
    """The instance brought back to what `migrate` leaves, as `flush` does: every table emptied
    (TRUNCATE on PostgreSQL, where row triggers do not fire; DELETE on SQLite, whose ledger guards
    leave deletes to the model), then the rows the post-migrate handlers seed written again."""
    instance_wipe_bare()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def bundle_rewrite(source, target, change) -> None:
    """``target``: ``source`` with each entry passed through ``change(name, data)``, which
    returns the new bytes, or None to leave the entry out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(archive.entry_info(name), data)


def manifest_of(path) -> dict:
    with zipfile.ZipFile(path) as bundle:
        return json.loads(bundle.read(archive.MANIFEST))
