"""A damaged archive, a target holding data, another vendor, a newer schema: refused whole."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.utils import translation

from remix.portability.backup import backup_write
from remix.portability.restore import RestoreRefused, backup_restore
from remix.portability.tests.backups import counts, new_machine, site_with_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("in_english")]


@pytest.fixture
def archive(settings, tmp_path):
    site_with_data(settings)
    path = tmp_path / "site.tar.gz"
    backup_write(target=path)
    new_machine(settings, tmp_path)
    return path


def retar(source, target, change):
    """Copy an archive, each file's bytes passed through ``change`` (None drops the file)."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = change(member.name, old.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
    return target


def manifest_edit(**fields):
    def change(name, data):
        if name != "manifest.json":
            return data
        return json.dumps({**json.loads(data), **fields}).encode()

    return change


def flip_byte(path_name):
    def change(name, data):
        return bytes([data[0] ^ 1]) + data[1:] if name == path_name else data

    return change


def assert_untouched(alias, settings):
    assert connections[alias].introspection.table_names() == []
    assert not settings.MEDIA_ROOT.exists() and not settings.PRIVATE_MEDIA_ROOT.exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            flip_byte("media/catalogue/plan.pdf"),
            "checksum does not match: media/catalogue/plan.pdf",
        ),
        (flip_byte("private/receipt.pdf"), "checksum does not match: private/receipt.pdf"),
        (lambda name, data: None if name == "media/catalogue/plan.pdf" else data, "file missing"),
    ],
    ids=["media-byte", "private-byte", "file-removed"],
)
def test_a_tampered_archive_is_refused_and_nothing_is_touched(
    archive, settings, tmp_path, fresh_database, change, problem
):
    alias = fresh_database("target")
    tampered = retar(archive, tmp_path / "tampered.tar.gz", change)
    with pytest.raises(RestoreRefused) as refused:
        backup_restore(source=tampered, alias=alias)
    assert any(problem in message for message in refused.value.problems)
    assert_untouched(alias, settings)


def test_a_changed_byte_in_the_database_copy_is_refused(
    archive, settings, tmp_path, fresh_database
):
    alias = fresh_database("target")
    with tarfile.open(archive) as opened:
        dump = next(name for name in opened.getnames() if name.startswith("database/"))
    tampered = retar(archive, tmp_path / "tampered.tar.gz", flip_byte(dump))
    with pytest.raises(RestoreRefused, match=f"checksum does not match: {dump}"):
        backup_restore(source=tampered, alias=alias)
    assert_untouched(alias, settings)


def test_a_truncated_or_foreign_file_is_refused(archive, settings, tmp_path, fresh_database):
    alias = fresh_database("target")
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(RestoreRefused, match="manifest.json"):
        backup_restore(source=cut, alias=alias)
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello")
    with pytest.raises(RestoreRefused, match="not a readable archive"):
        backup_restore(source=foreign, alias=alias)
    assert_untouched(alias, settings)


def test_another_vendor_or_a_newer_schema_is_refused(archive, settings, tmp_path, fresh_database):
    alias = fresh_database("target")
    vendor = connections["default"].vendor
    other = "postgresql" if vendor == "sqlite" else "sqlite"
    moved = retar(archive, tmp_path / "moved.tar.gz", manifest_edit(database_vendor=other))
    with pytest.raises(RestoreRefused, match="export-bundle"):
        backup_restore(source=moved, alias=alias)
    newer = retar(
        archive, tmp_path / "newer.tar.gz", manifest_edit(migrations={"ledger": "9999_future"})
    )
    with pytest.raises(RestoreRefused, match="ledger.9999_future"):
        backup_restore(source=newer, alias=alias)
    assert_untouched(alias, settings)


def test_a_target_holding_data_is_replaced_only_with_force(archive, settings, fresh_database):
    alias = fresh_database("target")
    backup_restore(source=archive, alias=alias)
    (settings.MEDIA_ROOT / "later.txt").write_text("written after the restore")

    with pytest.raises(RestoreRefused, match="--force"):
        backup_restore(source=archive, alias=alias)
    assert (settings.MEDIA_ROOT / "later.txt").exists()

    backup_restore(source=archive, alias=alias, force=True)
    assert not (settings.MEDIA_ROOT / "later.txt").exists()
    assert counts(alias) == counts("default")


def test_the_commands_write_and_refuse_with_the_reason(archive, capsys):
    call_command("backup", str(archive.with_name("again.tar.gz")))
    assert "again.tar.gz" in capsys.readouterr().out
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(archive))
    assert "the target already holds data" in capsys.readouterr().err
    with translation.override("fr"), pytest.raises(CommandError, match="rien n'a été modifié"):
        call_command("restore", str(archive))
    assert "la cible contient déjà des données" in capsys.readouterr().err
