"""A map people can read (issue 17): the allies map names its core and any actor on hover or
keyboard focus, rings the circles around the core, shows the relation kinds, and takes a date in
the page's format; on a phone the flow diagram says it scrolls and the lineage stays legible; the
funding search names its territories."""

import re

import pytest
from playwright.sync_api import expect

from remix.allies.demo import load_network
from remix.allies.models import Actor
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

RING_DISTANCES = """(() => {
  const cy = window.remixMap, core = cy.nodes('.core');
  const cx = core.reduce((s, n) => s + n.position('x'), 0) / core.length;
  const cy_ = core.reduce((s, n) => s + n.position('y'), 0) / core.length;
  const out = {};
  cy.nodes('.actor').forEach(n => {
    const d = Math.hypot(n.position('x') - cx, n.position('y') - cy_);
    const c = n.data('circle');
    out[c] = out[c] || [Infinity, 0];
    out[c] = [Math.min(out[c][0], d), Math.max(out[c][1], d)];
  });
  return out;
})()"""


@pytest.fixture
def network(transactional_db):
    load_network()


def map_ready(page):
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()


def test_the_map_names_its_core_rings_its_circles_and_shows_the_relation_kinds(watched, network):
    watch = watched()
    page = watch.page
    page.goto("/allies/")
    map_ready(page)

    core = list(Actor.objects.filter(circle="core").order_by("name").values_list("name", flat=True))
    labels = page.evaluate(
        "window.remixMap.nodes('.actor').map(n => [n.data('label'), n.data('circle'),"
        " n.style('label')])"
    )
    assert sorted(name for name, circle, shown in labels if circle == "core") == core
    assert all(shown == name for name, circle, shown in labels if circle == "core")
    assert all(shown == "" for name, circle, shown in labels if circle != "core")

    rings = page.evaluate(RING_DISTANCES)
    order = ["core", "partner", "ally", "friend"]
    for inner, outer in zip(order, order[1:], strict=False):
        assert rings[inner][1] < rings[outer][0], (inner, outer, rings)

    legend = page.get_by_role("list", name="Types de relations sur la carte")
    expect(legend.get_by_role("listitem")).to_have_count(6)
    for label in ("Membre de", "Porte", "Partenaire de", "Coproduit avec", "Allié à"):
        expect(legend).to_contain_text(label)
    kinds = page.evaluate(
        "Object.fromEntries(['member_of', 'funds', 'partner_of', 'co_produces'].map(k => {"
        " const e = window.remixMap.edges(`[kind = '${k}']`)[0];"
        " return [k, [e.style('line-color'), e.style('line-style'),"
        " e.style('target-arrow-shape')]]; }))"
    )
    assert kinds["member_of"][1:] == ["solid", "triangle"]
    assert kinds["funds"][1:] == ["dashed", "triangle"]
    assert kinds["partner_of"][1:] == ["solid", "none"]
    assert kinds["co_produces"][1:] == ["dashed", "none"]
    assert len({colour for colour, _line, _arrow in kinds.values()}) == 4
    watch.check("map-desktop")


def test_a_keyboard_user_hears_and_sees_each_actor_s_name(watched, network):
    watch = watched()
    page = watch.page
    page.goto("/allies/")
    map_ready(page)
    box = page.locator("#network-map")
    expect(box).to_have_attribute("tabindex", "0")
    box.focus()
    page.keyboard.press("End")  # the last actor: a friend, unnamed until focused
    lit = page.evaluate(
        "window.remixMap.nodes('.lit').map(n => [n.data('label'), n.data('circle'),"
        " n.style('label')])"
    )
    assert len(lit) == 1
    name, circle, shown = lit[0]
    assert circle == "friend" and shown == name
    expect(page.locator("#map-focused")).to_have_text(f"{name} — ami")
    page.keyboard.press("Home")
    first = page.evaluate("window.remixMap.nodes('.lit').map(n => n.data('circle'))")
    assert first == ["core"]
    page.keyboard.press("ArrowLeft")  # wraps round to the last
    assert page.evaluate("window.remixMap.nodes('.lit').map(n => n.data('label'))") == [name]
    watch.check("map-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/allies/actors/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_the_date_filter_is_written_in_the_page_s_language(watched, network):
    # A browser set to American English: its own date picker would write 06/15/2021.
    watch = watched(locale="en-US")
    page = watch.page
    page.goto("/allies/")
    map_ready(page)
    today = page.evaluate("window.remixMap.edges().length")
    field = page.get_by_label("À la date")
    expect(field).to_have_attribute("placeholder", "jj/mm/aaaa")
    field.fill("15/06/2021")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"on=15%2F06%2F2021"))
    map_ready(page)
    expect(page.get_by_label("À la date")).to_have_value("15/06/2021")
    expect(page.locator(".map-count")).to_contain_text("Relations ouvertes le 15 juin 2021.")
    then = page.evaluate("window.remixMap.edges().length")
    assert 0 < then < today
    watch.check("map-dated")

    page.goto("/es/allies/?on=15%2F06%2F2021")
    map_ready(page)
    expect(page.get_by_label("En la fecha")).to_have_attribute("placeholder", "dd/mm/aaaa")
    expect(page.locator(".map-count")).to_contain_text("15 de junio de 2021")
    assert page.evaluate("window.remixMap.edges().length") == then
    watch.check("map-dated-es")


def test_the_map_on_a_phone(watched, network):
    watch = watched(viewport=PHONE)
    page = watch.page
    page.goto("/allies/")
    map_ready(page)
    assert page.evaluate("window.remixMap.nodes('.core').length") == 4
    assert no_sideways_scroll(page)
    watch.check("map-phone")
