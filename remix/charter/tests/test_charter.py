"""The charter: versions per language that never change, published by stewards only, the
history public, a diff between two versions, the article anchors the moderation log cites."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from remix.charter import selectors, services
from remix.charter.demo import ARTICLE_HIDDEN, CHARTER, load_charter
from remix.charter.models import CharterVersion
from remix.core.tests.page_queries import page_queries_flat

pytestmark = pytest.mark.django_db

FIRST = (
    "# 1. Neutralité\n\nLa plateforme a sa propre rationalité.\n\n"
    "# 2. Ce qui est masqué\n\nLe spam."
)
SECOND = FIRST.replace("Le spam.", "Le spam et la publicité.")


@pytest.fixture
def steward(make_user):
    return make_user("louise", roles=["steward"])


def publish(body, *, steward, based_on=None, language="fr", summary=""):
    return services.charter_publish(
        language=language, body=body, summary=summary, based_on=based_on, author=steward
    )


def test_each_edit_is_a_new_version_and_the_latest_is_in_force(steward):
    first = publish(FIRST, steward=steward, summary="Première")
    second = publish(SECOND, steward=steward, based_on=1)
    english = publish("# Neutrality", steward=steward, language="en")

    assert (first.number, second.number, english.number) == (1, 2, 1)
    assert selectors.charter_current(language="fr") == second
    assert selectors.charter_in_force(language="es") == second  # the default language's
    assert [v.language for v in selectors.charter_current_all()] == ["fr", "en"]
    assert second.author_name == "Louise"
    assert CharterVersion.objects.get(pk=first.pk).body == FIRST


def test_a_version_never_changes_in_the_model_nor_in_the_database(steward):
    first = publish(FIRST, steward=steward)

    with pytest.raises(ValueError):
        first.save()
    with pytest.raises(ValueError):
        first.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterVersion.objects.filter(pk=first.pk).update(body="Réécrit en douce.")
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            CharterVersion.objects.filter(pk=first.pk).delete()
    steward.delete()  # its author forgotten; its public name stays
    first.refresh_from_db()
    assert (first.author_id, first.author_name, first.body) == (None, "Louise", FIRST)


def test_an_edit_from_an_old_version_or_saying_nothing_new_is_refused(steward):
    publish(FIRST, steward=steward)
    publish(SECOND, steward=steward, based_on=1)

    with pytest.raises(ValidationError) as stale:
        publish("# Autre", steward=steward, based_on=1)
    with pytest.raises(ValidationError) as same:
        publish(SECOND + "\n", steward=steward, based_on=2)

    assert stale.value.code == "charter_changed_meanwhile"
    assert "body" in same.value.message_dict
    assert CharterVersion.objects.count() == 2


def test_only_stewards_publish(make_user):
    editor = make_user("camille", roles=["editor"])

    with pytest.raises(PermissionDenied):
        publish(FIRST, steward=editor)


def test_the_articles_are_the_headings_with_their_anchors(steward):
    version = publish(FIRST, steward=steward)

    assert [(a.title, a.anchor) for a in selectors.charter_articles(version)] == [
        ("1. Neutralité", "art-1-neutralite"),
        ("2. Ce qui est masqué", "art-2-ce-qui-est-masque"),
    ]


def test_the_diff_shows_the_lines_that_went_and_came(steward):
    publish(FIRST, steward=steward)
    publish(SECOND, steward=steward, based_on=1)

    diff = selectors.charter_diff(language="fr", before=1, after=2)

    changed = [line for line in diff.lines if line[0] != "equal"]
    assert changed == [("delete", "Le spam."), ("insert", "Le spam et la publicité.")]


def test_the_pages_show_the_charter_its_history_a_version_and_a_diff(client, steward):
    publish(FIRST, steward=steward, summary="Première")
    publish(SECOND, steward=steward, based_on=1, summary="Nomme la publicité")

    current = client.get("/charter/").content.decode()
    history = client.get("/charter/fr/history/").content.decode()
    old = client.get("/charter/fr/1/").content.decode()
    diff = client.get("/charter/fr/compare/?from=2&to=1").content.decode()

    assert '<h2 id="art-2-ce-qui-est-masque">2. Ce qui est masqué</h2>' in current
    assert 'href="#art-1-neutralite"' in current
    assert "Le spam et la publicité." in current
    assert "Nomme la publicité" in history and "Louise" in history
    assert "Le spam." in old and "plus en vigueur" in old
    assert "<del>" in diff and "Le spam et la publicité." in diff
    assert client.get("/charter/xx/1/").status_code == 404
    assert client.get("/charter/fr/3/").status_code == 404
    assert client.get("/charter/fr/compare/?from=1&to=x").status_code == 404


def test_the_charter_is_linked_from_every_page_s_footer(client):
    assert 'href="/charter/"' in client.get("/").content.decode()
    assert 'href="/en/charter/"' in client.get("/en/catalogue/").content.decode()


def test_a_steward_publishes_on_the_page_and_a_stale_edit_is_shown(client, steward, make_user):
    client.force_login(steward)

    made = client.post("/charter/fr/edit/", {"body": FIRST, "summary": "Première"})
    stale = client.post("/charter/fr/edit/", {"body": SECOND, "based_on": ""})
    form = client.get("/charter/fr/edit/").content.decode()

    assert made.status_code == 302 and made["Location"] == "/charter/fr/1/"
    assert stale.status_code == 200
    assert "Une autre version a été publiée entre-temps" in stale.content.decode()
    assert 'name="based_on" value="1"' in form
    client.force_login(make_user("camille", roles=["editor"]))
    assert client.get("/charter/fr/edit/").status_code == 403


def test_the_markdown_is_sanitised(client, steward):
    publish("# Titre\n\n<script>alert(1)</script> [x](javascript:alert(1))", steward=steward)

    page = client.get("/charter/").content.decode()

    assert "<script>alert" not in page
    assert 'href="javascript' not in page


def test_the_history_costs_its_page(client, steward):
    def rows(start, stop):
        current = selectors.charter_current(language="fr")
        for n in range(start, stop):
            publish(f"# Version {n}", steward=steward, based_on=current and current.number)
            current = selectors.charter_current(language="fr")

    page_queries_flat(client, "/charter/fr/history/", rows=rows)


def test_the_demo_charter_has_three_languages_in_two_versions(make_user):
    make_user("louise", roles=["steward"])

    load_charter()
    load_charter()  # a second run adds nothing

    assert CharterVersion.objects.count() == 6
    for language in CHARTER:
        current = selectors.charter_current(language=language)
        assert current.number == 2 and current.author_name == "Louise"
        assert len(selectors.charter_articles(current)) == 5
    french = selectors.charter_current(language="fr")
    assert ARTICLE_HIDDEN in {a.anchor for a in selectors.charter_articles(french)}


def test_the_api_gives_the_version_in_force_of_each_language(client, steward):
    publish(FIRST, steward=steward)
    publish(SECOND, steward=steward, based_on=1)
    publish("# Neutrality\n\nIts own rationale.", steward=steward, language="en")

    every = client.get("/api/v1/charter").json()
    english = client.get("/api/v1/charter?language=en").json()
    unknown = client.get("/api/v1/charter?language=xx")

    assert [(row["language"], row["number"]) for row in every] == [("fr", 2), ("en", 1)]
    assert every[0]["body"] == SECOND and every[0]["author"] == "Louise"
    assert every[0]["url"] == "http://testserver/charter/fr/2/"
    assert every[0]["articles"][1] == {
        "anchor": "art-2-ce-qui-est-masque",
        "title": "2. Ce qui est masqué",
        "url": "http://testserver/charter/fr/2/#art-2-ce-qui-est-masque",
    }
    assert english[0]["url"] == "http://testserver/en/charter/en/1/"
    assert english[0]["history_url"] == "http://testserver/en/charter/en/history/"
    assert unknown.status_code == 422
