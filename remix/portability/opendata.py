"""The public open-data dump: the bundle's format, written by the bundle's writer
(``export.archive_export``), holding only what ``open_policy.POLICY`` publishes; and the latest
dump as the site and the API describe it.

The dump is published under the open-data folder (``REMIX_OPEN_DATA_ROOT``) with a name that
carries its checksum, then a small JSON record naming it replaces the previous one in one
rename: a reader always finds a whole dump and its own figures, never one half-written. The
previous dump is removed once the new one is named.
"""

import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models import Case, F, Value, When
from django.utils import timezone

from remix.core import files
from remix.portability import archive, entities
from remix.portability.export import Contents, Table, archive_export, themes_write
from remix.portability.open_policy import POLICY, Public

FORMAT = archive.OPEN_FORMAT
RECORD = "latest.json"
MASK_PREFIX = "open_masked_"


@dataclass(frozen=True)
class OpenDump:
    """The latest published dump."""

    name: str  # the file's name in the open-data folder
    sha256: str
    bytes: int
    generated_at: datetime.datetime
    format_version: int
    rows: int

    @property
    def download_name(self) -> str:
        return f"remix-open-data-{timezone.localdate(self.generated_at):%Y-%m-%d}.zip"


def open_data_root() -> Path:
    return Path(settings.REMIX_OPEN_DATA_ROOT)


def open_data_storage() -> FileSystemStorage:
    return FileSystemStorage(location=open_data_root())


def open_table(model) -> Table | None:
    """The published part of ``model``'s rows, or None for a private model (and for one the
    policy does not know yet: a test fails until it is classified, and nothing leaks meanwhile).
    A field withheld on some rows is read through ``CASE``: null there, its value elsewhere."""
    rule = POLICY.get(entities.label(model))
    if not isinstance(rule, Public):
        return None
    query = model._base_manager.all()
    if rule.rows is not None:
        query = query.filter(rule.rows)
    masks = {}
    for name in rule.masked:
        field = next(f for f in entities.fields_of(model) if f.attname == name)
        output = field.target_field if field.is_relation else field
        masks[MASK_PREFIX + name] = Case(
            When(rule.masked_when, then=Value(None)), default=F(name), output_field=output
        )
    columns = public_columns(model)
    read = [MASK_PREFIX + name if name in rule.masked else name for name in columns]
    query = query.annotate(**masks).order_by("pk").values_list(*read)
    return Table(entities.label(model), columns, query)


def public_columns(model) -> list[str]:
    """The published fields of ``model``, in the model's order (as the bundle's columns)."""
    published = set(POLICY[entities.label(model)].fields)
    return [f.attname for f in entities.fields_of(model) if f.attname in published]


def open_media() -> list[tuple[str, Path]]:
    """The public media of the objects shown to the public (``remix.core.files``), by path."""
    found = {}
    for entry in files.REGISTRY.values():
        if not isinstance(entry, files.PublicFiles):
            continue
        storage = entry.model._meta.get_field(entry.field).storage
        names = entry.shown().exclude(**{entry.field: ""}).values_list(entry.field, flat=True)
        for name in names.order_by().distinct():
            if name and storage.exists(name):
                found[f"media/public/{name}"] = Path(storage.path(name))
    return sorted(found.items())


def open_contents() -> Contents:
    tables = [open_table(model) for model in entities.carried_models()]
    return Contents(
        format=FORMAT,
        tables=[table for table in tables if table is not None],
        texts=[("themes/themes.ttl", themes_write)],
        media=open_media(),
    )


def open_rows_total(contents: Contents) -> int:
    return sum(table.query.count() for table in contents.tables)


def open_data_export(path: Path, *, progress=None, contents: Contents | None = None) -> dict:
    """Write an open-data dump to ``path``; its manifest."""
    return archive_export(path, contents or open_contents(), progress=progress)


def open_data_publish(*, progress=None, contents: Contents | None = None) -> OpenDump:
    """Write a new dump into the open-data folder and make it the latest."""
    root = open_data_root()
    root.mkdir(parents=True, exist_ok=True)
    previous = open_data_latest()
    building = root / f"building-{os.getpid()}.zip"
    manifest = open_data_export(building, progress=progress, contents=contents)
    digest, size = _file_digest(building)
    name = f"remix-open-data-{digest[:16]}.zip"
    os.replace(building, root / name)
    dump = OpenDump(
        name=name,
        sha256=digest,
        bytes=size,
        generated_at=timezone.now().replace(microsecond=0),
        format_version=manifest["format_version"],
        rows=sum(e.get("rows", 0) for e in manifest["files"] if e["path"].endswith(".jsonl")),
    )
    record = root / f"{RECORD}.{os.getpid()}.part"
    record.write_text(json.dumps(_record(dump), sort_keys=True, indent=1) + "\n")
    os.replace(record, root / RECORD)
    if previous is not None and previous.name != name:
        (root / previous.name).unlink(missing_ok=True)
    return dump


def open_data_latest() -> OpenDump | None:
    """The latest published dump, or None when none was published (or its file is gone)."""
    root = open_data_root()
    try:
        record = json.loads((root / RECORD).read_text())
    except (FileNotFoundError, ValueError):
        return None
    if not (root / record["name"]).is_file():
        return None
    return OpenDump(
        name=record["name"],
        sha256=record["sha256"],
        bytes=record["bytes"],
        generated_at=datetime.datetime.fromisoformat(record["generated_at"]),
        format_version=record["format_version"],
        rows=record["rows"],
    )


def _record(dump: OpenDump) -> dict:
    return {
        "name": dump.name,
        "sha256": dump.sha256,
        "bytes": dump.bytes,
        "generated_at": dump.generated_at.isoformat(),
        "format": FORMAT,
        "format_version": dump.format_version,
        "rows": dump.rows,
    }


def _file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        for chunk in archive.file_chunks(stream):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
