"""The open-data page, its download and the API: the latest dump with its size, date and
SHA-256; before the first one, a clear message and no 404."""

import hashlib
import io
import zipfile

from django.core.management import call_command

from remix.allies.models import Actor
from remix.portability.opendata import open_data_latest


def _publish() -> None:
    call_command("export-open-data", "--no-progress", stdout=io.StringIO())


def test_before_the_first_dump_the_page_says_so_and_the_download_leads_there(client, db):
    page = client.get("/open-data/")
    download = client.get("/open-data/download/")
    answer = client.get("/api/v1/open-data").json()

    assert page.status_code == 200
    assert "Aucun export n'a encore été publié" in page.content.decode()
    assert download.status_code == 302 and download["Location"] == "/open-data/"
    assert answer["available"] is False and answer["url"] is None and answer["sha256"] is None


def test_the_page_the_download_and_the_api_give_the_same_dump(client, db):
    Actor.objects.create(name="Collectif Ouvert", slug="collectif-ouvert", kind="organisation")
    _publish()
    dump = open_data_latest()

    page = client.get("/en/open-data/").content.decode()
    download = client.get("/open-data/download/")
    data = b"".join(download.streaming_content)
    answer = client.get("/api/v1/open-data").json()

    assert dump.sha256 in page and "Download the dump (ZIP," in page
    assert download["Content-Disposition"].startswith('attachment; filename="remix-open-data-')
    assert hashlib.sha256(data).hexdigest() == dump.sha256 == answer["sha256"]
    assert len(data) == dump.bytes == answer["bytes"]
    assert answer["url"] == "http://testserver/open-data/download/"
    assert answer["format"] == "remix-open-data" and answer["format_version"] == 2
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"Collectif Ouvert" in archive.read("data/allies.actor.jsonl")


def test_a_new_dump_replaces_the_previous_one(db, settings):
    _publish()
    first = open_data_latest()
    Actor.objects.create(name="Nouvelle Coop", slug="nouvelle-coop", kind="organisation")
    _publish()
    second = open_data_latest()

    assert first.sha256 != second.sha256
    names = sorted(p.name for p in settings.REMIX_OPEN_DATA_ROOT.iterdir())
    assert names == sorted(["latest.json", second.name])


def test_the_same_data_publishes_the_same_file(db):
    _publish()
    first = open_data_latest()
    _publish()
    assert open_data_latest().sha256 == first.sha256
    assert open_data_latest().name == first.name


def test_the_command_writes_a_dump_to_a_file_without_publishing_it(db, tmp_path):
    out = io.StringIO()
    call_command("export-open-data", str(tmp_path / "dump.zip"), "--no-progress", stdout=out)

    assert zipfile.ZipFile(tmp_path / "dump.zip").read("manifest.json")
    assert open_data_latest() is None
    assert str(tmp_path / "dump.zip") in out.getvalue()


def test_the_footer_links_the_open_data_page(client, db):
    assert 'href="/open-data/"' in client.get("/").content.decode()
