"""The language a person reads in: their choice, then their browser's (on the home), then French."""

import pytest
from django.conf import settings

from remix.accounts.models import User

COOKIE = settings.LANGUAGE_COOKIE_NAME
PASSWORD = "une-phrase-assez-longue-7"


@pytest.mark.parametrize(
    ("accept", "to"),
    [("es-ES,es;q=0.9", "/es/"), ("en-GB,en;q=0.8,fr;q=0.5", "/en/"), ("de-DE,en;q=0.7", "/en/")],
)
def test_a_first_visit_to_the_home_follows_the_browser(client, db, accept, to):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == to
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("accept", ["fr-FR,fr;q=0.9,en;q=0.5", "de-DE", "*", ""])
def test_french_stays_the_default(client, db, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_other_addresses_keep_the_language_they_name(client, db):
    assert client.get("/funding/", HTTP_ACCEPT_LANGUAGE="es").status_code == 200
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="es").status_code == 200


def test_the_switcher_remembers_the_choice_over_the_browser(client, db):
    response = client.get("/language/fr/?next=/en/funding/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response["Location"] == "/funding/"
    assert response.cookies[COOKIE].value == "fr"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200

    response = client.get("/language/es/?next=/funding/")
    assert response["Location"] == "/es/funding/"
    # Every unprefixed page now follows the choice, whatever the browser says.
    response = client.get("/funding/?q=eau", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/es/funding/?q=eau"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/nothing-here/"])
def test_the_switcher_goes_nowhere_but_this_site(client, db, next_url):
    response = client.get("/language/en/", {"next": next_url})

    assert response.status_code == 302
    assert not response["Location"].startswith(("http", "//"))


def test_the_switcher_shows_on_every_page(client, db):
    page = client.get("/en/funding/").content.decode()

    assert 'href="/language/es/?next=%2Fes%2Ffunding%2F"' in page
    assert 'hreflang="es" href="/es/funding/"' in page  # the alternates stay plain addresses


def test_a_member_lands_in_their_language_after_logging_in_and_stays_there(client, db):
    User.objects.create_user("lucia", "lucia@example.org", PASSWORD, language="es")

    response = client.post(
        "/accounts/login/?next=/funding/", {"username": "lucia", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/es/funding/"
    assert response.cookies[COOKIE].value == "es"
    page = client.get("/es/funding/").content.decode()
    assert '<html lang="es">' in page
    assert client.get("/catalogue/")["Location"] == "/es/catalogue/"


def test_the_switcher_wins_over_the_profile_until_the_next_log_in(client, db):
    User.objects.create_user("lucia", "lucia@example.org", PASSWORD, language="es")
    client.post("/accounts/login/", {"username": "lucia", "password": PASSWORD})

    client.get("/language/fr/?next=/")
    assert client.get("/").status_code == 200


def test_a_language_changed_on_the_profile_is_the_pages_language(client, db):
    user = User.objects.create_user("lucia", "lucia@example.org", PASSWORD, language="fr")
    client.force_login(user)

    response = client.post(
        "/accounts/profile/",
        {"display_name": "Lucía", "email": "lucia@example.org", "language": "en"},
    )

    assert response["Location"] == "/en/accounts/profile/"
    assert response.cookies[COOKIE].value == "en"
