"""Each of the catalogue's lists reads the database as many times for thirty rows as for three,
and shows the rows it was given."""

import pytest

from remix.allies.services import actor_create, theme_save
from remix.catalogue import services
from remix.catalogue.models import Family
from remix.catalogue.tests.test_pages import en
from remix.core.tests.page_queries import page_queries_flat

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    """What each document links to: an author, a theme, a commons."""
    seeds = theme_save(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    return {
        "seeds": seeds,
        "author": actor_create(name="Radio Communs", kind="organisation"),
        "garden": commons_of(f"Jardin {0}", themes=[seeds]),
    }


def commons_of(name, **data):
    return services.commons_create(
        author=None,
        data={"name": {"fr": name}, "family": Family.objects.get(code="nature"), **data},
    )


def documents(linked, *, summary="Une grainothèque de quartier."):
    def rows(start, stop):
        for n in range(start, stop):
            services.document_create(
                author=None,
                data={
                    "kind": "text",
                    "title": f"Document {n}",
                    "language": "fr",
                    "licence": "CC-BY-SA-4.0",
                    "country": "FR",
                    "summary": summary,
                    "authors": [linked["author"]],
                    "themes": [linked["seeds"]],
                    "commons": [linked["garden"]],
                },
            )

    return rows


def test_the_home_lists_the_latest_documents_at_the_cost_of_a_page(client, linked):
    few, many = page_queries_flat(client, en("home"), rows=documents(linked))
    assert "Document 2" in few and "3 documents" in few
    assert "Document 29" in many and "30 documents" in many and "Radio Communs" in many


def test_the_filtered_home_costs_its_page(client, linked):
    few, many = page_queries_flat(
        client, en("home") + "?country=FR&theme=semences", rows=documents(linked)
    )
    assert "Document 2" in few and "Document 29" in many and "30 documents" in many


def test_search_results_cost_their_page(client, linked):
    few, many = page_queries_flat(client, en("home") + "?q=grainoth", rows=documents(linked))
    assert few.count('class="hit hit-document"') == 3
    assert many.count('class="hit hit-document"') == 24 and 'rel="next"' in many


def test_the_commons_and_theme_pages_cost_their_page(client, linked):
    rows = documents(linked)
    few, many = page_queries_flat(client, en("commons", slug=linked["garden"].slug), rows=rows)
    assert "Document 2" in few and "Document 29" in many
    few, many = page_queries_flat(
        client, en("theme", code="semences"), rows=lambda start, stop: rows(30 + start, 30 + stop)
    )
    assert "Document 32" in few and "Document 59" in many


def test_the_list_of_commons_costs_its_page(client, linked):
    def rows(start, stop):
        for n in range(start, stop):
            commons_of(f"Commun {n}", country="FR", themes=[linked["seeds"]])

    few, many = page_queries_flat(client, en("commons_list"), rows=rows)
    assert "Commun 2" in few and "Commun 29" in many and "Seeds" in many


def test_the_moderation_log_costs_its_page(client, linked, make_user):
    moderator = make_user("modeste", roles=["editor"])
    documents(linked)(0, 30)

    def rows(start, stop):
        for n in range(start, stop):
            subject = (
                services.document_create(
                    author=None,
                    data={
                        "kind": "text",
                        "title": f"Caché {n}",
                        "language": "fr",
                        "licence": "CC-BY-SA-4.0",
                    },
                )
                if n % 2
                else commons_of(f"Commun caché {n}")
            )
            services.moderate(
                subject=subject, moderator=moderator, hide=True, reason=f"Doublon {n}"
            )

    few, many = page_queries_flat(client, en("moderation"), rows=rows)
    assert "Doublon 2" in few and "Doublon 29" in many


def test_the_revisions_of_a_document_cost_their_page(client, make_user):
    author = make_user("rita")
    document = services.document_create(
        author=author,
        data={"kind": "text", "title": "Version 0", "language": "fr", "licence": "CC-BY-SA-4.0"},
    )

    def rows(start, stop):
        for n in range(max(start, 1), stop):
            services.document_update(
                document=document,
                author=author,
                data={"title": f"Version {n}"},
                summary=f"Titre {n}",
            )

    url = en("document_revisions", slug=document.slug)
    few, many = page_queries_flat(client, url, rows=rows)
    assert "Titre 2" in few and "Titre 29" in many and "Rita" in many


def test_the_themes_page_costs_its_page(client, linked):
    def rows(start, stop):
        for n in range(start, stop):
            theme_save(code=f"theme-{n}", labels={"fr": f"Thème {n}", "en": f"Theme {n}"})

    few, many = page_queries_flat(client, en("themes"), rows=rows)
    assert "Theme 2" in few and "Theme 29" in many
