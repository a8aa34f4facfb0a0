import pytest

from conftest import module_data
from remix.allies.demo import load_network
from remix.allies.models import Actor, Relation
from remix.core.models import AuditEvent

network_world = module_data(load_network)


@pytest.fixture
def network(network_world, db):
    """The demo network (its measures computed after the commit), loaded once for the module."""


def test_the_map_lists_the_network_and_filters_it_by_theme(client, network):
    everything = client.get("/allies/")
    seeds = client.get("/allies/?theme=semences")

    assert everything.context["graph"]["nodes"].__len__() == 30
    names = {node["name"] for node in seeds.context["graph"]["nodes"]}
    assert names == {"Collectif Semences du Sahel", "SCOP Les Semeurs", "Aminata Sow"}
    assert "Collectif Semences du Sahel" in seeds.content.decode()
    assert 'data-src="/allies/network.json?theme=semences"' in seeds.content.decode()


def test_the_map_json_twin_has_nodes_edges_and_labels(client, network):
    data = client.get("/allies/network.json?movement=commons").json()

    assert all("commons" in node["movements"] for node in data["nodes"])
    ids = {node["id"] for node in data["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in data["edges"])
    assert data["labels"]["relations"]["funds"] == "finance"


def test_relations_on_a_date_include_the_ended_ones_of_the_time(client, network):
    today = client.get("/allies/network.json").json()
    in_2021 = client.get("/allies/network.json?on=2021-01-01").json()

    assert len(today["edges"]) == 38
    assert any(edge["end"] == "2022-12-31" for edge in in_2021["edges"])
    assert all(edge["start"] is None or edge["start"] <= "2021-01-01" for edge in in_2021["edges"])


def test_the_trunk_page_and_its_csv_and_json(client, network):
    page = client.get("/allies/trunk/").content.decode()
    records = client.get("/allies/trunk.json").json()["themes"]
    csv_file = client.get("/allies/trunk.csv")

    assert records[0]["theme"] == "gouvernance-partagee"
    assert records[0]["score"] == pytest.approx(0.439, abs=1e-3)
    assert "Gouvernance partagée" in page
    assert "Détenu par 53\u00a0% des acteurs" in page
    assert csv_file["Content-Disposition"] == 'attachment; filename="common-trunk.csv"'
    assert csv_file.content.decode().splitlines()[1].startswith("1,gouvernance-partagee,")


def test_the_measures_page_names_the_brokers(client, network):
    page = client.get("/allies/measures/")

    assert page.context["state"].is_fresh
    assert page.context["brokers"][0]["actor"].name == "Coopérative des Communs"


def test_an_actor_page_shows_relations_both_ways_and_its_history(client, network):
    page = client.get("/allies/actors/cooperative-des-communs/").content.decode()

    assert "Fédération des SCOP Rhône-Alpes" in page
    assert "Financé par" in page  # the Fondation funds it: read from its side
    assert "Historique" in page


def test_private_fields_are_for_stewards_only(client, network, make_user):
    Actor.objects.filter(name="Aminata Sow").update(email="aminata@example.org", phone="+221 77")
    url = "/allies/actors/aminata-sow/"

    assert "aminata@example.org" not in client.get(url).content.decode()
    client.force_login(make_user("camille", roles=["editor"]))
    assert "aminata@example.org" not in client.get(url).content.decode()
    client.force_login(make_user("louise", roles=["steward"]))
    assert "aminata@example.org" in client.get(url).content.decode()
    for export in ("actors.csv", "kumu.json", "network.gexf"):
        assert b"aminata@example.org" not in client.get(f"/allies/export/{export}").content


def test_editors_add_and_edit_actors_and_members_may_not(client, network, make_user):
    client.force_login(make_user("amina"))
    assert client.get("/allies/actors/new/").status_code == 403

    client.force_login(make_user("camille", roles=["editor"]))
    response = client.post(
        "/allies/actors/new/",
        {
            "name": "Radio Libre de Ziguinchor",
            "kind": "organisation",
            "legal_form": "association",
            "movements": ["commons"],
            "circle": "ally",
            "country": "sn",
            "languages": "fr, wo",
            "description_fr": "Radio communautaire.",
            "themes": [],
        },
    )
    created = Actor.objects.get(name="Radio Libre de Ziguinchor")
    assert response.status_code == 302 and response["Location"] == f"/allies/actors/{created.slug}/"
    assert (created.country, created.languages) == ("SN", ["fr", "wo"])

    client.post(
        f"/allies/actors/{created.slug}/edit/",
        {
            "name": created.name,
            "kind": "organisation",
            "movements": ["commons", "ess"],
            "circle": "partner",
            "country": "SN",
        },
    )
    event = AuditEvent.objects.filter(action="allies.actor.updated").latest("pk")
    assert event.data["changes"]["circle"] == ["ally", "partner"]
    assert event.recorder.username == "camille"


def test_an_editor_adds_then_ends_a_relation(client, network, make_user):
    client.force_login(make_user("camille", roles=["editor"]))
    radio = Actor.objects.get(name="Wiki des Communs")
    other = Actor.objects.get(name="Ville de Lyon")

    client.post(
        f"/allies/actors/{radio.slug}/relations/",
        {
            "kind": "funds",
            "other": other.pk,
            "direction": "in",
            "start_date": "2025-01-01",
            "strength": 4,
        },
    )
    relation = Relation.objects.get(source=other, target=radio, kind="funds")
    client.post(
        f"/allies/relations/{relation.pk}/end/",
        {"end_date": "2025-12-31", "reason": "fin du projet"},
    )

    relation.refresh_from_db()
    assert str(relation.end_date) == "2025-12-31"


def test_a_duplicate_relation_is_refused_with_a_clear_message(client, network, make_user):
    client.force_login(make_user("camille", roles=["editor"]))
    source = Actor.objects.get(name="Ville de Lyon")
    target = Actor.objects.get(name="Monnaie Locale du Pays Lyonnais")

    response = client.post(
        f"/allies/actors/{source.slug}/relations/",
        {"kind": "funds", "other": target.pk, "direction": "out", "strength": 3},
        follow=True,
    )

    assert "ont déjà une relation ouverte de ce type" in response.content.decode()


def test_import_page_refuses_a_bad_file_with_the_line(client, network, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user("camille", roles=["editor"]))
    bad = SimpleUploadedFile("a.csv", b"name,kind\nOK,person\nKO,spaceship\n")

    response = client.post("/allies/import/", {"format": "actors_csv", "file": bad})

    page = response.content.decode()
    assert "Ligne 3" in page and "spaceship" in page
    assert not Actor.objects.filter(name="OK").exists()


def test_everyone_sees_the_exports_and_only_editors_import(client, network):
    page = client.get("/allies/import/").content.decode()

    assert "/allies/export/kumu.json" in page
    assert client.post("/allies/import/", {}).status_code == 403


def test_an_editor_imports_a_kumu_map_and_the_report_lists_the_themes_made(
    client, network, make_user
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from remix.allies.models import Theme

    client.force_login(make_user("camille", roles=["editor"]))
    sample = Path(__file__).parent / "samples" / "kumu-partner-map.json"
    upload = SimpleUploadedFile("carte.json", sample.read_bytes())

    response = client.post(
        "/allies/import/", {"format": "auto", "unknown_themes": "create", "file": upload}
    )

    page = response.content.decode()
    assert "Lu comme : Blueprint Kumu (JSON)." in page
    assert "2 thèmes créés à partir des étiquettes du fichier" in page
    assert '<a href="/allies/themes/justice-climatique/edit/">Justice climatique</a>' in page
    assert Theme.objects.get(code="justice-climatique").labels == {"fr": "Justice climatique"}
    assert Actor.objects.filter(name="Collectif Vélo Solidaire", source="Kumu").exists()
