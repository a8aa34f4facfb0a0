"""`bundle_export`: every carried model's rows as JSON Lines and CSV, the media, the Beancount
ledger, the SKOS themes and a manifest, streamed into one deterministic zip.

`archive_export` is the writer itself, given which rows, texts and media go in: the full bundle
and the open-data dump (`remix.portability.opendata`) are two uses of it."""

import csv
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from remix.portability import archive, entities, reading

# Rows read, encoded and written at a time; with the spools' size, what memory holds at most,
# whatever the size of the tables.
ROWS_BATCH = 1000
SPOOL_BYTES = 1 << 20  # a CSV twin kept in memory up to this, on disk beyond
ENTITY_VERSION = 1


def schema_version() -> dict[str, str]:
    """The latest migration of each app, as the code knows it."""
    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
    return dict(sorted(leaves))


@dataclass(frozen=True)
class Table:
    """One entity's file: its fields, and the query that reads their values (by primary key)."""

    name: str
    fields: list
    query: object

    @property
    def columns(self) -> list[str]:
        return [field.attname for field in self.fields]


@dataclass(frozen=True)
class Contents:
    """What an archive holds: its format's name, the tables, the text files (path, writer of a
    text stream) and the media (entry path, file on disk), each in the order written."""

    format: str
    tables: Iterable[Table]
    texts: Iterable[tuple[str, Callable]]
    media: Iterable[tuple[str, Path]]


def bundle_export(path: Path, *, progress=None) -> dict:
    """Write the bundle to ``path`` (beside, then moved in place); its manifest.

    ``progress(rows)`` is called as rows are written."""
    return archive_export(path, bundle_contents(), progress=progress)


def bundle_contents() -> Contents:
    return Contents(
        format=archive.FORMAT,
        tables=[full_table(model) for model in entities.carried_models()],
        texts=[("ledger/books.beancount", _beancount), ("themes/themes.ttl", themes_write)],
        media=media_files(),
    )


def full_table(model) -> Table:
    fields = entities.fields_of(model)
    query = model._base_manager.order_by("pk").values_list(*(field.attname for field in fields))
    return Table(entities.label(model), fields, query)


def archive_export(path: Path, contents: Contents, *, progress=None) -> dict:
    """Write ``contents`` to ``path`` (beside, then moved in place); the manifest."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w") as bundle, _sorts_on_disk():
            manifest = _write_all(bundle, contents, progress or (lambda rows: None))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


@contextmanager
def _sorts_on_disk():
    """SQLite sorts what no index orders (a ``GROUP BY``, an ``ORDER BY`` on a join) in its
    temporary store, which the settings keep in memory: during an export, which reads every
    row, on disk, so that memory stays the same whatever the size of the tables. Not inside a
    transaction, where SQLite may refuse the change (nothing but memory depends on it)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA temp_store")
        (store,) = cursor.fetchone()
        cursor.execute("PRAGMA temp_store = FILE")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA temp_store = {int(store)}")


def bundle_export_recorded(path: Path, *, progress=None) -> dict:
    """``bundle_export``, then an audit event saying that everything left and where to (by a
    command: no recorder). Written once the bundle is whole, it is not in the bundle it tells of,
    so exporting, importing elsewhere and exporting again still gives the same bytes."""
    from remix.core.audit import audit_record

    manifest = bundle_export(path, progress=progress)
    data = [entry for entry in manifest["files"] if entry["path"].startswith("data/")]
    audit_record(
        action="portability.bundle.exported",
        data={
            "file": Path(path).name,
            "rows": sum(entry["rows"] for entry in data),
            "bytes": Path(path).stat().st_size,
        },
    )
    return manifest


def rows_total() -> int:
    return sum(model._default_manager.count() for model in entities.carried_models())


def _write_all(bundle, contents: Contents, progress) -> dict:
    files = []
    for table in contents.tables:
        files.extend(_entity_write(bundle, table, progress))
    for name, writer in contents.texts:
        files.append(_text_write(bundle, name, writer))
    for name, file in contents.media:
        with file.open("rb") as stream:
            entry = archive.entry_write(bundle, name, archive.file_chunks(stream))
        files.append(entry | {"version": 1})
    manifest = {
        "format": contents.format,
        "format_version": archive.FORMAT_VERSION,
        "schema": schema_version(),
        "files": files,
    }
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    archive.entry_write(bundle, archive.MANIFEST, [text.encode("utf-8")])
    return manifest


def _entity_batches(table: Table):
    """The table's rows in the order of their keys, a batch at a time: one list per column of
    its JSON-ready values."""
    return reading.columns_batches(table.query, table.fields, ROWS_BATCH)


def _entity_write(bundle, table: Table, progress) -> list[dict]:
    """The table's JSON Lines entry, written as its rows stream, and its CSV twin, spooled
    meanwhile (a zip writes one entry at a time) then written after it. Each batch's lines and
    cells are made from the same columns of values, joined as text and encoded once."""
    names = table.columns
    cells = [entities.csv_cells(field) for field in table.fields]
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as twin:
        twin.write(_csv_text([names]).encode("utf-8"))
        counted = [0]

        def chunks():
            for columns in _entity_batches(table):
                rows = len(columns[0])
                twin.write(_csv_text(_csv_rows(columns, cells)).encode("utf-8"))
                counted[0] += rows
                progress(rows)
                yield entities.json_lines(reading.rows_of(columns, names))

        data = archive.entry_write(bundle, f"data/{table.name}.jsonl", chunks())
        twin.seek(0)
        csv_entry = archive.entry_write(bundle, f"csv/{table.name}.csv", archive.file_chunks(twin))
    shared = {"entity": table.name, "version": ENTITY_VERSION, "rows": counted[0]}
    return [data | shared, csv_entry | shared]


def _csv_rows(columns: list, cells: list):
    """A batch's rows of CSV cells, from its columns of JSON-ready values."""
    converted = [
        column if cell is None else map(cell, column)
        for cell, column in zip(cells, columns, strict=True)
    ]
    return zip(*converted, strict=True)


def _csv_text(rows) -> str:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()


def _text_write(bundle, name: str, writer) -> dict:
    """A text file, written into its entry as ``writer`` makes it (``writer(out)`` calls
    ``out.write`` with whole strings)."""
    with archive.entry_open(bundle, name) as entry:
        writer(entry)
    return entry.written | {"version": 1}


def _beancount(out) -> None:
    from remix.ledger.beancount import beancount_write

    beancount_write(out, drafts=True)


def themes_write(out) -> None:
    from remix.allies.skos import themes_turtle

    base = (settings.REMIX_SITE_URL or "https://remix.invalid").rstrip("/")
    out.write(themes_turtle(base_url=f"{base}/allies/themes/"))


def media_roots() -> dict[str, Path]:
    return {"public": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def media_files() -> list[tuple[str, Path]]:
    """Every file under the public and the private media folders, by path."""
    found = []
    for kind, root in media_roots().items():
        if not root.is_dir():
            continue
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            found.append((f"media/{kind}/{file.relative_to(root).as_posix()}", file))
    return found
