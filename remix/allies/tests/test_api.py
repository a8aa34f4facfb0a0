import pytest

from conftest import module_data
from remix.allies.demo import load_network
from remix.allies.models import Actor, Relation, Theme


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


network_world = module_data(load_network)


@pytest.fixture
def network(network_world, db):
    """The demo network (its measures computed after the commit), loaded once for the module."""


def test_actors_are_public_paginated_and_filtered(client, network):
    page = client.get("/api/v1/actors?limit=5").json()
    seeds = client.get("/api/v1/actors?theme=semences").json()

    assert page["count"] == 30 and len(page["items"]) == 5
    assert {item["name"] for item in seeds["items"]} == {
        "Collectif Semences du Sahel",
        "SCOP Les Semeurs",
        "Aminata Sow",
    }
    assert "email" not in page["items"][0]


def test_private_fields_only_for_a_stewards_token(client, network, api_token):
    aminata = Actor.objects.get(name="Aminata Sow")
    Actor.objects.filter(pk=aminata.pk).update(email="aminata@example.org")
    _editor, editor_token = api_token(username="camille", roles=["editor"])
    _steward, steward_token = api_token(username="louise", roles=["steward"])
    url = f"/api/v1/actors/{aminata.pk}"

    assert "email" not in client.get(url).json()
    assert "email" not in client.get(url, **bearer(editor_token)).json()
    assert client.get(url, **bearer(steward_token)).json()["email"] == "aminata@example.org"


def test_an_editor_creates_an_actor_and_a_relation(client, network, api_token):
    _editor, token = api_token(username="camille", roles=["editor"])

    created = client.post(
        "/api/v1/actors",
        data={
            "name": "Radio Libre",
            "kind": "organisation",
            "movements": ["commons"],
            "themes": ["culture-libre"],
            "country": "SN",
        },
        content_type="application/json",
        **bearer(token),
    )
    assert created.status_code == 201, created.content
    radio = created.json()
    relation = client.post(
        "/api/v1/relations",
        data={
            "source": radio["id"],
            "target": Actor.objects.get(name="Wiki des Communs").pk,
            "kind": "partner_of",
            "start_date": "2025-03-01",
        },
        content_type="application/json",
        **bearer(token),
    )

    assert relation.status_code == 201
    assert radio["themes"] == ["culture-libre"] and radio["source"] == "API, camille"
    assert Relation.objects.filter(pk=relation.json()["id"]).exists()


def test_writes_need_a_token_and_the_editor_role(client, network, api_token):
    _member, token = api_token(username="amina")
    body = {"name": "X", "kind": "person"}

    assert (
        client.post("/api/v1/actors", data=body, content_type="application/json").status_code == 401
    )
    assert (
        client.post(
            "/api/v1/actors", data=body, content_type="application/json", **bearer(token)
        ).status_code
        == 403
    )


def test_broken_rules_are_422_with_the_reason(client, network, api_token):
    _editor, token = api_token(username="camille", roles=["editor"])
    wiki = Actor.objects.get(name="Wiki des Communs")

    self_relation = client.post(
        "/api/v1/relations",
        data={"source": wiki.pk, "target": wiki.pk, "kind": "funds"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(token),
    )
    unknown_theme = client.post(
        "/api/v1/actors",
        data={"name": "Y", "kind": "person", "themes": ["nope"]},
        content_type="application/json",
        **bearer(token),
    )
    bad_kind = client.post(
        "/api/v1/actors",
        data={"name": "Y", "kind": "spaceship"},
        content_type="application/json",
        **bearer(token),
    )

    assert self_relation.status_code == 422
    assert self_relation.json()["error"]["fields"][0]["reason"] == (
        "An actor cannot be related to itself."
    )
    assert unknown_theme.status_code == 422
    assert unknown_theme.json()["error"]["fields"][0]["field"] == "themes"
    assert bad_kind.status_code == 422
    assert bad_kind.json()["error"]["fields"][0]["field"] == "kind"


def test_themes_read_and_write(client, network, api_token):
    _editor, token = api_token(username="camille", roles=["editor"])

    themes = client.get("/api/v1/themes").json()
    created = client.post(
        "/api/v1/themes",
        data={
            "code": "radio",
            "labels": {"fr": "Radio", "es": "Radio"},
            "broader": ["culture-libre"],
        },
        content_type="application/json",
        **bearer(token),
    )

    semences = next(theme for theme in themes if theme["code"] == "semences")
    assert semences["broader"] == ["souverainete-alimentaire"]
    assert created.status_code == 201
    assert Theme.objects.get(code="radio").broader.get().code == "culture-libre"


def test_the_common_trunk_says_what_the_page_says(client, network):
    api = client.get("/api/v1/common-trunk").json()
    page = client.get("/allies/trunk.json").json()["themes"]

    assert [row["theme"] for row in api] == [row["theme"] for row in page]
    assert api[0]["score"] == pytest.approx(page[0]["score"], abs=1e-4)
    assert {actor["name"] for actor in api[0]["bridges"]} == set(page[0]["bridges"])


def test_network_measures_from_the_stored_computation(client, network):
    body = client.get("/api/v1/network/measures").json()

    assert body["fresh"] is True and body["method"] == "exact"
    assert (body["actors"], body["relations"]) == (30, 38)
    by_id = {row["id"]: row for row in body["per_actor"]}
    commons = Actor.objects.get(name="Coopérative des Communs")
    assert by_id[commons.pk]["degree"] == 7
