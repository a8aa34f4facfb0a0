"""The editor of the network map and the visitor reading the common trunk (JOURNEYS.md)."""

import re

import pytest
from playwright.sync_api import expect

from remix.allies.demo import load_network
from remix.allies.models import Actor
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.fixture
def network(transactional_db):
    load_network()


def test_a_visitor_filters_the_map_by_a_theme_and_opens_an_actor(watched, network):
    watch = watched()
    page = watch.page

    page.goto("/allies/")
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
    assert page.evaluate("window.remixMap.nodes('.actor').length") == 30
    watch.check("map")

    page.get_by_label("Thème").select_option(label="Semences paysannes")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"theme=semences"))
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
    assert page.evaluate("window.remixMap.nodes('.actor').length") == 3
    watch.check("map-filtered")

    # Click the actor's node in the picture itself, the picture scrolled into view.
    page.locator("#network-map").scroll_into_view_if_needed()
    # The picture and its nodes keep still for two frames before the node is clicked: on a loaded
    # machine the page may still be laying out the filtered map.
    page.wait_for_function(
        """() => new Promise((done) => {
            const place = () => JSON.stringify([
                document.getElementById('network-map').getBoundingClientRect().top,
                window.remixMap.nodes('.actor').map((n) => n.renderedPosition()),
            ]);
            const before = place();
            requestAnimationFrame(() => requestAnimationFrame(() => done(place() === before)));
        })"""
    )
    target = Actor.objects.get(name="Collectif Semences du Sahel")
    point = page.evaluate(
        f"(() => {{ const p = window.remixMap.getElementById('{target.pk}').renderedPosition();"
        " const box = document.getElementById('network-map').getBoundingClientRect();"
        " return {x: box.left + p.x, y: box.top + p.y}; })()"
    )
    page.mouse.click(point["x"], point["y"])
    expect(page).to_have_url(re.compile(r"/allies/actors/collectif-semences-du-sahel/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Collectif Semences du Sahel")
    watch.check("actor")


def test_the_common_trunk_reads_in_spanish_and_downloads(watched, network):
    watch = watched()
    page = watch.page

    page.goto("/es/allies/trunk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("El tronco común")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Gobernanza compartida")
    watch.check("trunk-es")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "common-trunk.csv"


def test_an_editor_adds_an_actor_and_a_relation_on_a_phone(watched, network, live_server):
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    editor = User.objects.create_user("camille", "camille@example.org", "une-phrase-assez-longue-7")
    editor.groups.add(Group.objects.get(name="editor"))
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page

    page.goto("/accounts/login/?next=/allies/actors/new/")
    page.get_by_label("Nom d’utilisateur").fill("camille")
    page.get_by_label("Mot de passe").fill("une-phrase-assez-longue-7")
    page.get_by_role("button", name="Se connecter").click()
    page.locator("#id_name").fill("Radio Libre de Ziguinchor")
    page.locator("#id_kind").select_option("organisation")
    page.get_by_label("communs", exact=True).check()
    page.locator("#id_circle").select_option("ally")
    page.locator("#id_country").fill("SN")
    watch.check("actor-form")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Radio Libre de Ziguinchor")

    page.get_by_text("Ajouter une relation").click()
    page.locator("#id_relation_kind").select_option("partner_of")
    page.locator("#id_relation_other").select_option(label="Wiki des Communs")
    page.get_by_role("button", name="Enregistrer la relation").click()
    expect(page.get_by_role("table")).to_contain_text("Wiki des Communs")
    watch.check("actor-with-relation")
    assert no_sideways_scroll(page)
