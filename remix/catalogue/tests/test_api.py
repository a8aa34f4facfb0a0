"""The catalogue's API: public reads of visible things, members' writes as revisions, one error
shape with translated reasons, and search with plain text and highlight ranges."""

import datetime
import json

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openapi_spec_validator import validate

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.allies.services import actor_create, theme_merge, theme_save
from remix.catalogue import services
from remix.catalogue.models import Commons, Document, Family

pytestmark = pytest.mark.django_db

JSON = "application/json"


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def doc(title, *, language="fr", kind="text", licence="CC-BY-SA-4.0", author=None, **data):
    return services.document_create(
        author=author,
        data={"kind": kind, "title": title, "language": language, "licence": licence, **data},
    )


def hide(subject):
    services.moderate(subject=subject, moderator=None, hide=True, reason="Spam.")


def commons_of(name, *, family="nature", **data):
    return services.commons_create(
        author=None,
        data={"name": {"fr": name}, "family": Family.objects.get(code=family), **data},
    )


@pytest.fixture
def member(api_token):
    user, raw = api_token(username="amina")
    return user, bearer(raw)


def post(client, path, data, headers, **extra):
    return client.post(path, data=json.dumps(data), content_type=JSON, **headers, **extra)


def patch(client, path, data, headers, **extra):
    return client.patch(path, data=json.dumps(data), content_type=JSON, **headers, **extra)


def fields_of(response) -> dict:
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    return {item["field"]: item["reason"] for item in error["fields"]}


# --- reads ---------------------------------------------------------------------------------------


def test_documents_are_listed_to_anyone_with_their_filters(client):
    water = theme_save(code="eau", labels={"fr": "Eau"})
    old_water = theme_save(code="water", labels={"en": "Water"})
    theme_merge(merged=old_water, survivor=water)
    assembly = commons_of("Assemblée de l'eau", family="nature")
    doc("Les communs de l'eau", themes=[water], commons=[assembly], country="BO")
    doc("La economía del agua", language="es", kind="interview", licence="CC-BY-4.0")
    doc("Seed libraries", language="en", licence="CC-BY-NC-SA-4.0")

    def titles(**params):
        body = client.get("/api/v1/documents", params).json()
        assert body["count"] == len(body["items"])
        return sorted(item["title"] for item in body["items"])

    assert len(titles()) == 3
    assert titles(language="es") == ["La economía del agua"]
    assert titles(kind="interview") == ["La economía del agua"]
    assert titles(theme="eau") == titles(theme="water") == ["Les communs de l'eau"]
    assert titles(licence="CC-BY-NC-SA-4.0") == ["Seed libraries"]
    assert titles(country="bo") == ["Les communs de l'eau"]
    assert titles(family="nature") == ["Les communs de l'eau"]
    assert titles(family="digital") == []
    assert titles(theme="nothing") == []
    page = client.get("/api/v1/documents", {"limit": 2}).json()
    assert (page["count"], len(page["items"])) == (3, 2)
    assert client.get("/api/v1/documents", {"kind": "poem"}).status_code == 422


