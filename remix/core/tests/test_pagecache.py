"""Public pages cached per version of their data: a second visit costs no query for the data,
a write shows on the next visit, each language and each signed-in reader gets their own page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from remix.allies.models import Actor
from remix.allies.services import actor_create, actor_update
from remix.catalogue import services as catalogue
from remix.core.models import DataVersion
from remix.core.pagecache import data_version_bump, data_versions
from remix.ledger.tests.builders import books_load

pytestmark = pytest.mark.django_db

HOME = {"fr": "/catalogue/", "en": "/en/catalogue/"}
TITLE = {"fr": "Catalogue des communs", "en": "Catalogue of the commons"}


def document(title, **data):
    return catalogue.document_create(
        author=None,
        data={"kind": "text", "title": title, "language": "fr", "licence": "CC0-1.0", **data},
    )


def get(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_second_visit_is_served_from_the_cache_until_a_write(client, language):
    document("Le four à pain")
    first, computed = get(client, HOME[language])
    again, remembered = get(client, HOME[language])
    assert again == first and TITLE[language] in again
    assert remembered < computed and remembered <= 3  # the session aside, the versions only

    document("La laverie solidaire")
    after, _ = get(client, HOME[language])
    assert "La laverie solidaire" in after and "Le four à pain" in after


def test_each_language_has_its_own_page(client):
    document("Le four à pain")
    french, _ = get(client, HOME["fr"])
    english, _ = get(client, HOME["en"])
    assert TITLE["fr"] in french and TITLE["en"] not in french
    assert TITLE["en"] in english and TITLE["fr"] not in english
    assert get(client, HOME["fr"])[0] == french


def test_an_author_renamed_shows_on_the_catalogue_home(client):
    author = actor_create(name="Radio Communs", kind="organisation")
    document("Le four à pain", authors=[author])
    assert "Radio Communs" in get(client, HOME["en"])[0]
    actor_update(actor=author, name="Radio des Communs")
    assert "Radio des Communs" in get(client, HOME["en"])[0]


def test_a_save_outside_the_services_bumps_its_domain_too():
    author = actor_create(name="Radio Communs", kind="organisation")
    before = data_versions(("allies", "catalogue"))
    Actor.objects.filter(pk=author.pk).first().save()
    after = data_versions(("allies", "catalogue"))
    assert after == (before[0] + 1, before[1])


def test_a_bump_creates_the_domain_and_counts_on():
    assert data_versions(("nowhere",)) == (0,)
    data_version_bump("nowhere")
    data_version_bump("nowhere")
    assert DataVersion.objects.get(domain="nowhere").version == 2


def test_a_signed_in_reader_is_never_served_the_cached_page(client, make_user):
    document("Le four à pain")
    anonymous, _ = get(client, HOME["en"])
    client.force_login(make_user("mireille", roles=["member"]))
    signed_in, _ = get(client, HOME["en"])
    assert "Log out" in signed_in and "Add a document" in signed_in
    client.logout()
    assert get(client, HOME["en"])[0] == anonymous and "Log out" not in anonymous


def test_a_page_with_a_message_waiting_is_shown_and_not_cached(client):
    from remix.catalogue.views.pages import home

    document("Le four à pain")
    request = RequestFactory().get(HOME["fr"])
    request.user, request.session = AnonymousUser(), SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "Vous êtes déconnecté.")
    assert "Vous êtes déconnecté." in home(request).content.decode()
    assert "Vous êtes déconnecté." not in get(client, HOME["fr"])[0]


def test_the_map_data_follows_the_network(client):
    actor_create(name="SCOP Les Semeurs", kind="organisation", movements=["ess"])
    before = client.get("/allies/network.json").json()
    assert {node["name"] for node in before["nodes"]} == {"SCOP Les Semeurs"}
    actor_create(name="Grainothèque", kind="organisation", movements=["commons"])
    after = client.get("/allies/network.json").json()
    assert {node["name"] for node in after["nodes"]} == {"SCOP Les Semeurs", "Grainothèque"}
    assert "Grainothèque" in client.get("/en/allies/").content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_open_budget_shows_a_transaction_posted_after_a_visit(client, language):
    prefix = "" if language == "fr" else "/en"
    url = f"{prefix}/budget/?period=2026"
    books_load(
        """
        2026-01-15 * "Don de Awa" awa-diop
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR
        """
    )
    first, _ = get(client, url)
    assert "Don de Awa" in first and "Hébergement du serveur" not in first
    books_load(
        """
        2026-03-10 * "Hébergement du serveur" hebergeur-libre
          Expenses:Hosting                 200.00 EUR
          Assets:Bank:Current             -200.00 EUR
        """
    )
    assert "Hébergement du serveur" in get(client, url)[0]
