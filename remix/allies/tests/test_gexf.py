"""GEXF read back: Remix's own export round trips, and a Gephi user's file comes in by label."""

from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.utils import translation

from remix.allies.demo import load_network
from remix.allies.interchange import exports, formats
from remix.allies.interchange.gexf import gexf_import
from remix.allies.interchange.imports import FOREIGN_IDS_NOTE
from remix.allies.models import Actor, Relation, Theme
from remix.allies.tests.builders import actor
from remix.allies.tests.test_interchange import network_snapshot, new_instance
from remix.core.imports import ImportRefused
from remix.core.models import AuditEvent

SAMPLES = Path(__file__).parent / "samples"
IDS = {"remix_id", "networkx_key"}


def gexf_without_ids(content: bytes):
    """A GEXF export as nodes and edges named by label, less the ids each instance gives."""
    root = ElementTree.fromstring(content)
    ns = {"g": root.tag[1:].split("}")[0]}
    titles = {a.get("id"): a.get("title") for a in root.iterfind(".//g:attribute", ns)}

    def values(item):
        return tuple(
            sorted(
                (titles[v.get("for")], v.get("value"))
                for v in item.iterfind("g:attvalues/g:attvalue", ns)
                if titles[v.get("for")] not in IDS
            )
        )

    labels = {n.get("id"): n.get("label") for n in root.iterfind(".//g:node", ns)}
    nodes = sorted((n.get("label"), values(n)) for n in root.iterfind(".//g:node", ns))
    edges = sorted(
        (
            labels[e.get("source")],
            labels[e.get("target")],
            e.get("weight"),
            e.get("start"),
            e.get("end"),
            values(e),
        )
        for e in root.iterfind(".//g:edge", ns)
    )
    return nodes, edges


@pytest.fixture
def demo_network(db):
    load_network()


def test_gexf_export_into_an_empty_instance_then_export_gives_the_same_file(demo_network):
    first = exports.network_graph_file("gexf")
    before = network_snapshot()
    new_instance()

    report = gexf_import(first.decode())
    second = exports.network_graph_file("gexf")

    nodes, edges = gexf_without_ids(second)
    assert (nodes, edges) == gexf_without_ids(first)
    assert (len(nodes), len(edges), report.created) == (30, 39, 30)
    assert report.notes[-1] == str(FOREIGN_IDS_NOTE)
    assert network_snapshot() == before
    assert Theme.objects.filter(code="semences").exists()


def test_a_gexf_export_imported_back_into_its_network_changes_nothing(demo_network):
    before = network_snapshot()
    events = AuditEvent.objects.count()

    with translation.override("en"):
        report = gexf_import(exports.network_graph_file("gexf").decode())

    assert (report.created, report.updated, report.unchanged) == (0, 0, 30)
    assert report.notes == ["0 relations created, 0 updated, 39 unchanged"]
    assert network_snapshot() == before
    assert AuditEvent.objects.count() == events


def test_a_gephi_users_file_comes_in_by_label_with_what_was_not_kept_said(db):
    radio = actor("Radio Quartier Libre", kind="collective", country="FR", circle="ally")

    with translation.override("en"):
        report = gexf_import((SAMPLES / "gephi-partner-network.gexf").read_text())

    radio.refresh_from_db()
    assert (report.created, report.updated, report.unchanged) == (2, 0, 1)
    assert (radio.kind, radio.country, radio.circle) == ("collective", "FR", "ally")
    farm = Actor.objects.get(name="Ferme des Communs")
    assert (farm.kind, farm.source) == ("organisation", "GEXF")
    assert [(t.code, t.labels) for t in farm.themes.all()] == [
        ("agroecologie", {"en": "Agroécologie"})
    ]
    assert [t.code for t in report.themes_created] == ["agroecologie"]
    relations = sorted(
        (r.source.name, r.target.name, r.kind, r.strength)
        for r in Relation.objects.select_related("source", "target")
    )
    assert relations == [
        ("Fonds Local Solidaire", "Ferme des Communs", "funds", 4),
        ("Radio Quartier Libre", "Ferme des Communs", "allied_with", 5),
    ]
    assert report.notes == [
        "2 relations created, 0 updated, 0 unchanged",
        "Attributes not imported: Modularity Class",
        "1 edge without a kind came in as “allied with”",
        "1 weight outside 1 to 5, or not whole, was rounded into that range",
        "Positions, colours and sizes (viz) are not imported",
    ]


