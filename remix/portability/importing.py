"""`bundle_import`: a bundle checked whole, then restored into an empty instance in one database
transaction, then what is derived from it built again.

The ledger's guards stay on: posted transactions are written as drafts, their postings as they
were (the database keeps the kept balances as they arrive), then the transactions are posted,
each checked for balance by the database, and closed periods come last (``ledger_rows``).
"""

import json
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from remix.core.bulk import rows_insert
from remix.portability import archive, entities, upgrade

BATCH = 2000
# SQLite's page cache while an import runs, in KiB (its default is 2,000): the indexes of a
# million rows written in one transaction stay in memory instead of spilling to the WAL again and
# again. Bounded, and no change to durability: the commit writes and syncs as any other.
IMPORT_CACHE_KIB = 32768


class BundleRefused(Exception):
    """The bundle cannot be imported; ``problems`` says each reason."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def bundle_verify(bundle: zipfile.ZipFile) -> dict:
    """The manifest, in the current format, once every file it lists is present and intact and
    nothing else is there; BundleRefused otherwise."""
    try:
        manifest = json.loads(bundle.read(archive.MANIFEST))
    except KeyError:
        raise BundleRefused([_("manifest.json is missing")]) from None
    except ValueError as error:
        raise BundleRefused([_("manifest.json is not JSON: %(e)s") % {"e": error}]) from None
    version = manifest.get("format_version")
    if manifest.get("format") == archive.OPEN_FORMAT:
        raise BundleRefused(
            [_("this is an open-data dump: it holds only what is public and restores nothing")]
        )
    if manifest.get("format") != archive.FORMAT or not isinstance(version, int):
        raise BundleRefused([_("this is not a Remix bundle")])
    if version > archive.FORMAT_VERSION or (
        version < archive.FORMAT_VERSION and version not in upgrade.STEPS
    ):
        raise BundleRefused(
            [
                _("unknown bundle format version %(v)s (this Remix reads up to %(max)s)")
                % {"v": version, "max": archive.FORMAT_VERSION}
            ]
        )
    problems = _files_problems(bundle, manifest) + _schema_problems(manifest.get("schema", {}))
    if problems:
        raise BundleRefused(problems)
    return upgrade.manifest_upgrade(manifest, bundle)


def _files_problems(bundle, manifest) -> list[str]:
    listed = manifest["files"]
    if isinstance(listed, dict):  # format 1: name -> SHA-256
        listed = [{"path": name, "sha256": sha} for name, sha in listed.items()]
    present = set(bundle.namelist()) - {archive.MANIFEST}
    problems = []
    for entry in listed:
        name = entry.get("stored", entry["path"])
        if name not in present:
            problems.append(_("%(file)s is missing") % {"file": name})
            continue
        present.discard(name)
        try:
            sha256, size = archive.entry_digest(bundle, name)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            problems.append(_("%(file)s cannot be read: %(e)s") % {"file": name, "e": error})
            continue
        if sha256 != entry["sha256"] or size != entry.get("bytes", size):
            problems.append(_("%(file)s does not match its checksum") % {"file": name})
    problems.extend(
        _("%(file)s is not in the manifest") % {"file": name} for name in sorted(present)
    )
    return problems


def _schema_problems(schema: dict) -> list[str]:
    known = MigrationLoader(None, ignore_no_migrations=True).graph.nodes
    return [
        _("the bundle was written by a newer Remix (migration %(app)s.%(name)s is unknown here)")
        % {"app": app, "name": name}
        for app, name in sorted(schema.items())
        if (app, name) not in known
    ]


def instance_rows() -> list[str]:
    """The carried entities that already hold rows here (the rows `migrate` seeds aside)."""
    return [
        entities.label(model)
        for model in entities.carried_models()
        if entities.label(model) not in entities.SEEDED and model._base_manager.exists()
    ]


def bundle_import(path: Path, *, progress=None) -> dict:
    """Restore the bundle at ``path`` into this empty instance; how many rows per entity."""
    progress = progress or (lambda rows: None)
    try:
        bundle = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BundleRefused([_("not a readable zip file: %(e)s") % {"e": error}]) from None
    with bundle:
        manifest = bundle_verify(bundle)
        occupied = instance_rows()
        if occupied:
            raise BundleRefused(
                [
                    _("this instance is not empty (%(entities)s): import into an empty one")
                    % {"entities": ", ".join(occupied[:5])}
                ]
            )
        counts = _restore(bundle, manifest, progress)
        _media_restore(bundle, manifest)
    return counts


def _restore(bundle, manifest, progress) -> dict:
    from remix.portability import ledger_rows

    stored = {entry["path"]: entry.get("stored", entry["path"]) for entry in manifest["files"]}

    def rows(model, names=None):
        return _reader(bundle, stored[f"data/{entities.label(model)}.jsonl"], model, names)

    counts = {}
    with _page_cache(IMPORT_CACHE_KIB), transaction.atomic():
        seeded_rows_clear()
        for model in entities.carried_models():
            if f"data/{entities.label(model)}.jsonl" not in stored:
                continue
            counts[entities.label(model)] = _load(model, rows(model), progress)
            ledger_rows.after_load(model, rows)
        _derived_rebuild()
    return counts


@contextmanager
def _page_cache(kib: int):
    """SQLite: a page cache of ``kib`` for this connection meanwhile, then the one it had."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def _reader(bundle, name, model, names=None):
    """The rows of ``model`` in the bundle's file ``name``, streamed: each a list of the values of
    ``names`` (by default every field), in that order."""
    fields = {field.attname: field for field in entities.fields_of(model)}
    columns = [(name, fields[name], entities.decoder(fields[name])) for name in names or fields]
    with bundle.open(name) as stream:
        for line in stream:
            row = json.loads(line)
            yield [
                field.get_default()
                if attname not in row
                else row[attname]
                if convert is None
                else convert(row[attname])
                for attname, field, convert in columns
            ]


