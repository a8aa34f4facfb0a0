"""The allies' extension points: another app adds to the network's pages without the allies
importing it."""

import pytest
from django.utils.html import format_html

from remix.allies import hooks
from remix.allies.demo import load_network
from remix.allies.models import Theme
from remix.core.tests.test_layers import SOURCE, imports_of


@pytest.fixture
def network(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_network()


def _shared_note(themes: list[Theme]):
    return {
        theme.pk: format_html('<p class="shared-note">{} & co</p>', f"{theme.code} <3")
        for theme in themes
        if theme.code == "gouvernance-partagee"
    }


@pytest.fixture
def shared_note():
    hooks.trunk_theme_note_register(_shared_note)
    hooks.trunk_theme_note_register(_shared_note)  # once is enough
    yield
    hooks.trunk_theme_note_unregister(_shared_note)


def test_a_registered_note_shows_under_its_theme_of_the_trunk(client, network, shared_note):
    page = client.get("/allies/trunk/").content.decode()

    assert page.count('<p class="shared-note">gouvernance-partagee &lt;3 & co</p>') == 1
    # In the ranked list (« À documenter », above it, may name the theme too).
    ranked = page.index('<ol class="trunk">')
    theme_at, note_at = page.index("Gouvernance partagée", ranked), page.index("shared-note")
    assert theme_at < note_at < page.index("trunk-theme", theme_at)


def test_without_the_note_the_trunk_shows_none(client, network):
    assert "shared-note" not in client.get("/allies/trunk/").content.decode()


def test_the_allies_import_no_app_that_adds_to_them():
    assert {
        module: apps
        for module, apps in imports_of(SOURCE / "allies").items()
        if "catalogue" in apps
    } == {}
