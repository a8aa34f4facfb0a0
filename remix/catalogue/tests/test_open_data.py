"""Open metadata: JSON-LD twins, Atom feeds per language and theme, the catalogue's export."""

import csv
import datetime
import html
import io
import json

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from remix.allies.services import actor_create, theme_merge, theme_save, theme_wikidata_set
from remix.catalogue import jsonld, services
from remix.catalogue.models import Family

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def doc(title, *, language="fr", kind="text", licence="CC-BY-SA-4.0", **data):
    return services.document_create(
        author=None,
        data={"kind": kind, "title": title, "language": language, "licence": licence, **data},
    )


def hide(subject):
    services.moderate(subject=subject, moderator=None, hide=True, reason="Hors sujet.")


def commons_of(name, **data):
    return services.commons_create(
        author=None,
        data={"name": {"fr": name}, "family": Family.objects.get(code="nature"), **data},
    )


# --- JSON-LD -------------------------------------------------------------------------------------


def test_a_documents_twin_is_schema_org_json_ld(client):
    person = actor_create(name="Amina Diallo", kind="person", email="amina@secret.example")
    studio = actor_create(name="Studio Commun", kind="organisation")
    seeds = theme_save(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    theme_wikidata_set(theme=seeds, wikidata_id="Q2763")
    library = commons_of("Grainothèque")
    source = doc("Les semences paysannes", licence="CC-BY-SA-4.0")
    hidden_source = doc("Source cachée", licence="CC-BY-SA-4.0")
    remix = doc(
        "Semer ensemble",
        kind="documentary",
        sources=[source, hidden_source],
        authors=[person],
        producer=studio,
        themes=[seeds],
        commons=[library],
        date=datetime.date(2024, 5, 1),
        duration_seconds=3725,
        place="Dakar",
        country="SN",
        media_url="https://media.example.org/semer.webm",
        thumbnail_url="https://media.example.org/semer.jpg",
    )
    english = doc("Sowing together", language="en", translation_of=remix)
    hide(hidden_source)

    response = client.get(f"/en/catalogue/documents/{remix.slug}.jsonld")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    data = json.loads(response.content)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "VideoObject"
    assert data["name"] == "Semer ensemble"
    assert data["inLanguage"] == "fr"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert data["isBasedOn"] == [f"http://testserver/en/catalogue/documents/{source.slug}/"]
    assert data["url"] == f"http://testserver/en/catalogue/documents/{remix.slug}/"
    assert data["author"] == [
        {
            "@type": "Person",
            "@id": f"http://testserver/en/allies/actors/{person.slug}/",
            "name": "Amina Diallo",
            "url": f"http://testserver/en/allies/actors/{person.slug}/",
        }
    ]
    assert data["producer"]["@type"] == "Organization"
    assert data["duration"] == "PT1H2M5S"
    assert data["dateCreated"] == "2024-05-01"
    assert data["contentLocation"]["address"]["addressCountry"] == "SN"
    theme, commons = data["about"]
    assert (theme["name"], theme["sameAs"]) == ("Seeds", "https://www.wikidata.org/wiki/Q2763")
    assert commons["@type"] == "Organization"
    assert data["workTranslation"][0]["url"].endswith(f"/documents/{english.slug}/")
    assert data["contentUrl"] == "https://media.example.org/semer.webm"
    assert "secret" not in response.content.decode()

    twin = client.get(f"/en/catalogue/documents/{english.slug}.jsonld").json()
    assert twin["translationOfWork"]["@id"] == data["@id"]
    assert twin["@type"] == "Article"


@pytest.mark.parametrize(
    "kind, media_type, expected",
    [
        ("video", "", "VideoObject"),
        ("documentary", "", "VideoObject"),
        ("audio", "", "AudioObject"),
        ("image", "", "ImageObject"),
        ("text", "", "Article"),
        ("definition", "", ["DefinedTerm", "CreativeWork"]),
        ("bibliographic_note", "", "CreativeWork"),
        ("interview", "video/mp4", "VideoObject"),
        ("interview", "audio/ogg", "AudioObject"),
        ("interview", "", "Article"),
        ("call_recording", "", "AudioObject"),
        ("call_recording", "video/webm", "VideoObject"),
        ("remix", "image/png", "ImageObject"),
        ("remix", "", "CreativeWork"),
        ("link", "", "CreativeWork"),
    ],
)
def test_the_schema_org_type_follows_the_kind_and_the_media(kind, media_type, expected):
    assert jsonld.schema_type(kind, media_type) == expected


@pytest.mark.parametrize(
    "seconds, expected", [(None, None), (0, "PT0S"), (59, "PT59S"), (3600, "PT1H"), (95, "PT1M35S")]
)
def test_durations_are_iso_8601(seconds, expected):
    assert jsonld.iso_duration(seconds) == expected


def test_a_commons_twin_has_its_place_and_coordinates(client):
    carrier = actor_create(name="Asociación del Agua", kind="organisation", phone="+591 000")
    water = theme_save(code="eau", labels={"fr": "Eau"})
    assembly = commons_of(
        "Assemblée de l'eau",
        place="Cochabamba",
        country="BO",
        latitude="-17.389500",
        longitude="-66.156800",
        themes=[water],
        carriers=[carrier],
    )
    documented = doc("L'eau en commun", commons=[assembly])

    response = client.get(f"/catalogue/commons/{assembly.slug}.jsonld")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/ld+json"
    assert data["@type"] == "Organization"
    assert data["name"] == "Assemblée de l'eau"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": -17.3895,
        "longitude": -66.1568,
    }
    assert data["location"]["address"]["addressCountry"] == "BO"
    assert data["member"][0]["name"] == "Asociación del Agua"
    assert data["knowsAbout"][0]["termCode"] == "eau"
    assert data["subjectOf"][0]["name"] == documented.title
    assert "+591" not in response.content.decode()


