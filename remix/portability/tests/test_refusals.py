"""A damaged bundle is refused whole, saying what is wrong (in French, the default language), and
the target stays as it was; an import that fails midway leaves nothing behind; a format 1 bundle
is upgraded."""

import json

import pytest

from conftest import module_data
from remix.core.demo import demo_load
from remix.portability.export import bundle_export
from remix.portability.importing import BundleRefused, bundle_import, instance_rows
from remix.portability.tests.bundles import bundle_rewrite, instance_wipe, table_counts

demo_world = module_data(demo_load)


@pytest.fixture
def exported(demo_world, db, tmp_path):
    """The demo world's bundle, and the instance emptied: the target of an import."""
    bundle_export(tmp_path / "one.zip")
    instance_wipe()
    return tmp_path / "one.zip"


def _refused(path) -> str:
    before = table_counts()
    with pytest.raises(BundleRefused) as refused:
        bundle_import(path)
    assert table_counts() == before
    assert instance_rows() == []
    return str(refused.value)


def _one_byte_changed(name, data):
    if name == "data/ledger.posting.jsonl":
        return data.replace(b'"amount_minor":', b'"amount_minor":1', 1)
    return data


def test_one_byte_changed_is_refused(exported, tmp_path):
    bundle_rewrite(exported, tmp_path / "bad.zip", _one_byte_changed)
    assert "data/ledger.posting.jsonl ne correspond pas à sa somme de contrôle" in _refused(
        tmp_path / "bad.zip"
    )


def test_a_file_removed_is_refused(exported, tmp_path):
    bundle_rewrite(
        exported,
        tmp_path / "bad.zip",
        lambda n, d: None if n.startswith("csv/accounts.user") else d,
    )
    assert "csv/accounts.user.csv est absent" in _refused(tmp_path / "bad.zip")


def test_a_file_added_is_refused(exported, tmp_path):
    def added(name, data):
        return data + b"\n" if name == "manifest.json" else data

    bundle_rewrite(exported, tmp_path / "bad.zip", added)
    import zipfile

    with zipfile.ZipFile(tmp_path / "bad.zip", "a") as bundle:
        bundle.writestr("data/extra.jsonl", b"{}\n")
    assert "data/extra.jsonl n’est pas dans le manifeste" in _refused(tmp_path / "bad.zip")


def test_an_unknown_version_is_refused(exported, tmp_path):
    def newer(name, data):
        if name != "manifest.json":
            return data
        return json.dumps(json.loads(data) | {"format_version": 99}).encode()

    bundle_rewrite(exported, tmp_path / "bad.zip", newer)
    assert "version de format d’archive inconnue : 99" in _refused(tmp_path / "bad.zip")


def test_a_truncated_bundle_is_refused(exported, tmp_path):
    data = exported.read_bytes()
    (tmp_path / "bad.zip").write_bytes(data[: len(data) // 2])
    assert "fichier zip illisible" in _refused(tmp_path / "bad.zip")


@pytest.mark.parametrize("after_rows", [1, 3000])
def test_an_import_failing_midway_leaves_the_target_as_it_was(exported, after_rows):
    before, done = table_counts(), [0]

    def killed(rows):
        done[0] += rows
        if done[0] >= after_rows:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        bundle_import(exported, progress=killed)
    assert table_counts() == before


def _as_format_1(name, data):
    """The bundle as format 1 wrote it: rows at the top, no CSV, a name -> SHA-256 manifest."""
    if name.startswith("csv/") or not (name.startswith("data/") or name == "manifest.json"):
        return None if name.startswith("csv/") else data
    if name.startswith("data/"):
        return data
    manifest = json.loads(data)
    files = {
        e["path"].removeprefix("data/"): e["sha256"]
        for e in manifest["files"]
        if e["path"].startswith("data/")
    }
    return json.dumps(
        {
            "format": "remix-bundle",
            "format_version": 1,
            "schema": manifest["schema"],
            "files": files,
        }
    ).encode()


def test_a_format_1_bundle_is_upgraded_on_import(exported, tmp_path):
    import zipfile

    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(tmp_path / "old.zip", "w") as old:
        for name in source.namelist():
            data = _as_format_1(name, source.read(name))
            if name.startswith("data/"):
                old.writestr(name.removeprefix("data/"), data)
            elif name == "manifest.json":
                old.writestr(name, data)

    counts = bundle_import(tmp_path / "old.zip")
    bundle_export(tmp_path / "again.zip")

    assert counts["ledger.posting"] > 0
    with zipfile.ZipFile(exported) as one, zipfile.ZipFile(tmp_path / "again.zip") as two:
        data = [n for n in one.namelist() if n.startswith(("data/", "csv/"))]
        assert all(one.read(n) == two.read(n) for n in data)
