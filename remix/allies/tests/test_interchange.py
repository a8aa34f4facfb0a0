import json
import uuid
from pathlib import Path

import pytest
from django.utils import translation

from remix.allies import skos
from remix.allies.demo import load_network
from remix.allies.interchange import exports, imports
from remix.allies.models import Actor, NetworkState, Relation, Theme
from remix.allies.tests.builders import actor, theme
from remix.core.imports import ImportRefused
from remix.core.models import AuditEvent

SAMPLES = Path(__file__).parent / "samples"


def network_snapshot():
    actors = sorted(
        (
            a.name,
            a.kind,
            a.legal_form,
            a.country,
            tuple(a.languages),
            a.website,
            a.circle,
            tuple(sorted(m.code for m in a.movements.all())),
            tuple(sorted(t.code for t in a.themes.all())),
            tuple(sorted(a.description.items())),
        )
        for a in Actor.objects.prefetch_related("movements", "themes")
    )
    relations = sorted(
        (r.source.name, r.target.name, r.kind, r.start_date, r.end_date, r.strength, r.note)
        for r in Relation.objects.select_related("source", "target")
    )
    return actors, relations


def wipe_network():
    Relation.objects.all().delete()  # a bulk delete: the test empties the instance
    Actor.objects.all().delete()


@pytest.fixture
def demo_network(db):
    load_network()
    return network_snapshot()


def test_csv_export_then_import_into_an_empty_network_gives_the_same_network(demo_network):
    actors_file, relations_file = exports.actors_csv(), exports.relations_csv()
    wipe_network()

    imports.actors_csv_import(actors_file)
    imports.relations_csv_import(relations_file)

    assert network_snapshot() == demo_network


def wipe_themes():
    Theme.objects.update(merged_into=None)
    Theme.objects.all().delete()


def new_instance():
    """An empty network with no theme, and a mark of its own: another instance's ids are not
    its ids."""
    wipe_network()
    wipe_themes()
    NetworkState.objects.update(epoch=uuid.uuid4())


def kumu_without_ids(blueprint: str) -> dict:
    """A Kumu export, less the ids each instance gives its own rows."""
    data = json.loads(blueprint)
    data.pop("Remix network")
    for item in data["elements"] + data["connections"]:
        for key in ("Remix ID", "From ID", "To ID"):
            item.pop(key, None)
    return data


def themes_with_labels():
    return sorted((t.code, tuple(sorted(t.labels.items()))) for t in Theme.objects.all())


def test_kumu_export_into_an_empty_instance_then_export_gives_the_same_file(demo_network):
    first = exports.kumu_json()
    themes_before = themes_with_labels()
    new_instance()

    report = imports.kumu_import(first)
    second = exports.kumu_json()

    assert kumu_without_ids(second) == kumu_without_ids(first)
    assert len(kumu_without_ids(first)["connections"]) == 39
    assert network_snapshot() == demo_network
    # The themes come back with their labels in every language (not their hierarchy: SKOS).
    assert sorted(theme.code for theme in report.themes_created) == [
        code for code, _labels in themes_before if Actor.objects.filter(themes__code=code).exists()
    ]
    used = dict(themes_with_labels())
    assert used["semences"] == (
        ("en", "Farmers' seeds"),
        ("es", "Semillas campesinas"),
        ("fr", "Semences paysannes"),
    )


def test_a_kumu_file_from_another_network_leaves_the_actors_its_ids_name_here(db):
    here = actor("Radio Locale", kind="collective")
    blueprint = json.dumps(
        {
            "Remix network": "another-network",
            "elements": [{"label": "Ferme Lointaine", "Remix ID": here.pk, "Circle": "core"}],
        }
    )

    with translation.override("en"):
        report = imports.kumu_import(blueprint)

    here.refresh_from_db()
    assert (here.name, here.circle) == ("Radio Locale", "friend")
    assert Actor.objects.get(name="Ferme Lointaine").circle == "core"
    assert report.notes[-1] == (
        "The file's Remix ids are another network's: its actors were found by name and kind"
    )


def test_a_kumu_file_of_this_network_renames_the_actor_its_id_names(demo_network):
    data = json.loads(exports.kumu_json())
    data["elements"][0]["label"] = "Nouveau nom"
    renamed = data["elements"][0]["Remix ID"]

    report = imports.kumu_import(json.dumps(data))

    assert (report.created, report.updated) == (0, 1)
    assert Actor.objects.get(pk=renamed).name == "Nouveau nom"