def test_hidden_things_have_no_twin(client):
    document = doc("Caché")
    commons = commons_of("Commun caché")
    assert client.get(f"/catalogue/documents/{document.slug}.jsonld").status_code == 200
    hide(document)
    hide(commons)

    assert client.get(f"/catalogue/documents/{document.slug}.jsonld").status_code == 404
    assert client.get(f"/catalogue/commons/{commons.slug}.jsonld").status_code == 404
    assert client.get("/catalogue/documents/nothing.jsonld").status_code == 404


# --- Atom feeds ----------------------------------------------------------------------------------


def entries(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "published": entry.findtext(f"{ATOM}published"),
            "categories": [category.get("term") for category in entry.findall(f"{ATOM}category")],
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def feed_title(response) -> str:
    return ElementTree.fromstring(response.content).findtext(f"{ATOM}title")


@pytest.fixture
def catalogue():
    water = theme_save(code="eau", labels={"fr": "Eau", "en": "Water"})
    old_water = theme_save(code="water", labels={"en": "Water (old)"})
    theme_merge(merged=old_water, survivor=water)
    author = actor_create(name="Amina Diallo", kind="person")
    return {
        "fr": doc(
            "L'eau des communs",
            summary="Partager <l'eau> & la gérer.",
            themes=[water],
            authors=[author],
        ),  # fmt: skip
        "es": doc("La economía del agua", language="es", themes=[water]),
        "en": doc("Seed libraries", language="en"),
        "hidden": doc("Un document caché", themes=[water]),
    }


def test_the_feed_lists_the_latest_visible_documents(client, catalogue):
    hide(catalogue["hidden"])

    response = client.get("/en/catalogue/feed.atom")
    found = entries(response)

    assert [entry["title"] for entry in found] == [
        "Seed libraries",
        "La economía del agua",
        "L'eau des communs",
    ]
    assert feed_title(response) == "Remix catalogue: new documents"
    water = found[2]
    assert water["link"] == f"http://testserver/en/catalogue/documents/{catalogue['fr'].slug}/"
    assert html.unescape(water["summary"]) == "Partager <l'eau> & la gérer."
    assert water["author"] == "Amina Diallo"
    assert water["categories"] == ["Water"]
    assert datetime.datetime.fromisoformat(water["published"]).tzinfo is not None


def test_a_feed_per_language_and_per_theme(client, catalogue):
    spanish = client.get("/en/catalogue/feed.atom", {"lang": "es"})
    assert [entry["title"] for entry in entries(spanish)] == ["La economía del agua"]
    assert feed_title(spanish) == "Remix catalogue: new documents in Spanish"
    assert (
        ElementTree.fromstring(spanish.content).get("{http://www.w3.org/XML/1998/namespace}lang")
        == "es"
    )

    hide(catalogue["hidden"])
    for code in ("eau", "water"):
        themed = client.get("/en/catalogue/feed.atom", {"theme": code})
        assert [entry["title"] for entry in entries(themed)] == [
            "La economía del agua",
            "L'eau des communs",
        ]
        assert feed_title(themed) == "Remix catalogue: new documents on Water"
    both = client.get("/en/catalogue/feed.atom", {"theme": "eau", "lang": "fr"})
    assert [entry["title"] for entry in entries(both)] == ["L'eau des communs"]
    assert client.get("/en/catalogue/feed.atom", {"theme": "nothing"}).status_code == 404
    assert client.get("/en/catalogue/feed.atom", {"lang": "../x"}).status_code == 404
    assert entries(client.get("/en/catalogue/feed.atom", {"lang": "de"})) == []


def test_the_feed_keeps_the_latest_fifty(client):
    for number in range(52):
        doc(f"Document {number}")

    found = entries(client.get("/catalogue/feed.atom"))

    assert len(found) == 50
    assert found[0]["title"] == "Document 51"


# --- the export ----------------------------------------------------------------------------------


TRICKY = 'Eau, "communs" & économie: l’été'


@pytest.fixture
def exported():
    author = actor_create(name="Diallo, Amina", kind="person", email="amina@secret.example")
    water = theme_save(code="eau", labels={"fr": "Eau"})
    assembly = commons_of("Assemblée de l'eau", latitude="10.5", longitude="-3.25")
    source = doc("La source", licence="CC-BY-4.0", date=datetime.date(2020, 1, 2))
    tricky = doc(
        TRICKY,
        kind="remix",
        licence="CC-BY-4.0",
        sources=[source],
        authors=[author],
        themes=[water],
        commons=[assembly],
        country="ML",
    )
    formula = doc("=HYPERLINK(1)")
    hidden = doc("Un document caché")
    english = doc("The source", language="en", translation_of=source)
    orphan = doc("Translation of a hidden one", language="en", translation_of=hidden)
    hide(hidden)
    hide(commons_of("Commun caché"))
    return {
        "source": source,
        "tricky": tricky,
        "formula": formula,
        "english": english,
        "orphan": orphan,
        "hidden": hidden,
    }


VISIBLE = ("source", "tricky", "formula", "english", "orphan")


@pytest.mark.dated
def test_the_csv_export_round_trips_and_leaves_hidden_documents_out(client, exported):
    response = client.get("/en/catalogue/export.csv")

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="remix-catalogue-{today}.csv"'
    )
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "id", "slug", "kind", "title", "language", "translation_of", "licence", "date",
        "country", "authors", "themes", "commons", "sources", "url",
    ]  # fmt: skip
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == {exported[name].slug for name in VISIBLE}
    assert len(rows) == len(VISIBLE)
    tricky = by_slug[exported["tricky"].slug]
    assert tricky["title"] == TRICKY
    assert tricky["authors"] == "Diallo, Amina"
    assert by_slug[exported["english"].slug]["translation_of"] == exported["source"].slug
    assert by_slug[exported["orphan"].slug]["translation_of"] == ""
    assert tricky["themes"] == "eau"
    assert tricky["sources"] == exported["source"].slug
    assert tricky["country"] == "ML"
    assert tricky["url"] == f"http://testserver/en/catalogue/documents/{exported['tricky'].slug}/"
    assert by_slug[exported["source"].slug]["date"] == "2020-01-02"
    # A spreadsheet would run it: it is kept as text.
    assert by_slug[exported["formula"].slug]["title"] == "'=HYPERLINK(1)"
    assert "secret" not in content.decode()


