"""`bundle_export`: every carried model's rows as JSON Lines and CSV, the media, the Beancount
ledger, the SKOS themes and a manifest, streamed into one deterministic zip."""

import csv
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from remix.portability import archive, entities

ROWS_BATCH = 2000
ENTITY_VERSION = 1


def schema_version() -> dict[str, str]:
    """The latest migration of each app, as the code knows it."""
    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
    return dict(sorted(leaves))


def bundle_export(path: Path, *, progress=None) -> dict:
    """Write the bundle to ``path`` (beside, then moved in place); its manifest.

    ``progress(rows)`` is called as rows are written."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w") as bundle:
            manifest = _write_all(bundle, progress or (lambda rows: None))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


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


def _write_all(bundle, progress) -> dict:
    files = []
    for model in entities.carried_models():
        files.extend(_entity_write(bundle, model, progress))
    files.append(_text_write(bundle, "ledger/books.beancount", _beancount))
    files.append(_text_write(bundle, "themes/themes.ttl", _themes))
    files.extend(_media_write(bundle))
    manifest = {
        "format": archive.FORMAT,
        "format_version": archive.FORMAT_VERSION,
        "schema": schema_version(),
        "files": files,
    }
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    archive.entry_write(bundle, archive.MANIFEST, [text.encode("utf-8")])
    return manifest


def _entity_batches(model):
    """The model's rows in the order of their keys, a list of JSON-ready dicts at a time."""
    fields = entities.fields_of(model)
    columns = [(field.attname, entities.encoder(field)) for field in fields]
    query = model._base_manager.order_by("pk").values_list(*(name for name, _ in columns))
    batch = []
    for values in query.iterator(chunk_size=ROWS_BATCH):
        batch.append(
            {
                name: value if encode is None else encode(value)
                for (name, encode), value in zip(columns, values, strict=True)
            }
        )
        if len(batch) >= ROWS_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _entity_write(bundle, model, progress) -> list[dict]:
    name = entities.label(model)
    fields = entities.fields_of(model)
    names = [field.attname for field in fields]
    cells = [(field.attname, entities.csv_cells(field)) for field in fields]
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as twin:
        text = io.TextIOWrapper(twin, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(names)
        counted = [0]

        def chunks():
            for batch in _entity_batches(model):
                writer.writerows(
                    [row[key] if cell is None else cell(row[key]) for key, cell in cells]
                    for row in batch
                )
                counted[0] += len(batch)
                progress(len(batch))
                yield b"".join(entities.json_line(row) for row in batch)

        data = archive.entry_write(bundle, f"data/{name}.jsonl", chunks())
        text.flush()
        twin.seek(0)
        table = archive.entry_write(bundle, f"csv/{name}.csv", archive.file_chunks(twin))
        text.detach()
    shared = {"entity": name, "version": ENTITY_VERSION, "rows": counted[0]}
    return [data | shared, table | shared]


def _text_write(bundle, name: str, writer) -> dict:
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="\n")
        writer(text)
        text.flush()
        spool.seek(0)
        written = archive.entry_write(bundle, name, archive.file_chunks(spool))
        text.detach()
    return written | {"version": 1}


def _beancount(out) -> None:
    from remix.ledger.beancount import beancount_write

    beancount_write(out, drafts=True)


def _themes(out) -> None:
    from remix.allies.skos import themes_turtle

    base = (settings.REMIX_SITE_URL or "https://remix.invalid").rstrip("/")
    out.write(themes_turtle(base_url=f"{base}/allies/themes/"))


def media_roots() -> dict[str, Path]:
    return {"public": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _media_write(bundle) -> list[dict]:
    written = []
    for kind, root in media_roots().items():
        if not root.is_dir():
            continue
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = file.relative_to(root).as_posix()
            with file.open("rb") as stream:
                entry = archive.entry_write(
                    bundle, f"media/{kind}/{relative}", archive.file_chunks(stream)
                )
            written.append(entry | {"version": 1})
    return written
