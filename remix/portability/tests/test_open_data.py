"""The demo's open-data dump: published at the end of the demo load, deterministic, refused by
`import-bundle`, holding every public row and no account's e-mail, hash or bank reference."""

import hashlib
import json
import zipfile

import pytest
from django.conf import settings
from django.test import TestCase

from conftest import module_data
from remix.accounts.models import ApiToken, User
from remix.allies.models import Actor
from remix.catalogue.models import Document
from remix.contributions.models import Contribution, Pledge
from remix.core.demo import demo_load
from remix.ledger.models import Transaction
from remix.portability import entities
from remix.portability.importing import BundleRefused, bundle_import
from remix.portability.open_policy import POLICY, Private
from remix.portability.opendata import open_data_export, open_data_latest, public_columns


def _demo_and_its_dump():
    with TestCase.captureOnCommitCallbacks(execute=True):
        demo_load()
    return open_data_latest(), settings.REMIX_OPEN_DATA_ROOT


demo_dump = module_data(_demo_and_its_dump)


def _files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as dump:
        return {name: dump.read(name) for name in dump.namelist()}


def _rows(files, entity: str) -> list[dict]:
    return [json.loads(line) for line in files[f"data/{entity}.jsonl"].splitlines()]


def test_the_demo_publishes_its_dump_with_its_checksum(demo_dump, db):
    dump, root = demo_dump
    assert dump is not None
    data = (root / dump.name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == dump.sha256 and len(data) == dump.bytes
    assert dump.name == f"remix-open-data-{dump.sha256[:16]}.zip"
    manifest = json.loads(_files(root / dump.name)["manifest.json"])
    assert manifest["format"] == "remix-open-data" and manifest["format_version"] == 2
    assert dump.rows == sum(e.get("rows", 0) for e in manifest["files"] if "jsonl" in e["path"])


def test_the_same_data_gives_the_same_bytes(demo_dump, db, tmp_path):
    open_data_export(tmp_path / "one.zip")
    open_data_export(tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_the_public_rows_are_all_there(demo_dump, db, tmp_path):
    open_data_export(tmp_path / "open.zip")
    files = _files(tmp_path / "open.zip")

    gifts = _rows(files, "funding.contribution")
    assert len(gifts) == Contribution.objects.shown_publicly().count() > 0
    assert len(gifts) < Contribution.objects.count()
    assert {row["name"] for row in gifts if row["visibility"] != "public"} <= {None}
    transactions = _rows(files, "ledger.transaction")
    assert len(transactions) == Transaction.objects.filter(status="posted").count()
    assert len(_rows(files, "catalogue.document")) == Document.objects.visible().count()
    assert "data/accounts.user.jsonl" not in files and "csv/accounts.user.csv" not in files


def test_no_accounts_e_mail_hash_token_or_bank_reference_is_in_the_dump(demo_dump, db, tmp_path):
    open_data_export(tmp_path / "open.zip")
    files = _files(tmp_path / "open.zip")
    secrets = [email for email in User.objects.values_list("email", flat=True) if email]
    secrets += list(User.objects.values_list("password", flat=True))
    secrets += list(ApiToken.objects.values_list("key_hash", flat=True))
    secrets += list(Pledge.objects.values_list("reference", flat=True))
    secrets += [r for r in Transaction.objects.values_list("reference", flat=True) if r]
    secrets += _anonymous_only_names() + _draft_only_descriptions()
    assert len(secrets) > 20

    found = [s for s in secrets if any(s.encode() in data for data in files.values())]
    assert found == []


def _anonymous_only_names() -> list[str]:
    """Names of givers who asked not to be named, and are named nowhere else in public."""
    named = set(Actor.objects.values_list("name", flat=True))
    for model in (Contribution, Pledge):
        named |= set(model.objects.filter(visibility="public").values_list("name", flat=True))
    hidden = set()
    for model in (Contribution, Pledge):
        hidden |= set(model.objects.exclude(visibility="public").values_list("name", flat=True))
    return sorted(hidden - named)


def _draft_only_descriptions() -> list[str]:
    drafts = Transaction.objects.filter(status="draft").values_list("description", flat=True)
    posted = Transaction.objects.filter(status="posted").values_list("description", flat=True)
    return sorted(set(drafts) - set(posted))


def test_import_bundle_refuses_an_open_data_dump(demo_dump, db, tmp_path, in_english):
    open_data_export(tmp_path / "open.zip")
    with pytest.raises(BundleRefused, match="open-data"):
        bundle_import(tmp_path / "open.zip")


def test_each_entity_carries_its_public_fields_and_no_other(demo_dump, db, tmp_path):
    manifest = open_data_export(tmp_path / "open.zip")
    files = _files(tmp_path / "open.zip")
    entities_written = {e["entity"] for e in manifest["files"] if "entity" in e}

    for model in entities.carried_models():
        name, rule = entities.label(model), POLICY[entities.label(model)]
        if isinstance(rule, Private):
            assert name not in entities_written, name
            continue
        header = files[f"csv/{name}.csv"].decode().splitlines()[0].split(",")
        assert header == public_columns(model) and set(header) == set(rule.fields), name
        for line in files[f"data/{name}.jsonl"].splitlines()[:50]:
            assert sorted(json.loads(line)) == sorted(rule.fields), name