def test_a_page_of_documents_costs_the_same_queries_for_two_or_ten(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = actor_create(name="Collectif", kind="collective")
    water = theme_save(code="eau", labels={"fr": "Eau"})
    assembly = commons_of("Assemblée")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/documents").status_code == 200
        return len(captured)

    source = doc("Source")
    doc("Remix 0", kind="remix", sources=[source], authors=[author], themes=[water])
    few = queries()
    for number in range(1, 9):
        doc(f"Remix {number}", kind="remix", sources=[source], authors=[author],
            themes=[water], commons=[assembly])  # fmt: skip
    assert queries() == few


def test_a_document_shows_its_links_and_never_an_actors_private_fields(client):
    person = actor_create(
        name="Amina Diallo", kind="person", email="amina@secret.example", phone="+221 77 000"
    )
    studio = actor_create(name="Studio Commun", kind="organisation", email="studio@secret.example")
    seeds = theme_save(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    library = commons_of("Grainothèque de Dakar", family="food")
    original = doc("Les semences paysannes", summary="Garder et partager.")
    translated = doc("Peasant seeds", language="en", translation_of=original)
    remix = doc(
        "Semences, remix",
        kind="remix",
        sources=[original],
        authors=[person],
        producer=studio,
        themes=[seeds],
        commons=[library],
        date=datetime.date(2024, 5, 1),
        duration_seconds=95,
        media_url="https://media.example.org/seeds.mp4",
    )

    response = client.get(f"/api/v1/documents/{remix.pk}", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()

    assert response.status_code == 200
    assert body["slug"] == remix.slug
    assert body["url"].endswith(f"/documents/{remix.slug}/")
    assert body["jsonld"].endswith(f"/documents/{remix.slug}.jsonld")
    assert body["authors"][0]["name"] == "Amina Diallo"
    assert set(body["authors"][0]) == {"id", "slug", "name", "kind", "url"}
    assert body["producer"]["slug"] == studio.slug
    assert body["themes"] == [{"code": "semences", "label": "Seeds", "wikidata_id": None}]
    assert [each["slug"] for each in body["commons"]] == [library.slug]
    assert [each["slug"] for each in body["sources"]] == [original.slug]
    assert body["licence"] == "CC-BY-SA-4.0"
    assert body["licence_info"]["free"] is True
    assert body["date"] == "2024-05-01"
    assert "secret" not in response.content.decode() and "+221" not in response.content.decode()

    source = client.get(f"/api/v1/documents/{original.pk}").json()
    assert [each["slug"] for each in source["remixes"]] == [remix.slug]
    assert [each["language"] for each in source["translations"]] == ["en"]
    version = client.get(f"/api/v1/documents/{translated.pk}").json()
    assert version["translation_of"]["slug"] == original.slug


def test_hidden_documents_and_commons_are_absent_from_every_read(client, member):
    _user, headers = member
    shown = doc("Un document visible")
    gone = doc("Un document caché", summary="caché")
    hidden_commons = commons_of("Commun caché")
    remix = doc("Un remix", kind="remix", sources=[shown, gone])
    hide(gone)
    hide(hidden_commons)

    assert client.get(f"/api/v1/documents/{gone.pk}").status_code == 404
    assert client.get(f"/api/v1/documents/{gone.pk}").json()["error"]["code"] == "not_found"
    assert client.get(f"/api/v1/documents/{gone.pk}/revisions").status_code == 404
    listed = [item["slug"] for item in client.get("/api/v1/documents").json()["items"]]
    assert gone.slug not in listed and shown.slug in listed
    sources = client.get(f"/api/v1/documents/{remix.pk}").json()["sources"]
    assert [each["slug"] for each in sources] == [shown.slug]
    assert client.get("/api/v1/search", {"q": "caché"}).json() == []
    assert client.get(f"/api/v1/commons/{hidden_commons.pk}").status_code == 404
    assert client.get("/api/v1/commons").json()["items"] == []
    edit = patch(
        client, f"/api/v1/documents/{gone.pk}", {"title": "x", "edit_summary": "x"}, headers
    )
    assert edit.status_code == 404
    linked = post(
        client,
        "/api/v1/documents",
        {"kind": "remix", "title": "R", "language": "fr", "sources": [gone.slug]},
        headers,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert fields_of(linked)["sources"] == f"Unknown document: {gone.slug}."


# --- writes --------------------------------------------------------------------------------------


def test_writes_need_a_members_token(client, api_token):
    body = {"kind": "text", "title": "Sans jeton", "language": "fr"}

    anonymous = client.post("/api/v1/documents", data=body, content_type=JSON)
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "unauthenticated"

    user, raw = api_token(username="former")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    refused = post(client, "/api/v1/documents", body, bearer(raw))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert not Document.objects.exists()


def test_a_member_creates_a_document_with_links_by_slug_and_code(client, member):
    user, headers = member
    author = actor_create(name="Collectif Semences", kind="collective")
    seeds = theme_save(code="semences", labels={"fr": "Semences"})
    old = theme_save(code="graines", labels={"fr": "Graines"})
    theme_merge(merged=old, survivor=seeds)
    library = commons_of("Grainothèque")
    source = doc("La grainothèque", licence="CC-BY-4.0")
    original = doc("Original en français")

    response = post(
        client,
        "/api/v1/documents",
        {
            "kind": "remix",
            "title": "Semer, remix",
            "language": "fr",
            "licence": "CC-BY-4.0",
            "summary": "Un remix de la grainothèque.",
            "authors": [author.slug],
            "themes": ["graines"],
            "commons": [library.slug],
            "sources": [source.slug],
            "edit_summary": "Première version",
        },
        headers,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Semer, remix"
    assert [theme["code"] for theme in body["themes"]] == ["semences"]
    created = Document.objects.get(pk=body["id"])
    assert created.created_by == user
    revision = created.revisions.get()
    assert (revision.number, revision.author, revision.summary) == (1, user, "Première version")
    assert revision.data["sources"] == [source.slug]

    translation_ = post(
        client,
        "/api/v1/documents",
        {
            "kind": "text",
            "title": "English version",
            "language": "en",
            "translation_of": original.slug,
        },
        headers,
    )
    assert translation_.status_code == 201
    assert translation_.json()["translation_of"]["slug"] == original.slug


def test_a_patch_changes_only_the_keys_given_and_keeps_a_revision(client, member):
    user, headers = member
    document = doc("Le jardin partagé", summary="Un résumé.", body="Le corps.")
    path = f"/api/v1/documents/{document.pk}"

    response = patch(
        client,
        path,
        {"summary": "Un meilleur résumé.", "edit_summary": "Résumé plus clair"},
        headers,
    )

    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Un meilleur résumé."
    assert response.json()["title"] == "Le jardin partagé"
    assert response.json()["body"] == "Le corps."
    latest = document.revisions.first()
    assert (latest.number, latest.author, latest.summary) == (2, user, "Résumé plus clair")

    same = patch(client, path, {"summary": "Un meilleur résumé.", "edit_summary": "Rien"}, headers)
    assert same.status_code == 200
    assert document.revisions.count() == 2

    cleared = patch(client, path, {"body": None, "edit_summary": "Sans corps"}, headers)
    assert cleared.json()["body"] == "" and document.revisions.count() == 3


def test_a_patch_needs_an_edit_summary(client, member):
    _user, headers = member
    document = doc("Le jardin partagé")

    response = patch(
        client, f"/api/v1/documents/{document.pk}", {"title": "Autre"}, headers,
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip

    assert response.status_code == 422
    assert fields_of(response) == {"edit_summary": "This field is required."}
    assert document.revisions.count() == 1


def test_refusals_are_422_with_translated_reasons(client, member):
    _user, headers = member
    share_alike = doc("Source BY-SA", licence="CC-BY-SA-4.0")
    no_derivatives = doc("Source ND", licence="CC-BY-ND-4.0")

    def create(reader, **body):
        data = {"kind": "text", "title": "Un document", "language": "fr", **body}
        return post(client, "/api/v1/documents", data, headers, HTTP_ACCEPT_LANGUAGE=reader)

    refused = create("en", licence="LicenseRef-All-Rights-Reserved")
    assert refused.status_code == 422
    assert "cannot be appropriated" in fields_of(refused)["licence"]
    refused_fr = create("fr", licence="LicenseRef-All-Rights-Reserved")
    with translation.override("fr"):
        assert refused_fr.json()["error"]["message"] == "La requête n'est pas valide."
        assert fields_of(refused_fr)["licence"] == gettext(
            "“All rights reserved” is refused: the commons cannot be appropriated. Choose a free "
            "licence (CC BY-SA, CC BY, CC0, Free Art…)."
        )

    incompatible = create("en", kind="remix", licence="CC-BY-4.0", sources=[share_alike.slug])
    assert fields_of(incompatible)["licence"].startswith("The sources allow this remix under")
    forbidden = create("en", kind="remix", licence="CC-BY-4.0", sources=[no_derivatives.slug])
    assert "forbids derivative works" in fields_of(forbidden)["licence"]

    unknown = create("fr", authors=["personne"], themes=["rien"], commons=["nulle-part"])
    reasons = fields_of(unknown)
    assert reasons["authors"] == "Acteur inconnu : personne."
    assert set(reasons) == {"authors", "themes", "commons"}
    unknown_en = create("en", authors=["nobody"], producer="nobody-either")
    assert fields_of(unknown_en) == {
        "authors": "Unknown actor: nobody.",
        "producer": "Unknown actor: nobody-either.",
    }
    malformed = create("en", title="", duration_seconds="long")
    assert fields_of(malformed) == {
        "title": "This text is too short.",
        "duration_seconds": "A whole number is expected.",
    }
    bad_language = create("en", language="f1")
    assert fields_of(bad_language)["language"].startswith("A language code of two or three")
    assert Document.objects.count() == 2


# --- revisions -----------------------------------------------------------------------------------


def test_revisions_say_who_when_why_and_what(client, member):
    user, headers = member
    document = doc("Première version", author=user)
    patch(
        client,
        f"/api/v1/documents/{document.pk}",
        {"title": "Deuxième", "edit_summary": "Titre"},
        headers,
    )
    services.document_revert(document=document, author=user, number=1)

    body = client.get(f"/api/v1/documents/{document.pk}/revisions").json()

    assert body["count"] == 3
    latest, second, first = body["items"]
    assert [latest["number"], second["number"], first["number"]] == [3, 2, 1]
    assert latest["reverted_to"] == 1 and second["reverted_to"] is None
    assert second["summary"] == "Titre"
    assert second["author"] == "Amina"
    assert second["data"]["title"] == "Deuxième"
    assert latest["data"]["title"] == "Première version"
    assert datetime.datetime.fromisoformat(second["time"]).tzinfo is not None


# --- commons -------------------------------------------------------------------------------------


def _water_assembly_posted(client, headers):
    """The Asamblea del agua posted in Spanish, carried by an association whose e-mail is
    private, on the theme "eau"."""
    carrier = actor_create(
        name="Asociación del Agua", kind="organisation", email="x@secret.example"
    )
    theme_save(code="eau", labels={"fr": "Eau"})
    created = post(
        client,
        "/api/v1/commons",
        {
            "name": {"es": "Asamblea del agua", "fr": "Assemblée de l'eau"},
            "family": "nature",
            "country": "bo",
            "latitude": -17.3895,
            "longitude": -66.1568,
            "themes": ["eau"],
            "carriers": [carrier.slug],
        },
        headers,
        HTTP_ACCEPT_LANGUAGE="es",
    )
    return created, carrier


def test_commons_are_created_and_read_through_the_api(client, member):
    user, headers = member
    created, carrier = _water_assembly_posted(client, headers)

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["label"] == "Asamblea del agua"
    assert (body["family"], body["country"]) == ("nature", "BO")
    assert (body["latitude"], body["longitude"]) == (-17.3895, -66.1568)
    assert body["carriers"][0]["slug"] == carrier.slug
    assert "secret" not in created.content.decode()
    commons = Commons.objects.get(pk=body["id"])
    assert commons.revisions.get().author == user

    path = f"/api/v1/commons/{commons.pk}"
    assert client.get(path).json()["slug"] == commons.slug
    assert [
        item["slug"] for item in client.get("/api/v1/commons", {"family": "nature"}).json()["items"]
    ] == [commons.slug]
    assert client.get("/api/v1/commons", {"family": "digital"}).json()["count"] == 0
    assert client.get("/api/v1/commons", {"theme": "eau"}).json()["count"] == 1


def test_a_commons_edited_through_the_api_keeps_a_revision(client, member):
    _user, headers = member
    created, _carrier = _water_assembly_posted(client, headers)
    commons = Commons.objects.get(pk=created.json()["id"])
    path = f"/api/v1/commons/{commons.pk}"

    edited = patch(client, path, {"place": "Cochabamba", "edit_summary": "Lieu"}, headers)
    assert edited.json()["place"] == "Cochabamba"
    assert edited.json()["name"] == {"es": "Asamblea del agua", "fr": "Assemblée de l'eau"}
    assert commons.revisions.count() == 2
    revisions = client.get(f"{path}/revisions").json()["items"]
    assert [revision["number"] for revision in revisions] == [2, 1]
    assert revisions[0]["summary"] == "Lieu"


def test_a_commons_write_names_what_it_does_not_know_and_needs_a_token(client, member):
    _user, headers = member

    unknown = post(
        client,
        "/api/v1/commons",
        {"name": {"fr": "X"}, "family": "planets", "latitude": 95, "longitude": 0},
        headers,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert fields_of(unknown) == {
        "family": "Unknown family: planets.",
        "latitude": "Between -90 and 90.",
    }
    assert client.post("/api/v1/commons", data={}, content_type=JSON).status_code == 401


def test_the_families_of_commons_are_listed(client):
    body = client.get("/api/v1/commons/families", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {"code": "nature", "label": "Nature", "labels": body[0]["labels"]} in body
    assert len(body) == Family.objects.count()


# --- search --------------------------------------------------------------------------------------


@pytest.fixture
def catalogue():
    return {
        "fr": doc(
            "L'économie des communs",
            summary="Une introduction à l'économie solidaire.",
        ),
        "es": doc(
            "La economía del agua",
            language="es",
            kind="interview",
            summary="Los comunes del agua y su gestión comunitaria.",
        ),
    }


def test_search_finds_economie_without_its_accent(client, catalogue):
    hits = client.get("/api/v1/search", {"q": "economie", "lang": "fr"}).json()

    assert [hit["slug"] for hit in hits] == [catalogue["fr"].slug]
    (hit,) = hits
    assert (hit["type"], hit["kind"], hit["id"], hit["language"]) == (
        "document",
        "text",
        catalogue["fr"].pk,
        "fr",
    )
    assert hit["title"] == "L'économie des communs"
    assert [hit["title"][start:end] for start, end in hit["title_highlights"]] == ["économie"]
    assert "<" not in hit["snippet"]
    assert [hit["snippet"][start:end] for start, end in hit["snippet_highlights"]] == ["économie"]
    assert hit["url"].endswith(f"/documents/{catalogue['fr'].slug}/")


def test_search_finds_a_spanish_document_in_spanish(client, catalogue):
    hits = client.get("/api/v1/search", {"q": "gestión comunitaria", "lang": "es"}).json()

    assert [hit["slug"] for hit in hits] == [catalogue["es"].slug]
    assert client.get("/api/v1/search", {"q": "agua", "lang": "fr"}).json() == []


def test_search_filters_by_type_and_kind(client, catalogue):
    actor_create(name="Économie commune", kind="organisation")

    def types(**params):
        return sorted(hit["type"] for hit in client.get("/api/v1/search", params).json())

    assert types(q="econom") == ["actor", "document", "document"]
    assert types(q="econom", type="actor") == ["actor"]
    assert types(q="econom", kind="interview") == ["document"]
    assert client.get("/api/v1/search", {"q": "x", "type": "planet"}).status_code == 422
    assert client.get("/api/v1/search").status_code == 422


def test_marked_text_becomes_plain_text_and_ranges():
    from remix.catalogue.api.schemas import unmark

    assert unmark("a &lt;mark&gt; <mark>b&amp;c</mark> d <mark>é</mark>") == (
        "a <mark> b&c d é",
        [(9, 12), (15, 16)],
    )
    assert unmark("nothing") == ("nothing", [])


# --- the schema ----------------------------------------------------------------------------------


def test_the_openapi_schema_is_valid_and_lists_the_catalogue(client):
    schema = client.get("/api/v1/openapi.json").json()

    validate(schema)
    assert {
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
        "/api/v1/documents/{document_id}/revisions",
        "/api/v1/commons",
        "/api/v1/commons/{commons_id}",
        "/api/v1/search",
    } <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/v1/documents"]
    assert "patch" in schema["paths"]["/api/v1/documents/{document_id}"]