def _load(model, rows, progress) -> int:
    from remix.portability import ledger_rows

    names = [field.attname for field in entities.fields_of(model)]
    shape = ledger_rows.before_insert(model, names)
    batch, loaded = [], 0
    for row in rows:
        batch.append(shape(row) if shape else row)
        if len(batch) >= BATCH:
            loaded += rows_insert(model, names, batch)
            progress(len(batch))
            batch = []
    loaded += rows_insert(model, names, batch)
    progress(len(batch))
    return loaded


def seeded_rows_clear() -> None:
    """The rows `migrate` seeded, removed (those pointing to others first): the bundle's take
    their place with their own ids."""
    from django.contrib.contenttypes.models import ContentType

    seeded = [m for m in entities.carried_models() if entities.label(m) in entities.SEEDED]
    with connection.cursor() as cursor:
        for model in reversed(seeded):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    ContentType.objects.clear_cache()


def _derived_rebuild() -> None:
    from django.contrib.contenttypes.models import ContentType

    from remix.catalogue.search import reindex_all

    ContentType.objects.clear_cache()
    reindex_all()
    statements = connection.ops.sequence_reset_sql(no_style(), entities.carried_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _media_restore(bundle, manifest) -> None:
    from remix.portability.export import media_roots

    roots = media_roots()
    for entry in manifest["files"]:
        parts = entry["path"].split("/", 2)
        if parts[0] != "media" or len(parts) < 3 or parts[1] not in roots:
            continue
        target = (roots[parts[1]] / parts[2]).resolve()
        if roots[parts[1]].resolve() not in target.parents:
            continue  # a name that would leave the media root
        target.parent.mkdir(parents=True, exist_ok=True)
        with bundle.open(entry["path"]) as source, target.open("wb") as out:
            for chunk in archive.file_chunks(source):
                out.write(chunk)
