"""The demo world exported, imported into an emptied instance and exported again gives the same
bytes; nothing with rows is left out; the derived rows are built again."""

import datetime
import zipfile

import time_machine
from django.apps import apps
from django.utils import timezone

from conftest import module_data
from remix.catalogue.models import SearchEntry
from remix.core.demo import demo_load
from remix.ledger.kept import KeptBalance
from remix.portability import entities
from remix.portability.export import bundle_export
from remix.portability.importing import bundle_import
from remix.portability.tests.bundles import instance_wipe, manifest_of

demo_world = module_data(demo_load)


def _media_seed(settings) -> None:
    public = settings.MEDIA_ROOT / "catalogue" / "2026" / "01"
    public.mkdir(parents=True)
    (public / "poster.png").write_bytes(b"\x89PNG a poster")
    private = settings.PRIVATE_MEDIA_ROOT / "ledger"
    private.mkdir(parents=True)
    (private / "receipt.pdf").write_bytes(b"%PDF a receipt")


def _kept() -> list:
    """The kept sums without their ids, which a rebuild numbers anew."""
    return sorted(row[1:] for row in KeptBalance.objects.values_list())


def test_export_import_export_gives_the_same_bytes(demo_world, db, tmp_path, settings):
    _media_seed(settings)
    search, kept = SearchEntry.objects.count(), _kept()
    bundle_export(tmp_path / "one.zip")
    instance_wipe()
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"

    counts = bundle_import(tmp_path / "one.zip")
    # exported again the next day: the same data, the same bytes whatever the day
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=1), tick=False):
        bundle_export(tmp_path / "two.zip")

    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert counts["ledger.posting"] > 0 and counts["accounts.user"] > 0
    assert (
        settings.MEDIA_ROOT / "catalogue/2026/01/poster.png"
    ).read_bytes() == b"\x89PNG a poster"
    assert (settings.PRIVATE_MEDIA_ROOT / "ledger/receipt.pdf").read_bytes() == b"%PDF a receipt"
    assert SearchEntry.objects.count() == search
    assert _kept() == kept


def test_every_model_with_rows_is_in_the_bundle_with_its_count(demo_world, db, tmp_path):
    manifest = bundle_export(tmp_path / "one.zip")
    rows = {e["entity"]: e["rows"] for e in manifest["files"] if e["path"].startswith("data/")}
    for model in apps.get_models(include_auto_created=True):
        name, count = entities.label(model), model._base_manager.count()
        if name in entities.DERIVED:
            continue
        assert rows.get(name) == count, name
    assert {
        "catalogue.searchentry",
        "core.dataversion",
        "ledger.keptbalance",
        "ledger.keptcashout",
        "ledger.keptsource",
        "sessions.session",
    } == entities.DERIVED


def test_the_bundle_carries_users_hashes_the_ledger_and_the_themes(demo_world, db, tmp_path):
    manifest = bundle_export(tmp_path / "one.zip")
    with zipfile.ZipFile(tmp_path / "one.zip") as bundle:
        users = bundle.read("data/accounts.user.jsonl").decode()
        ledger = bundle.read("ledger/books.beancount").decode()
        themes = bundle.read("themes/themes.ttl").decode()
        table = bundle.read("csv/ledger.posting.csv").decode()
        names = bundle.namelist()
    assert '"password":"pbkdf2_sha256$' in users or '"password":"!' in users
    assert " open " in ledger and "skos:Concept" in themes
    assert table.startswith("id,") and "amount_minor" in table.splitlines()[0]
    assert names[-1] == "manifest.json" and len(names) == len(manifest["files"]) + 1
    assert all(
        info.date_time == (1980, 1, 1, 0, 0, 0)
        for info in zipfile.ZipFile(tmp_path / "one.zip").infolist()
    )


def test_the_manifest_names_the_schema_and_the_format(demo_world, db, tmp_path):
    bundle_export(tmp_path / "one.zip")
    manifest = manifest_of(tmp_path / "one.zip")
    assert manifest["format"] == "remix-bundle" and manifest["format_version"] == 2
    assert manifest["schema"]["ledger"].startswith("00")
    assert "exported" not in str(manifest)
