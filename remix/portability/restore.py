"""``remix restore``: an archive of ``remix backup`` put back, on this machine or a new one.

Nothing is touched until the whole archive has been read and found sound: its manifest, every
file's size and SHA-256, no file missing or added, the same database vendor as the configured one
(a move between SQLite and PostgreSQL is the portability bundle's job: ``remix export-bundle``),
and migrations this Remix knows. A target that already holds data (a user account, or a file in
the media folders) is refused unless ``force``. The database is then restored, the media folders
swapped in by renames, pending migrations applied and the self-checks run.
"""

import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from remix.portability.backup import FORMAT, FORMAT_VERSION, MANIFEST, Progress, media_roots
from remix.portability.databases import DUMP_NAMES, database_restore, vendor_of

UNREADABLE = (OSError, EOFError, tarfile.TarError, zlib.error)


class RestoreRefused(Exception):
    """The archive or the target refused, with every problem found; nothing was touched."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Restored:
    manifest: dict
    migrated: bool = False
    problems: list[str] = field(default_factory=list)


def manifest_read(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.loads(archive.extractfile(member).read())
    except (*UNREADABLE, KeyError, ValueError, AttributeError) as error:
        raise RestoreRefused(
            [_("no readable manifest.json: %(error)s") % {"error": error}]
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreRefused([_("not a Remix backup of a format this version reads")])
    return manifest


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and path.parts[0] in {"database", "media", "private"}
    )


def archive_unpack(*, archive: tarfile.TarFile, manifest: dict, into: Path, progress: Progress):
    """Extract every file into ``into`` while hashing it; the problems found, empty when sound."""
    expected = {entry["path"]: entry for entry in manifest["files"]}
    problems, seen = [], set()
    for member in archive:
        if member.name == MANIFEST:
            continue
        if member.name not in expected or not member.isfile() or not _safe(member.name):
            problems.append(_("file not in the manifest: %(name)s") % {"name": member.name})
            continue
        seen.add(member.name)
        target = into / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with archive.extractfile(member) as source, open(target, "wb") as sink:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                sink.write(chunk)
                progress(len(chunk))
        entry = expected[member.name]
        if member.size != entry["size"] or digest.hexdigest() != entry["sha256"]:
            problems.append(_("checksum does not match: %(name)s") % {"name": member.name})
    problems += [
        _("file missing: %(name)s") % {"name": name} for name in expected if name not in seen
    ]
    return problems


def target_problems(*, manifest: dict, connection, force: bool) -> list[str]:
    """What keeps this archive from going into this target; empty when it may."""
    vendor = vendor_of(connection.settings_dict)
    if manifest["database_vendor"] != vendor:
        return [
            _(
                "this backup is of a %(source)s database and the configured one is %(target)s: "
                "move between them with remix export-bundle and import-bundle"
            )
            % {"source": manifest["database_vendor"], "target": vendor}
        ]
    if DUMP_NAMES[vendor] not in {entry["path"] for entry in manifest["files"]}:
        return [_("file missing: %(name)s") % {"name": DUMP_NAMES[vendor]}]
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    problems = [
        _("the backup has a migration this Remix does not know: %(app)s.%(name)s")
        % {"app": app, "name": name}
        for app, name in manifest["migrations"].items()
        if (app, name) not in known
    ]
    if not force and target_holds_data(connection):
        problems.append(_("the target already holds data: restore with --force to replace it"))
    return problems


def target_holds_data(connection) -> bool:
    """A user account in the database, or any file in the media folders."""
    users = get_user_model()
    tables = connection.introspection.table_names()
    if users._meta.db_table in tables and users.objects.using(connection.alias).exists():
        return True
    return any(root.is_dir() and any(root.iterdir()) for root in media_roots().values())


def _media_swap(staged: Path) -> None:
    for prefix, root in media_roots().items():
        incoming = staged / prefix
        incoming.mkdir(exist_ok=True)
        root.parent.mkdir(parents=True, exist_ok=True)
        old = root.with_name(f".{root.name}.replaced")
        if root.exists():
            root.rename(old)
        incoming.rename(root)
        shutil.rmtree(old, ignore_errors=True)


def backup_restore(
    *,
    source: Path,
    force: bool = False,
    alias: str = DEFAULT_DB_ALIAS,
    progress: Progress | None = None,
    total=None,
) -> Restored:
    """Check ``source`` whole, then put it in place of the target's database and media."""
    connection = connections[alias]
    progress = progress or (lambda _n: None)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 -- closed by the `with` below
    except UNREADABLE as error:
        raise RestoreRefused([_("not a readable archive: %(error)s") % {"error": error}]) from None
    with archive:
        manifest = manifest_read(archive)
        if problems := target_problems(manifest=manifest, connection=connection, force=force):
            raise RestoreRefused(problems)
        if total:
            total(sum(entry["size"] for entry in manifest["files"]))
        parent = Path(media_roots()["media"]).parent
        parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".remix-restore-", dir=parent) as scratch:
            staged = Path(scratch)
            try:
                problems = archive_unpack(
                    archive=archive, manifest=manifest, into=staged, progress=progress
                )
            except UNREADABLE as error:
                problems = [_("not a readable archive: %(error)s") % {"error": error}]
            if problems:
                raise RestoreRefused(problems)
            dump = staged / DUMP_NAMES[manifest["database_vendor"]]
            database_restore(connection=connection, dump=dump)
            dump.unlink()
            _media_swap(staged)
    return _after(manifest, alias)


def _after(manifest: dict, alias: str) -> Restored:
    from remix.core.selfchecks import selfchecks_run

    connection = connections[alias]
    leaves = dict(MigrationLoader(connection).graph.leaf_nodes())
    older = any(manifest["migrations"].get(app) != name for app, name in leaves.items())
    if older:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    problems = [str(problem) for problem in selfchecks_run()] if alias == DEFAULT_DB_ALIAS else []
    return Restored(manifest=manifest, migrated=older, problems=problems)
