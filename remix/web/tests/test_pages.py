import re

import pytest

from remix.web.areas import AREAS

PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    *[f"/areas/{area.slug}/" for area in AREAS if area.is_placeholder],
    "/allies/",
    "/allies/actors/",
    "/allies/trunk/",
    "/allies/measures/",
    "/allies/themes/",
    "/allies/import/",
]


def test_the_home_page_is_in_french_by_default(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,fr;q=0.5")
    page = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "Contribuer" in page


@pytest.mark.parametrize(
    ("prefix", "lang", "word"), [("/en", "en", "Contribute"), ("/es", "es", "Contribuir")]
)
def test_the_same_page_in_english_and_spanish(client, db, prefix, lang, word):
    page = client.get(f"{prefix}/").content.decode()

    assert f'<html lang="{lang}">' in page
    assert word in page


def test_the_language_switcher_keeps_the_page_and_its_query(client, db):
    page = client.get("/en/accounts/login/?next=/en/accounts/profile/").content.decode()

    assert 'hreflang="fr" href="/accounts/login/?next=/en/accounts/profile/"' in page
    assert 'hreflang="es" href="/es/accounts/login/?next=/en/accounts/profile/"' in page
    # The switcher leads to the same addresses through the view that remembers the choice.
    to_spanish = "%2Fes%2Faccounts%2Flogin%2F%3Fnext%3D%2Fen%2Faccounts%2Fprofile%2F"
    assert f'href="/language/es/?next={to_spanish}" rel="nofollow" lang="es"' in page


def test_an_area_with_its_pages_sends_there(client, db):
    response = client.get("/en/areas/allies/")

    assert response.status_code == 302 and response["Location"] == "/en/allies/"


def test_areas_not_built_yet_say_what_they_will_hold(client, db, monkeypatch):
    # Every area has its app now: one more, to come, is shown by its placeholder.
    from remix.web.areas import AREAS_BY_SLUG, Area

    later = Area("later", "Plus tard", "Ce qui viendra", "Ce qu'elle tiendra")
    monkeypatch.setitem(AREAS_BY_SLUG, "later", later)
    page = client.get("/areas/later/").content.decode()

    assert "Plus tard" in page and "Ce qu'elle tiendra" in page.replace("&#x27;", "'")
    assert "Bientôt" in page


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/nowhere/", "Page introuvable"),
        ("/en/nowhere/", "Page not found"),
        ("/es/nowhere/", "Página no encontrada"),
        ("/areas/unknown/", "Page introuvable"),
    ],
)
def test_unknown_urls_get_a_translated_404_page(client, db, path, title):
    response = client.get(path)

    assert response.status_code == 404
    assert title in response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_no_inline_script_or_style_and_load_nothing_remote(client, db, path):
    response = client.get(path)
    page = response.content.decode()

    assert response.status_code == 200
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script"
    assert not re.search(r"\sstyle=", page), "inline style attribute"
    assert "<style" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page), "remote asset"


def test_security_headers(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_forms_carry_a_csrf_token_and_refuse_without_it(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" in strict.get("/accounts/login/").content.decode()

    response = strict.post("/accounts/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_static_assets_ship_with_the_install():
    from django.contrib.staticfiles import finders

    assert finders.find("remix/remix.css")
    assert finders.find("ninja/swagger-ui-bundle.js")


def test_the_home_page_shows_the_latest_visible_documents(client, db):
    from remix.catalogue import services

    def add(title, language):
        return services.document_create(
            author=None,
            data={"kind": "text", "title": title, "language": language, "licence": "CC0-1.0"},
        )

    shown = add("Les communs numériques", "fr")
    add("La minga", "es")
    hidden = add("Réclame", "fr")
    services.moderate(subject=hidden, moderator=None, hide=True, reason="Publicité.")
    html = client.get("/en/").content.decode()
    assert "Latest documents" in html
    assert f'href="/en/catalogue/documents/{shown.slug}/" lang="fr"' in html
    assert "La minga" in html
    assert "Réclame" not in html
