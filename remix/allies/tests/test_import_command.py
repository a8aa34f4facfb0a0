"""`remix import-network`: the same imports as the page, from a file, with the same report."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from remix.allies.demo import load_network
from remix.allies.models import Actor, Theme

SAMPLES = Path(__file__).parent / "samples"


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-network", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_network(db):
    load_network()


def test_a_kumu_map_is_recognised_and_its_new_themes_are_listed(demo_network):
    output = run(str(SAMPLES / "kumu-partner-map.json"))

    assert output.splitlines() == [
        f"{SAMPLES / 'kumu-partner-map.json'} read as Kumu blueprint (JSON).",
        "Imported: 3 created, 0 updated, 0 unchanged.",
        "2 relations created, 0 updated, 0 unchanged.",
        "2 themes created from the file’s tags:",
        "  jardins-partages: Jardins partagés",
        "  justice-climatique: Justice climatique",
    ]
    assert Theme.objects.get(code="justice-climatique").labels == {"en": "Justice climatique"}


def test_unknown_themes_refuse_the_file_when_asked_and_nothing_is_written(demo_network):
    actors = Actor.objects.count()

    with pytest.raises(CommandError) as refused:
        run(str(SAMPLES / "kumu-partner-map.json"), "--unknown-themes", "refuse")

    assert str(refused.value) == (
        "File refused, nothing was imported: no theme matches the tags "
        "“Justice climatique”, “Jardins partagés”"
    )
    assert Actor.objects.count() == actors
    assert not Theme.objects.filter(code="justice-climatique").exists()


def test_a_gephi_file_dry_run_reports_and_writes_nothing(db):
    output = run(str(SAMPLES / "gephi-partner-network.gexf"), "--dry-run")

    assert output.splitlines()[:3] == [
        "Dry run: nothing was written.",
        f"{SAMPLES / 'gephi-partner-network.gexf'} read as Gephi (GEXF).",
        "Imported: 3 created, 0 updated, 0 unchanged.",
    ]
    assert "Attributes not imported: Modularity Class." in output
    assert (Actor.objects.count(), Theme.objects.count()) == (0, 0)
