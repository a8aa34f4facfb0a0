"""``remix backup``: the database and the uploaded files in one archive, taken while the site runs.

The archive is a gzip'd tar holding ``database/`` (the vendor's own copy, see ``databases.py``),
``media/`` (``MEDIA_ROOT``), ``private/`` (the protected files' root) and, last, ``manifest.json``:
Remix's version, the database vendor, the latest migration applied per app, the time of the
backup and every file with its size and SHA-256, hashed from the very bytes written.
"""

import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

import remix
from remix.portability.databases import DUMP_NAMES, database_dump, vendor_of

FORMAT = "remix-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
Progress = Callable[[int], None]


def media_roots() -> dict[str, Path]:
    """The folders of uploaded files, by their folder name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def media_files() -> Iterator[tuple[str, Path]]:
    """Every uploaded file as (name in the archive, path on disk), in a stable order."""
    for prefix, root in media_roots().items():
        if not root.is_dir():
            continue
        for folder, subfolders, names in os.walk(root):
            subfolders.sort()
            for name in sorted(names):
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    yield f"{prefix}/{path.relative_to(root).as_posix()}", path


def migrations_latest(connection) -> dict[str, str]:
    """The latest migration applied per app, in the order they were applied."""
    latest = {}
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return latest
    for record in recorder.migration_qs.order_by("id"):
        latest[record.app] = record.name
    return dict(sorted(latest.items()))


class _Hashing:
    """A file read by tarfile, hashed on the way: the checksum is that of the bytes archived."""

    def __init__(self, handle, progress: Progress):
        self.handle, self.progress, self.digest = handle, progress, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        self.progress(len(chunk))
        return chunk


def _add(archive: tarfile.TarFile, name: str, path: Path, progress: Progress) -> dict:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _Hashing(handle, progress)
        archive.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.digest.hexdigest()}


def backup_write(
    *,
    target: Path,
    alias: str = DEFAULT_DB_ALIAS,
    progress: Progress | None = None,
    total: Callable[[int], None] | None = None,
) -> dict:
    """Write the archive to ``target`` (through a temporary name) and return its manifest."""
    connection = connections[alias]
    vendor = vendor_of(connection.settings_dict)
    progress = progress or (lambda _n: None)
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    with tempfile.TemporaryDirectory(prefix="remix-backup-") as scratch:
        dump = Path(scratch) / "dump"
        migrations = migrations_latest(connection)
        taken_at = datetime.datetime.now(datetime.UTC)
        database_dump(connection=connection, target=dump)
        files = [(DUMP_NAMES[vendor], dump), *media_files()]
        if total:
            total(sum(path.stat().st_size for _name, path in files))
        try:
            with tarfile.open(partial, "w:gz", compresslevel=1) as archive:
                manifest = _write(archive, files, progress, vendor, migrations, taken_at)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, target)
    return manifest


def _write(archive, files, progress, vendor, migrations, taken_at) -> dict:
    entries = [_add(archive, name, path, progress) for name, path in files]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "remix_version": remix.__version__,
        "database_vendor": vendor,
        "taken_at": taken_at.isoformat(timespec="seconds"),
        "migrations": migrations,
        "files": entries,
    }
    _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))