GEXF_HEAD = '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>\n'
BAD_FILES = [
    (
        GEXF_HEAD + '<nodes><node id="a" label="A"/>\n<node id="b" label="B">\n</nodes></graph>',
        5,
        "not valid XML: mismatched tag",
    ),
    (
        GEXF_HEAD + '<nodes><node id="a" label="A"/>\n<node id="b" label="B"/></nodes>\n'
        '<edges><edge source="a" target="c"/></edges></graph></gexf>',
        5,
        "the edge names a node “c” the file lacks",
    ),
    (
        GEXF_HEAD + '<attributes class="node"><attribute id="0" title="kind"/></attributes>\n'
        '<nodes><node id="a" label="A"/>\n<node id="b" label="B"><attvalues>'
        '<attvalue for="0" value="spaceship"/></attvalues></node></nodes></graph></gexf>',
        5,
        "unknown kind “spaceship”",
    ),
    (
        GEXF_HEAD + '<nodes><node id="a" label="A"/>\n<node id="b" label="B"/></nodes>\n'
        '<edges><edge source="a" target="b" weight="heavy"/></edges></graph></gexf>',
        5,
        "the weight “heavy” is not a number",
    ),
    (
        '<?xml version="1.0"?>\n<graphml><graph/></graphml>',
        2,
        "not a GEXF file: it starts with <graphml>",
    ),
    (
        '<?xml version="1.0"?>\n<!DOCTYPE gexf [<!ENTITY a "aaaaaaaaaa">]>\n'
        '<gexf><graph><nodes><node id="a" label="&a;"/></nodes></graph></gexf>',
        2,
        "the file declares entities or outside references, which are refused for safety",
    ),
]


@pytest.mark.parametrize(("content", "line", "reason"), BAD_FILES)
def test_a_bad_gexf_file_is_refused_whole_with_the_line_and_nothing_is_written(
    db, content, line, reason
):
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        gexf_import(content)

    assert refused.value.line == line
    assert refused.value.reason.startswith(reason)
    assert (Actor.objects.count(), Relation.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_gephi_list_values_are_read_whichever_way_they_are_written(db):
    content = (
        '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>'
        '<attributes class="node"><attribute id="m" title="movements" type="liststring"/>'
        '<attribute id="t" title="themes" type="liststring"/></attributes><nodes>'
        '<node id="a" label="A"><attvalues><attvalue for="m" value="[ess, commons]"/>'
        '<attvalue for="t" value="eau|Forêts"/></attvalues></node>'
        "</nodes></graph></gexf>"
    )

    gexf_import(content)

    a = Actor.objects.get(name="A")
    assert sorted(m.code for m in a.movements.all()) == ["commons", "ess"]
    assert sorted(t.code for t in a.themes.all()) == ["eau", "forets"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("gephi-partner-network.gexf", "gexf"),
        ("kumu-partner-map.json", "kumu"),
    ],
)
def test_the_format_of_a_sample_is_recognised(name, fmt):
    assert formats.format_detect((SAMPLES / name).read_text()) == fmt


def test_the_formats_of_exports_are_recognised(demo_network):
    assert formats.format_detect(exports.actors_csv()) == "actors_csv"
    assert formats.format_detect(exports.relations_csv()) == "relations_csv"
    assert formats.format_detect(exports.kumu_json()) == "kumu"
    assert formats.format_detect("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .") == "skos"
    with pytest.raises(ImportRefused):
        formats.network_import("just some words\nand more")
