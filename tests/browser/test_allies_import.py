"""An editor imports a partner’s Kumu map whose tags name themes the network lacks:
the themes are made, and the report says which."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from remix.allies.demo import load_network
from remix.allies.models import Actor, Theme
from tests.browser.conftest import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parents[2] / "remix" / "allies" / "tests" / "samples"
PASSWORD = "une-phrase-assez-longue-7"


@pytest.fixture
def editor(transactional_db):
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    load_network()
    user = User.objects.create_user("camille", "camille@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="editor"))
    return user


@pytest.mark.parametrize(
    "viewport",
    [{"width": 390, "height": 844}, {"width": 1280, "height": 900}],
    ids=["phone", "desktop"],
)
def test_an_editor_imports_a_kumu_map_and_reads_which_themes_were_made(watched, editor, viewport):
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "camille", "/allies/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import et export")
    expect(
        page.get_by_label("Créer les thèmes manquants, avec l’étiquette pour libellé")
    ).to_be_checked()
    watch.check("import-form")

    page.locator("#id_file").set_input_files(str(SAMPLES / "kumu-partner-map.json"))
    page.get_by_role("button", name="Importer").click()

    report = page.locator("#import-report")
    expect(report).to_contain_text("Lu comme : Blueprint Kumu (JSON).")
    expect(report).to_contain_text("3 créé(s)")
    expect(page.locator("#themes-created-title")).to_have_text(
        "2 thèmes créés à partir des étiquettes du fichier :"
    )
    created = page.locator("#themes-created li")
    expect(created).to_have_count(2)
    expect(created.first).to_contain_text("Jardins partagés")
    watch.check("import-report")
    assert no_sideways_scroll(page)
    assert Theme.objects.get(code="justice-climatique").labels == {"fr": "Justice climatique"}

    page.get_by_role("link", name="Justice climatique").click()
    expect(page.locator("#id_label_fr")).to_have_value("Justice climatique")
    assert Actor.objects.get(name="Collectif Vélo Solidaire").themes.get().code == (
        "justice-climatique"
    )


def test_an_editor_who_chose_to_refuse_sees_the_unknown_tags_and_nothing_imported(watched, editor):
    watch = watched()
    page = watch.page
    log_in(page, "camille", "/allies/import/")

    page.get_by_label("Refuser le fichier et les lister").check()
    page.locator("#id_file").set_input_files(str(SAMPLES / "kumu-partner-map.json"))
    page.get_by_role("button", name="Importer").click()

    expect(page.locator(".field-invalid")).to_contain_text(
        "aucun thème ne correspond aux étiquettes « Justice climatique », « Jardins partagés »"
    )
    watch.check("import-refused")
    assert not Actor.objects.filter(name="Inès Moreau").exists()
    assert not Theme.objects.filter(code="justice-climatique").exists()
