"""The demo catalogue: what it holds, and that loading it again changes nothing. The demo is
loaded once for the module (conftest.module_data); the scale generator: test_generate_scale.py."""

import pytest

from conftest import module_data
from remix.allies.models import Actor
from remix.allies.selectors import trunk_to_document
from remix.catalogue import search, services
from remix.catalogue.demo import SPAM_REASON
from remix.catalogue.licences import LICENCES, remix_rule
from remix.catalogue.models import (
    Commons,
    Derivation,
    Document,
    DocumentKind,
    ModerationEvent,
    Revision,
    SearchEntry,
    SearchKind,
)
from remix.core.demo import demo_load

NOTICES = ("illustratif", "Illustrative", "ilustrativo")


def counts() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "revisions": Revision.objects.count(),
        "commons": Commons.objects.count(),
        "derivations": Derivation.objects.count(),
        "moderation": ModerationEvent.objects.count(),
        "entries": SearchEntry.objects.count(),
    }


demo_network = module_data(demo_load)


@pytest.fixture
def demo(demo_network, db):
    """The demo network, loaded once for the module's tests that read it."""


def test_the_demo_catalogue_loads_twice_into_the_same_data(demo):
    first = counts()
    demo_load()

    assert counts() == first
    assert first["documents"] >= 36 and first["commons"] == 8
    assert first["revisions"] > first["documents"] + first["commons"]  # some second revisions
    assert first["derivations"] >= 8


def test_the_demo_speaks_three_languages_in_every_kind_with_translations(demo):
    visible = Document.objects.visible()

    assert set(visible.values_list("language", flat=True)) == {"fr", "en", "es"}
    assert set(visible.values_list("kind", flat=True)) == set(DocumentKind.values)
    in_three = [
        document
        for document in visible.filter(translation_of=None)
        if {"en", "es", "fr"}
        <= {document.language, *(t.language for t in document.translations.all())}
    ]
    assert len(in_three) >= 3
    for document in visible:
        assert any(notice in document.body for notice in NOTICES), document.slug
        assert not document.media_url or document.media_url.startswith("https://example.org/")


def test_the_demo_remixes_take_a_licence_their_sources_allow(demo):
    remixes = Document.objects.filter(kind=DocumentKind.REMIX).prefetch_related("sources")

    assert remixes.count() >= 4
    for remix in remixes:
        licences = [source.licence for source in remix.sources.all()]
        assert len(licences) >= 2
        assert remix.licence in remix_rule(licences).allowed, remix.slug
    share_alike = [r for r in remixes if "CC-BY-SA-4.0" in {s.licence for s in r.sources.all()}]
    assert share_alike and all(remix.licence == "CC-BY-SA-4.0" for remix in share_alike)
    assert any(source.kind == DocumentKind.REMIX for r in remixes for source in r.sources.all())
    (non_free,) = Document.objects.filter(licence="CC-BY-NC-SA-4.0")
    assert not LICENCES[non_free.licence].free
    (no_derivatives,) = Document.objects.filter(licence="CC-BY-ND-4.0")
    assert not no_derivatives.remixes.exists()


def test_the_demo_links_actors_themes_and_commons_and_logs_one_hiding(demo):
    demo_actors = set(Actor.objects.filter(source="demo").values_list("pk", flat=True))
    for document in Document.objects.visible():
        people = [*document.authors.all(), *document.contributors.all()]
        assert people and {actor.pk for actor in people} <= demo_actors, document.slug
        assert document.producer_id in demo_actors | {None}
        assert document.themes.exists(), document.slug
    commons = Commons.objects.all()
    assert len({c.family_id for c in commons}) >= 7
    assert all(c.carriers.exists() and set(c.name) == {"fr", "en", "es"} for c in commons)
    assert commons.filter(latitude__isnull=False).count() >= 5
    (event,) = ModerationEvent.objects.all()
    assert event.document.hidden and event.reason == SPAM_REASON
    assert event.moderator.username == "camille"


def test_search_finds_demo_documents_without_accents_and_demo_actors(demo):
    assert SearchEntry.objects.filter(kind=SearchKind.ACTOR).count() == Actor.objects.count()

    found = search.search("economie", kind=SearchKind.DOCUMENT)
    assert "lancer-une-monnaie-locale-retour-dexperience" in {hit.slug for hit in found}
    spanish = search.search("economia", language="es", kind=SearchKind.DOCUMENT)
    assert "bienes-comunes-y-comunes-una-distincion" in {hit.slug for hit in spanish}
    (actor,) = search.search("semences sahel", kind=SearchKind.ACTOR)
    assert actor.slug == "collectif-semences-du-sahel"
    assert not search.search("watches")  # the hidden spam is not searched


def test_the_trunk_says_how_much_of_the_catalogue_documents_each_theme(demo, client):
    water = Document.objects.visible().filter(themes__code="eau")
    hidden = water.get(slug="llamada-de-la-red-defender-el-agua-comun")
    services.moderate(subject=hidden, moderator=None, hide=True, reason="Test")
    count, commons = water.count(), Commons.objects.visible().filter(themes__code="eau").count()

    page = client.get("/en/allies/trunk/").content.decode()

    assert count >= 8 and commons == 2
    link = (
        f'<a href="/en/catalogue/themes/eau/">{count} documents, {commons} commons documented</a>'
    )
    assert link in page


def test_the_demo_moderation_cites_the_charter_s_article(demo, client):
    log = client.get("/en/catalogue/moderation/").content.decode()

    assert (
        'Charter: <a href="/en/charter/fr/2/#art-3-ce-qui-est-masque">3. Ce qui est masqué</a> '
        "(version 2)"
    ) in log


def test_the_trunk_asks_to_document_its_least_documented_themes(demo, client):
    to_document = trunk_to_document()
    per_point = [item["per_point"] for item in to_document]

    page = client.get("/en/allies/trunk/").content.decode()

    assert len(to_document) == 5 and per_point == sorted(per_point)
    first = to_document[0]
    assert '<h2 id="to-document-title">To document</h2>' in page
    assert f'<a href="/en/catalogue/themes/{first["theme"].code}/">' in page
    assert f"rank {first['rank']} in the trunk" in page
    records = client.get("/allies/trunk.json").json()["to_document"]
    assert [r["theme"] for r in records] == [item["theme"].code for item in to_document]
