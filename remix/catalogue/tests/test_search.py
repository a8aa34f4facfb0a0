"""Full-text search: accents, case, languages, prefixes, highlights, and nothing to inject."""

import pytest
from django.db import connection

from remix.allies.services import actor_create
from remix.catalogue import search, services
from remix.catalogue.models import Family

pytestmark = pytest.mark.django_db


def doc(title, *, language="fr", kind="text", **data):
    return services.document_create(
        author=None,
        data={"kind": kind, "title": title, "language": language, "licence": "CC-BY-4.0", **data},
    )


@pytest.fixture
def catalogue():
    return {
        "fr": doc(
            "L'économie des communs",
            summary="Une introduction à l'ÉCONOMIE solidaire et aux communs.",
            body="## Partie 1\n\nLes **coopératives** et la *gouvernance* partagée.",
        ),
        "es": doc(
            "La economía del agua",
            language="es",
            summary="Los comunes del agua y su gestión comunitaria en Cochabamba.",
            kind="interview",
        ),
        "en": doc("Seed libraries", language="en", summary="How a seed library lends seeds."),
    }


def slugs(hits):
    return [hit.slug for hit in hits]


def test_accents_and_case_do_not_matter(catalogue):
    for query in ("economie", "ÉCONOMIE", "Économie", "economíe"):
        assert catalogue["fr"].slug in slugs(search.search(query)), query
    assert slugs(search.search("cooperatives")) == [catalogue["fr"].slug]


def test_a_spanish_query_finds_the_spanish_document(catalogue):
    assert slugs(search.search("gestión comunitaria", language="es")) == [catalogue["es"].slug]
    assert slugs(search.search("agua", language="fr")) == []
    assert slugs(search.search("agua")) == [catalogue["es"].slug]


def test_the_last_word_is_a_prefix_and_every_word_must_match(catalogue):
    assert slugs(search.search("seed lib")) == [catalogue["en"].slug]
    assert slugs(search.search("seed economie")) == []


def test_filters_by_kind_of_thing_and_of_document(catalogue):
    actor_create(name="Coopérative des communs", kind="organisation")
    nature = Family.objects.get(code="nature")
    services.commons_create(
        author=None, data={"name": {"fr": "Communs de l'eau"}, "family": nature}
    )
    kinds = {hit.kind for hit in search.search("communs")}
    assert kinds == {"document", "commons", "actor"}
    assert {hit.kind for hit in search.search("communs", kind="actor")} == {"actor"}
    assert slugs(search.search("agua", doc_kind="interview")) == [catalogue["es"].slug]
    assert slugs(search.search("agua", doc_kind="video")) == []


def test_matches_are_marked_and_user_text_is_escaped():
    doc("<script>alert('économie')</script> & co")
    (hit,) = search.search("economie")
    assert "<script>" not in hit.title_html
    assert "‹script›" in hit.title_html
    assert "<mark>économie</mark>" in hit.title_html
    assert "&amp; co" in hit.title_html


@pytest.mark.parametrize(
    "query",
    ['"', "'", "économie\"'", "NEAR(a b)", "a OR b", "-x", "*", "col:val", "a & b | !c", "))", ""],
)
def test_query_syntax_never_reaches_the_engine(catalogue, query):
    # No error whatever is typed; words found in the query still count.
    hits = search.search(query)
    assert isinstance(hits, list)


def test_a_bare_query_asks_nothing(catalogue):
    assert search.search("   ") == []
    assert search.search_sql("!!!") is None


def test_the_raw_statement_is_what_search_runs(catalogue):
    sql, params = search.search_sql("economie", limit=5)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    assert [row[1] for row in rows] == [hit.object_id for hit in search.search("economie", limit=5)]


def test_editing_a_document_updates_its_entry(catalogue):
    services.document_update(
        document=catalogue["en"], author=None, data={"title": "Bibliothèques de graines"}
    )
    assert slugs(search.search("bibliotheques")) == [catalogue["en"].slug]
    assert slugs(search.search("libraries")) == []


def test_actors_are_searched_as_they_are_saved():
    actor = actor_create(name="Réseau des grainothèques", kind="network")
    assert slugs(search.search("grainotheques")) == [actor.slug]
    assert search.search("grainotheques")[0].url == f"/allies/actors/{actor.slug}/"


def test_reindex_all_rebuilds_the_same_entries(catalogue):
    before = sorted(slugs(search.search("communs")))
    assert search.reindex_all() >= 3
    assert sorted(slugs(search.search("communs"))) == before


def test_the_reindex_command_rebuilds_the_index(catalogue):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    from remix.catalogue.models import SearchEntry

    SearchEntry.objects.all().delete()
    assert search.search("economie") == []
    out = StringIO()
    with translation.override("en"):
        call_command("search-reindex", stdout=out)
    assert "3 search entries written." in out.getvalue()
    assert slugs(search.search("economie")) == [catalogue["fr"].slug]


def test_a_text_cannot_forge_the_match_markers():
    doc("économie \x02 sans \x03 fin \x02")
    (hit,) = search.search("economie")
    assert hit.title_html.count("<mark>") == hit.title_html.count("</mark>") == 1