def test_the_json_export_has_lists_as_arrays_and_the_commons(client, exported):
    response = client.get("/catalogue/export.json")

    assert response.streaming
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(b"".join(response.streaming_content))
    by_slug = {record["slug"]: record for record in data["documents"]}
    assert set(by_slug) == {exported[name].slug for name in VISIBLE}
    assert len(data["documents"]) == len(VISIBLE)
    tricky = by_slug[exported["tricky"].slug]
    assert tricky["title"] == TRICKY
    assert tricky["authors"] == ["Diallo, Amina"]
    assert by_slug[exported["orphan"].slug]["translation_of"] is None
    assert tricky["sources"] == [exported["source"].slug]
    assert tricky["translation_of"] is None
    assert by_slug[exported["formula"].slug]["title"] == "=HYPERLINK(1)"
    (commons,) = data["commons"]
    assert commons["name"] == {"fr": "Assemblée de l'eau"}
    assert (commons["latitude"], commons["longitude"]) == (10.5, -3.25)
    assert commons["family"] == "nature"


def test_the_export_reads_chunk_after_chunk(client, exported, monkeypatch):
    from remix.catalogue.selectors import exports

    monkeypatch.setattr(exports, "CHUNK", 2)
    response = client.get("/catalogue/export.json")
    chunks = list(response.streaming_content)

    data = json.loads(b"".join(chunks))
    assert sorted(record["id"] for record in data["documents"]) == sorted(
        exported[name].pk for name in VISIBLE
    )
    assert len(chunks) >= 3 + 3


def test_an_unknown_export_format_is_404(client, db):
    assert client.get("/catalogue/export.xml").status_code == 404