def test_kumu_export_then_import_gives_the_same_network(demo_network):
    blueprint = exports.kumu_json()
    wipe_network()

    report = imports.kumu_import(blueprint)

    assert report.created == 30
    assert network_snapshot() == demo_network


def test_importing_the_same_file_twice_updates_instead_of_duplicating(demo_network):
    actors_file, relations_file = exports.actors_csv(), exports.relations_csv()

    first = imports.actors_csv_import(actors_file)
    again = imports.relations_csv_import(relations_file)

    assert (first.created, first.updated, first.unchanged) == (0, 0, 30)
    assert (again.created, again.updated) == (0, 0)
    assert network_snapshot() == demo_network


def test_actors_are_matched_by_name_and_kind_when_the_id_is_unknown(db):
    existing = actor("Réseau ESS de Dakar", kind="network", circle="ally")
    content = "name,kind,circle\nréseau ess de dakar,network,core\nNouveau,person,friend\n"

    report = imports.actors_csv_import(content)

    existing.refresh_from_db()
    assert (report.created, report.updated) == (1, 1)
    assert existing.circle == "core"


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("name,kind\nA,organisation\nB,spaceship\n", 3, "unknown kind “spaceship”"),
        ("name,kind\nA,organisation\n,person\n", 3, "the name is empty"),
        ("name,kind,movements\nA,organisation,ess;martians\n", 2, "unknown movement “martians”"),
        ("name,kind,themes\nA,organisation,nope\n", 2, "unknown theme “nope”"),
        ("name\nA\n", 1, "missing column(s): kind"),
        ("name,kind\nA,person\na,person\n", 3, "“a” appears twice (also line 2)"),
        ("name,kind,country\nA,person,France\n", 2, "“FRANCE” is not a two-letter country code"),
    ],
)
def test_a_bad_actors_file_is_refused_whole_with_the_line_and_the_reason(db, content, line, reason):
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        imports.actors_csv_import(content)

    assert (refused.value.line, refused.value.reason) == (line, reason)
    assert Actor.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_bad_relation_line_refuses_the_whole_file(db):
    actor("A")
    actor("B")
    content = (
        "source_name,target_name,kind,start_date\nA,B,funds,2020-01-01\nA,Nobody,funds,2020-01-01\n"
    )

    with pytest.raises(ImportRefused) as refused:
        imports.relations_csv_import(content)

    assert refused.value.line == 3
    assert "Nobody" in refused.value.reason
    assert Relation.objects.count() == 0


def test_a_kumu_map_from_a_partner_comes_in_with_its_types_and_tags(db):
    theme("eau")
    blueprint = json.dumps(
        {
            "elements": [
                {"label": "Water Assembly", "type": "Organization", "tags": ["eau", "other-tag"]},
                {"label": "Ana", "type": "Person"},
            ],
            "connections": [{"from": "Ana", "to": "Water Assembly", "type": "member_of"}],
        }
    )

    with translation.override("fr"):
        report = imports.kumu_import(blueprint)

    assembly = Actor.objects.get(name="Water Assembly")
    assert assembly.kind == "organisation"
    assert [t.code for t in assembly.themes.all()] == ["eau", "other-tag"]
    assert [(t.code, t.labels) for t in report.themes_created] == [
        ("other-tag", {"fr": "other-tag"})
    ]
    assert Relation.objects.get().source.name == "Ana"


def test_a_partners_kumu_tags_name_themes_by_label_and_new_ones_are_made(demo_network):
    content = (SAMPLES / "kumu-partner-map.json").read_text()
    made_before = AuditEvent.objects.filter(action="allies.theme.created").count()

    with translation.override("fr"):
        report = imports.kumu_import(content, recorder=None)

    house = Actor.objects.get(name="Maison des Semences du Léman")
    assert sorted(t.code for t in house.themes.all()) == [
        "jardins-partages",
        "justice-climatique",
        "semences",
    ]
    assert [(t.code, t.labels) for t in report.themes_created] == [
        ("jardins-partages", {"fr": "Jardins partagés"}),
        ("justice-climatique", {"fr": "Justice climatique"}),
    ]
    bikes = Actor.objects.get(name="Collectif Vélo Solidaire")
    assert [t.code for t in bikes.themes.all()] == ["justice-climatique"]
    assert AuditEvent.objects.filter(action="allies.theme.created").count() == made_before + 2
    assert (report.created, report.notes) == (
        3,
        ["2 relations créées, 0 mises à jour, 0 inchangées"],
    )

    again = imports.kumu_import(content)

    assert (again.created, again.updated, again.unchanged, again.themes_created) == (0, 0, 3, [])


