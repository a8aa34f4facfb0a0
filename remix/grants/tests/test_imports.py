"""Opportunities imported in bulk: a CSV file (all or nothing, a re-import updates), and the
Aides-territoires adapter read from a recorded answer — never from the network."""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from remix.allies.models import Actor, Theme
from remix.grants import aid_catalogues, imports
from remix.grants.models import Funder, Opportunity
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
AIDS = SAMPLES / "aides-territoires-aids.json"
UTC = datetime.UTC
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """The real getter must never run in tests: any call fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("aid_catalogues.http_get was called in a test")

    monkeypatch.setattr(aid_catalogues, "http_get", refuse)


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def themes():
    return [
        Theme.objects.create(code="ess", labels={"fr": "ESS"}),
        Theme.objects.create(code="communs-numeriques", labels={"fr": "communs numériques"}),
    ]


# Three calls: a region's (every column), a foundation's, a city's in francs CFA.
GOOD = (SAMPLES / "opportunities.csv").read_text(encoding="utf-8")


def test_a_good_file_creates_every_opportunity_with_its_amounts_rules_and_dates(themes):
    report = imports.csv_import(GOOD)
    assert (report.created, report.updated) == (3, 0)
    assert report.funders_created == [
        "Région Auvergne-Rhône-Alpes",
        "Fondation des Communs",
        "Ville de Dakar",
    ]
    region = Opportunity.objects.get(title="Appel ESS 2027")
    assert region.funder.kind == "local_authority"
    assert region.funder.actor.kind == "public_authority"
    assert (region.amount_min_minor, region.amount_max_minor, region.amount_typical_minor) == (
        500000,
        3000000,
        1500000,
    )
    assert (region.max_share, region.withheld_share) == (Decimal("0.6"), Decimal("0.2"))
    assert region.volunteer_time_counts is True
    assert region.kind == "call_projects" and region.territory == "FR"
    assert sorted(region.themes.values_list("code", flat=True)) == ["communs-numeriques", "ess"]
    assert region.opens_on == datetime.date(2026, 11, 2)
    assert region.letter_of_intent_on == datetime.date(2027, 1, 15)
    # A date alone is the end of that day, in the instance's time zone (Paris, summer time).
    assert region.deadline == datetime.datetime(2027, 3, 31, 21, 59, tzinfo=UTC)
    assert region.report_due_on == datetime.date(2028, 3, 31)
    assert region.recurrence == "yearly" and region.notes == "**Dossier** en ligne"
    assert region.source_key == "csv:region-auvergne-rhone-alpes:appel-ess-2027"

    commons = Opportunity.objects.get(title="Fonds pour les communs")
    assert commons.amount_typical_minor == 1200050
    assert commons.max_share == Decimal("0.8") and commons.withheld_share is None
    assert commons.deadline == datetime.datetime(2027, 2, 10, 12, 0, tzinfo=PARIS)
    dakar = Opportunity.objects.get(title="Appel jeunesse")
    assert dakar.commodity == "XOF" and dakar.amount_max_minor == 2000000  # no minor unit
    assert dakar.deadline == datetime.datetime(2027, 1, 20, 18, 0, tzinfo=UTC)


def test_the_same_file_again_updates_rather_than_duplicates(themes):
    imports.csv_import(GOOD)
    changed = GOOD.replace('"30 000"', "35000").replace("2027-03-31,", "2027-04-15,")
    report = imports.csv_import(changed)
    assert (report.created, report.updated, report.funders_created) == (0, 3, [])
    assert Opportunity.objects.count() == 3 and Funder.objects.count() == 3
    region = Opportunity.objects.get(title="Appel ESS 2027")
    assert region.amount_max_minor == 3500000
    assert timezone.localtime(region.deadline).date() == datetime.date(2027, 4, 15)


def test_a_bad_line_refuses_the_whole_file_with_its_number(themes):
    bad = GOOD.replace("2027-01-20T18:00:00+00:00", "le 20 janvier")
    with pytest.raises(imports.ImportRefused) as refused:
        imports.csv_import(bad)
    assert refused.value.line == 4
    assert "« le 20 janvier » is not a date" in refused.value.reason
    assert refused.value.message.startswith("File refused, nothing was imported. Line 4: ")
    assert not Opportunity.objects.exists() and not Actor.objects.exists()
    with translation.override("fr"):
        assert refused.value.message.startswith("Fichier refusé, rien n'a été importé. Ligne 4 : ")


def test_a_line_refused_while_writing_undoes_the_lines_before_it(themes):
    """The first two lines are written, the third breaks the model's rules (a title too long for
    a slug is fine, a URL over 200 characters is not): nothing stays."""
    long_url = "https://example.org/" + "a" * 200
    bad = GOOD.replace(",,grant,,2000000", f",{long_url},grant,,2000000")
    with pytest.raises(imports.ImportRefused) as refused:
        imports.csv_import(bad)
    assert refused.value.line == 4
    assert not Opportunity.objects.exists() and not Actor.objects.exists()


@pytest.mark.parametrize(
    ("change", "line", "reason"),
    [
        (("title,url", "title,adress"), 1, "unknown column « adress »"),
        (("ess;communs-numeriques", "ess;inconnu"), 2, "no theme has the code « inconnu »"),
        (("Fondation des Communs,foundation", "Fondation des Communs,"), 3, "is a new funder"),
        (("call_commons", "appel"), 3, "« appel » is not a kind"),
        (("60 %,20 %", "160 %,20 %"), 2, "max_share: a share of the cost is above 0"),
        (('5000,"30 000"', '50000,"30 000"'), 2, "the minimum is above the maximum"),
        (("EUR,0.8", "EUX,0.8"), 3, "Unknown currency: EUX"),
        ((",no,", ",peut-être,"), 3, "« peut-être » is neither yes nor no"),
    ],
)
def test_each_refusal_says_the_line_and_the_reason(themes, change, line, reason):
    with pytest.raises(imports.ImportRefused) as refused:
        imports.csv_import(GOOD.replace(*change))
    assert refused.value.line == line
    assert reason in refused.value.reason
    assert not Opportunity.objects.exists()


def test_the_same_call_twice_in_a_file_is_refused(themes):
    lines = GOOD.splitlines()
    with pytest.raises(imports.ImportRefused) as refused:
        imports.csv_import("\n".join([*lines, lines[1]]))
    assert (refused.value.line, refused.value.reason) == (5, "the same funder and call as line 2.")


def test_a_semicolon_file_and_a_known_funder_s_kind_kept():
    known = builders.funder("Fondation des Communs", "foundation", slug="fondation-des-communs")
    content = "funder;title;amount_max;deadline\nfondation des communs;Prix 2027;8000;01/03/2027\n"
    report = imports.csv_import(content)
    assert report.created == 1 and report.funders_created == []
    opportunity = Opportunity.objects.get()
    assert opportunity.funder == known and opportunity.kind == "grant"
    assert timezone.localtime(opportunity.deadline).date() == datetime.date(2027, 3, 1)


def test_an_empty_file_is_refused():
    with pytest.raises(imports.ImportRefused):
        imports.csv_import("funder,title\n")


def test_the_command_imports_a_file_and_a_refusal_is_an_error(tmp_path, themes, capsys):
    good = tmp_path / "calls.csv"
    good.write_text(GOOD, encoding="utf-8")
    call_command("import-opportunities", str(good))
    assert "3 opportunities created, 0 updated." in capsys.readouterr().out
    call_command("import-opportunities", str(good), "--dry-run")
    assert "0 opportunities created, 3 updated." in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD.replace("call_commons", "appel"), encoding="utf-8")
    with pytest.raises(CommandError, match="Line 3"):
        call_command("import-opportunities", str(bad))


# --- the Aides-territoires adapter ---------------------------------------------------------------


def test_aides_territoires_answer_parsed_into_opportunities():
    found = aid_catalogues.AidesTerritoires().parse(json.loads(AIDS.read_text()))
    # The engineering-only aid brings no money: left out.
    assert [item["source_key"] for item in found] == [
        "aides-territoires:158204",
        "aides-territoires:149877",
        "aides-territoires:161540",
    ]
    ess, loan, leader = found
    assert ess["funder"] == "Région Auvergne-Rhône-Alpes"
    assert ess["funder_kind"] == "local_authority"
    assert ess["kind"] == "call_projects"
    assert ess["url"] == "https://www.auvergnerhonealpes.fr/aides/appel-a-projets-ess-2027"
    assert ess["max_share"] == Decimal("0.6")
    assert ess["opens_on"] == datetime.date(2026, 11, 2)
    assert ess["letter_of_intent_on"] == datetime.date(2027, 1, 15)
    assert ess["deadline"] == datetime.datetime(2027, 3, 31, 23, 59, tzinfo=PARIS)
    assert ess["beneficiary_types"] == ["association", "company"]
    assert ess["territory"] == "Auvergne-Rhône-Alpes" and ess["recurrence"] == "yearly"
    assert "- Création d'activités" in ess["notes"]
    assert "Grant rate: 20 to 60 % of the cost." in ess["notes"]
    assert loan["kind"] == "loan" and loan["amount_max"] == Decimal("30000")
    assert loan["deadline"] is None and loan["territory"] == "FR"
    # No origin address: the aid's page on the catalogue.
    assert loan["url"] == (
        "https://aides-territoires.beta.gouv.fr/aides/c3d4-pret-dhonneur-solidaire/"
    )
    assert leader["funder"] == "Union européenne" and leader["funder_kind"] == "european"
    assert (
        leader["territory"] == "EU"
        and "Co-funders: Région Auvergne-Rhône-Alpes." in (leader["notes"])
    )


def test_aides_territoires_sample_imported_then_imported_again():
    catalogue = aid_catalogues.AidesTerritoires()
    payload = json.loads(AIDS.read_text())
    report = aid_catalogues.catalogue_import(catalogue=catalogue, payload=payload)
    assert (report.created, report.updated) == (3, 0)
    assert sorted(report.funders_created) == [
        "France Active",
        "Région Auvergne-Rhône-Alpes",
        "Union européenne",
    ]
    ess = Opportunity.objects.get(source_key="aides-territoires:158204")
    assert ess.title == "Appel à projets Économie sociale et solidaire 2027"
    assert ess.funder.name == "Région Auvergne-Rhône-Alpes"
    assert ess.funder.kind == "local_authority"
    assert ess.deadline == datetime.datetime(2027, 3, 31, 21, 59, tzinfo=UTC)
    assert ess.max_share == Decimal("0.6")
    loan = Opportunity.objects.get(source_key="aides-territoires:149877")
    assert loan.amount_max_minor == 3000000 and loan.commodity == "EUR"
    leader = Opportunity.objects.get(source_key="aides-territoires:161540")
    assert leader.funder.kind == "european" and leader.max_share == Decimal("0.8")

    # A person corrected a funder's kind; the catalogue's guess does not undo it.
    france_active = Funder.objects.get(actor__name="France Active")
    france_active.kind = "foundation"
    france_active.save()
    payload["results"][0]["submission_deadline"] = "2027-04-30"
    again = aid_catalogues.catalogue_import(catalogue=catalogue, payload=payload)
    assert (again.created, again.updated, again.funders_created) == (0, 3, [])
    assert Funder.objects.get(actor__name="France Active").kind == "foundation"
    ess.refresh_from_db()
    assert timezone.localtime(ess.deadline).date() == datetime.date(2027, 4, 30)


def test_the_command_reads_a_saved_answer_without_the_network(capsys):
    call_command("import-opportunities", "--catalogue", "aides-territoires", "--sample", str(AIDS))
    out = capsys.readouterr().out
    assert "3 opportunities created, 0 updated." in out
    assert "New funders among the allies:" in out


def test_the_command_fetches_through_the_getter_it_is_given_never_the_network_in_tests():
    with pytest.raises(AssertionError, match="http_get was called"):
        call_command(
            "import-opportunities", "--catalogue", "aides-territoires", "--param", "text=ess"
        )
    assert not Opportunity.objects.exists()


def test_fetch_asks_for_a_token_then_reads_every_page():
    pages = json.loads(AIDS.read_text())["results"]
    calls = []

    def get(url, *, params=None, headers=None, method="GET"):
        calls.append((method, url, params, headers))
        if url.endswith("/connexion/"):
            return {"token": "jwt-123"}
        if params["page"] == 1:
            return {"count": 4, "next": "https://…?page=2", "results": pages[:2]}
        return {"count": 4, "next": None, "results": pages[2:]}

    answer = aid_catalogues.AidesTerritoires(api_key="key").fetch(
        {"targeted_audiences": "association"}, get=get
    )
    assert len(answer["results"]) == 4 and answer["count"] == 4
    assert calls[0] == (
        "POST",
        "https://aides-territoires.beta.gouv.fr/api/connexion/",
        None,
        {"X-AUTH-TOKEN": "key"},
    )
    assert calls[1][2] == {"targeted_audiences": "association", "page": 1}
    assert calls[2][3] == {"Authorization": "Bearer jwt-123"}


def test_an_answer_that_is_not_the_catalogue_s_is_refused():
    with pytest.raises(imports.ImportRefused, match="not an answer of Aides-territoires"):
        aid_catalogues.catalogue_import(
            catalogue=aid_catalogues.AidesTerritoires(), payload={"items": []}
        )
