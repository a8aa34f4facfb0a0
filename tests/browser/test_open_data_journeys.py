"""Open data in a browser: anyone finds the open-data page from the footer, reads the latest
dump's size, date and SHA-256, and downloads it; before the first dump, the page says so.

Locators are ids and addresses, not texts: the texts change with the language."""

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from remix.allies.models import Actor
from remix.portability.opendata import open_data_latest
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def published(transactional_db):
    Actor.objects.create(name="Collectif Ouvert", slug="collectif-ouvert", kind="organisation")
    call_command("export-open-data", "--no-progress", stdout=io.StringIO())
    return open_data_latest()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_anyone_downloads_the_latest_dump_from_the_footer(watched, published, viewport):
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/")
    page.locator('footer a[href="/open-data/"]').click()
    expect(page).to_have_url(re.compile(r"/open-data/$"))
    expect(page.locator("#dump-title + .facts code")).to_have_text(published.sha256)
    watch.check("open-data")
    assert no_sideways_scroll(page)

    with page.expect_download() as downloading:
        page.locator('a[href="/open-data/download/"]').click()
    data = Path(downloading.value.path()).read_bytes()

    assert hashlib.sha256(data).hexdigest() == published.sha256
    assert downloading.value.suggested_filename.startswith("remix-open-data-")
    with zipfile.ZipFile(io.BytesIO(data)) as dump:
        assert b"Collectif Ouvert" in dump.read("data/allies.actor.jsonl")


def test_before_the_first_dump_the_page_says_so(watched, transactional_db):
    watch = watched()
    page = watch.page

    page.goto("/open-data/")

    expect(page.locator("#dump-title ~ .notice")).to_be_visible()
    expect(page.locator('a[href="/open-data/download/"]')).to_have_count(0)
    watch.check("no-dump")