def test_a_kumu_file_with_unknown_tags_is_refused_whole_when_asked_with_the_list(demo_network):
    content = (SAMPLES / "kumu-partner-map.json").read_text()
    themes, events = Theme.objects.count(), AuditEvent.objects.count()

    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        imports.kumu_import(content, unknown_themes="refuse")

    assert (
        refused.value.reason == "no theme matches the tags “Justice climatique”, “Jardins partagés”"
    )
    assert (Theme.objects.count(), AuditEvent.objects.count()) == (themes, events)
    assert not Actor.objects.filter(name="Inès Moreau").exists()


def test_a_map_as_kumu_exports_it_comes_in_with_its_ends_kinds_and_tags(demo_network):
    content = (SAMPLES / "kumu-project-export.json").read_text()

    with translation.override("fr"):
        report = imports.kumu_import(content)

    workshop = Actor.objects.get(name="Atelier Vélo Partagé")
    assert workshop.description == {"fr": "Un atelier d'autoréparation."}
    assert sorted(t.code for t in workshop.themes.all()) == ["mobilite-douce", "savoirs-ouverts"]
    assert Actor.objects.get(name="Ville de Villeurbanne").kind == "public_authority"
    funds = Relation.objects.get(target=workshop)
    assert (funds.source.name, funds.kind) == ("Ville de Villeurbanne", "funds")
    assert [t.code for t in report.themes_created] == ["mobilite-douce"]


def test_a_tag_naming_a_merged_theme_gives_the_theme_it_was_merged_into(db):
    from remix.allies import services

    water, old = theme("eau", "Eau"), theme("ressource-eau", "Ressource en eau")
    services.theme_merge(merged=old, survivor=water)
    blueprint = json.dumps(
        {
            "elements": [
                {"label": "A", "tags": ["ressource-eau"]},
                {"label": "B", "tags": ["Ressource en eau"]},
            ]
        }
    )

    report = imports.kumu_import(blueprint)

    assert report.themes_created == []
    assert [t.code for a in Actor.objects.order_by("name") for t in a.themes.all()] == [
        "eau",
        "eau",
    ]


def test_a_kumu_element_updates_only_the_fields_it_gives(db):
    existing = actor("Ana", kind="person", country="SN", website="https://ana.example.org")
    blueprint = json.dumps({"elements": [{"label": "ana", "type": "Person", "Circle": "core"}]})

    report = imports.kumu_import(blueprint)

    existing.refresh_from_db()
    assert (report.updated, existing.circle, existing.country) == (1, "core", "SN")
    assert existing.website == "https://ana.example.org"
    assert [m.code for m in existing.movements.all()] == ["ess"]


def test_invalid_json_is_refused_with_its_line(db):
    with pytest.raises(ImportRefused) as refused:
        imports.kumu_import('{"elements": [\n {"label": "A",}\n]}')

    assert refused.value.line == 2


def test_gexf_and_graphml_exports_are_readable_by_networkx(demo_network):
    import io

    import networkx as nx

    gexf = nx.read_gexf(io.BytesIO(exports.network_graph_file("gexf")))
    graphml = nx.read_graphml(io.BytesIO(exports.network_graph_file("graphml")))

    assert gexf.number_of_nodes() == graphml.number_of_nodes() == 30
    assert gexf.number_of_edges() == graphml.number_of_edges() == 39
    labels = {data["label"] for _node, data in gexf.nodes(data=True)}
    assert "Coopérative des Communs" in labels


def test_skos_export_then_import_gives_the_same_themes(demo_network):
    def themes_snapshot():
        return sorted(
            (
                t.code,
                tuple(sorted(t.labels.items())),
                tuple(sorted(b.code for b in t.broader.all())),
                tuple(sorted(r.code for r in t.related.all())),
            )
            for t in Theme.objects.all()
        )

    before = themes_snapshot()
    turtle = skos.themes_turtle(base_url="https://remix.example.org/allies/themes/")
    assert "skos:prefLabel" in turtle and '"Semillas campesinas"@es' in turtle

    Theme.objects.all().delete()
    report = skos.themes_turtle_import(turtle)

    assert report.created == 16
    assert themes_snapshot() == before


def test_bad_turtle_is_refused(db):
    with pytest.raises(ImportRefused, match="Turtle"):
        skos.themes_turtle_import("this is not @prefix turtle .")
