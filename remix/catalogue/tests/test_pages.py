"""The catalogue's reading pages: home with gallery, filters and search, documents with their
player, translations and lineage, commons, themes; hidden things stay out of every list."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from remix.allies.services import actor_create, theme_merge, theme_save
from remix.catalogue import services
from remix.catalogue.models import Family
from remix.catalogue.selectors import documents as document_selectors
from remix.catalogue.views import pages

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64


def doc(title, *, language="fr", kind="text", licence="CC-BY-SA-4.0", **data):
    return services.document_create(
        author=None,
        data={"kind": kind, "title": title, "language": language, "licence": licence, **data},
    )


def commons_of(name, *, family="nature", **data):
    return services.commons_create(
        author=None,
        data={"name": {"fr": name}, "family": Family.objects.get(code=family), **data},
    )


def en(name, *, language="en", **kwargs):
    """A catalogue page's address in a language (English unless told)."""
    with translation.override(language):
        return reverse(name if ":" in name else f"catalogue:{name}", kwargs=kwargs or None)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def catalogue():
    water = theme_save(code="eau", labels={"fr": "Eau", "en": "Water"})
    seeds = theme_save(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    author = actor_create(name="Radio Communs", kind="organisation")
    garden = commons_of("Jardin des Lilas", family="urban", country="FR", themes=[seeds])
    return {
        "water": water,
        "seeds": seeds,
        "author": author,
        "garden": garden,
        "economy": doc(
            "L'économie des communs",
            summary="Une introduction à l'économie solidaire.",
            kind="video",
            country="FR",
            date=datetime.date(2021, 5, 1),
            themes=[water],
            authors=[author],
        ),
        "water_es": doc(
            "La economía del agua",
            language="es",
            kind="interview",
            country="BO",
            licence="CC-BY-NC-SA-4.0",
            date=datetime.date(2015, 3, 1),
            themes=[water],
        ),
        "seeds_en": doc(
            "Seed libraries",
            language="en",
            country="CA",
            date=datetime.date(2023, 1, 1),
            commons=[garden],
            themes=[seeds],
        ),
    }


# -- the pages answer in every language ---------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_every_page_answers_in_every_language(client, catalogue, language):
    urls = [
        en("home", language=language),
        en("home", language=language) + "?q=communs",
        en("document", language=language, slug=catalogue["economy"].slug),
        en("commons_list", language=language),
        en("commons", language=language, slug=catalogue["garden"].slug),
        en("theme", language=language, code="eau"),
    ]
    for url in urls:
        html = page(client, url)
        assert f'<html lang="{language}">' in html


def test_the_catalogue_area_leads_to_the_catalogue_home(client, catalogue):
    html = page(client, en("web:home"))
    assert f'href="{en("home")}"' in html


def test_unknown_things_are_not_found(client, catalogue):
    page(client, en("document", slug="nothing-here"), 404)
    page(client, en("commons", slug="nothing-here"), 404)
    page(client, en("theme", code="nothing-here"), 404)


# -- home: gallery, filters, search -------------------------------------------------------------


def titles_on(html, catalogue):
    return {
        name
        for name, thing in catalogue.items()
        if hasattr(thing, "title") and thing.title.replace("'", "&#x27;") in html
    }


def test_the_home_shows_the_latest_documents_in_a_gallery(client, catalogue):
    html = page(client, en("home"))
    assert titles_on(html, catalogue) == {"economy", "water_es", "seeds_en"}
    assert html.index("Seed libraries") < html.index("La economía del agua")  # newest first
    assert "3 documents" in html
    assert '<span class="badge">CC BY-NC-SA 4.0</span> <span class="badge badge-nonfree">' in html
    assert "doc-tile doc-tile-video" in html  # no picture: a tile by kind


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=interview", {"water_es"}),
        ("language=en", {"seeds_en"}),
        ("family=urban", {"seeds_en"}),
        ("theme=eau", {"economy", "water_es"}),
        ("licence=CC-BY-NC-SA-4.0", {"water_es"}),
        ("free=1", {"economy", "seeds_en"}),
        ("country=bo", {"water_es"}),
        ("from=2020", {"economy", "seeds_en"}),
        ("from=2016&to=2022", {"economy"}),
        ("theme=eau&free=1", {"economy"}),
    ],
)
def test_filters_narrow_the_documents(client, catalogue, query, expected):
    html = page(client, en("home") + "?" + query)
    assert titles_on(html, catalogue) == expected


def test_a_filtered_count_stops_at_its_cap(client, catalogue, monkeypatch):
    monkeypatch.setattr(pages.CappedPaginator, "cap", 1)
    html = page(client, en("home") + "?theme=eau")
    assert "More than 1 documents match" in html
    assert titles_on(html, catalogue) == {"economy", "water_es"}  # one page of 24 still
    assert "3 documents" in page(client, en("home"))  # unfiltered, every document is counted


def test_search_pages_follow_one_another(client, catalogue, monkeypatch):
    monkeypatch.setattr(pages, "DOCUMENTS_PER_PAGE", 1)
    html = page(client, en("home") + "?q=econom")
    assert "Page 1" in html and 'href="?q=econom&amp;page=2" rel="next"' in html
    second = page(client, en("home") + "?q=econom&page=2")
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert ("del agua" in html) != ("del agua" in second)


def test_the_filters_offer_what_the_catalogue_holds(client, catalogue):
    html = page(client, en("home"))
    for option in (
        '<option value="es">Spanish</option>',
        '<option value="BO">Bolivia</option>',
        '<option value="urban">Urban</option>',
        '<option value="eau">Water</option>',
        '<option value="CC-BY-NC-SA-4.0">CC BY-NC-SA 4.0 (non-free)</option>',
    ):
        assert option in html


def test_search_highlights_matches_and_ignores_accents(client, catalogue):
    html = page(client, en("home") + "?q=economie")
    assert "L&#x27;<mark>économie</mark> des communs" in html
    assert "del agua" not in html and "Seed libraries" not in html
    html = page(client, en("home") + "?q=econom")  # the last word is a prefix
    assert "La <mark>economía</mark> del agua" in html
    assert f'href="{en("document", slug=catalogue["economy"].slug)}"' in html


def test_search_finds_commons_and_actors_labelled_by_kind(client, catalogue):
    html = page(client, en("home") + "?q=radio")
    assert "<mark>Radio</mark> Communs" in html
    assert '<span class="badge">Actor</span>' in html
    html = page(client, en("home") + "?q=lilas")
    assert '<span class="badge">Commons</span>' in html
    assert "Jardin des <mark>Lilas</mark>" in html


def test_search_applies_filters_it_cannot_run_itself_afterwards(client, catalogue):
    html = page(client, en("home") + "?q=econom&licence=CC-BY-NC-SA-4.0")
    assert "del agua" in html and "des communs" not in html
    html = page(client, en("home") + "?q=econom&language=fr")
    assert "des communs" in html and "del agua" not in html
    # A filter on documents only: the commons found are set aside, and the page says so.
    html = page(client, en("home") + "?q=lilas&family=urban")
    assert "Jardin des" not in html and "The filters apply to documents" in html


def test_filters_after_search_look_past_the_first_page_of_hits(client, catalogue, monkeypatch):
    for n in range(55):
        doc(f"Semis {n}")
    rare = doc("Semis 99", licence="CC0-1.0")  # ranked last: same score, the highest id
    html = page(client, en("home") + "?q=semis&licence=CC0-1.0")
    assert f'href="{en("document", slug=rare.slug)}"' in html
    assert html.count('<li class="hit hit-document">') == 1
    assert "1 document matches the search and the filters." in html
    # Past the hits search reads, the page says where it stopped.
    monkeypatch.setattr(document_selectors, "SEARCH_HITS", 10)
    cache.clear()  # the same catalogue's page, cached: the setting changed, not the data
    html = page(client, en("home") + "?q=semis&licence=CC0-1.0")
    assert rare.slug not in html
    assert "Among the best matches of the search, 0 documents pass the filters" in html


def test_hidden_documents_are_in_no_list_and_no_search(client, catalogue, make_user):
    editor = make_user(roles=["editor"])
    services.moderate(
        subject=catalogue["economy"], moderator=editor, hide=True, reason="Doublon d'un autre"
    )
    for url in (en("home"), en("home") + "?q=economie", en("theme", code="eau")):
        assert "des communs" not in page(client, url), url
    assert "del agua" in page(client, en("home") + "?q=econom")
    services.moderate(subject=catalogue["water_es"], moderator=editor, hide=True, reason="Doublon")
    html = page(client, en("home"))
    assert '<option value="es">' not in html and '<option value="BO">' not in html
    assert '<option value="en">' in html and '<option value="CA">' in html


def test_a_hidden_document_says_why_instead_of_its_content(client, catalogue, make_user):
    editor = make_user(roles=["editor"])
    services.moderate(
        subject=catalogue["economy"], moderator=editor, hide=True, reason="Doublon d'un autre"
    )
    html = page(client, en("document", slug=catalogue["economy"].slug), 410)
    assert "This document was hidden" in html
    assert "Doublon d&#x27;un autre" in html
    assert "introduction" not in html


def test_the_home_page_makes_as_many_queries_for_many_documents_as_for_few(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as few:
        page(client, en("home"))
    author = catalogue["author"]
    for n in range(30):
        doc(f"Document {n}", authors=[author], country="SN", language="wo")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client, en("home"))
    assert "Document 29" in html and "33 documents" in html


# -- a document -----------------------------------------------------------------------------------


def test_a_document_page_shows_its_metadata_licence_and_citation(client, catalogue):
    economy = catalogue["economy"]
    services.document_update(
        document=economy,
        author=None,
        data={
            "duration_seconds": 3930,
            "subtitles": ["en", "es"],
            "place": "Lyon",
            "body": "## Chapitres\n\nUne **première** partie.<script>alert(1)</script>",
        },
    )
    html = page(client, en("document", slug=economy.slug))
    assert '<time datetime="PT1H5M30S">1:05:30</time>' in html
    assert "English, Spanish" in html
    assert "Lyon, France" in html
    assert '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">' in html
    assert "free licence" in html and "non-free licence" not in html
    assert "<strong>première</strong>" in html and "<script>alert" not in html
    assert f'href="{en("allies:actor", slug=catalogue["author"].slug)}"' in html
    assert f'href="{en("theme", code="eau")}"' in html
    assert f'href="{en("allies:trunk")}"' in html
    # Cite this: the attribution with the page's address.
    address = "http://testserver" + en("document", slug=economy.slug)
    assert f"“L&#x27;économie des communs” — Radio Communs ({address}), CC BY-SA 4.0." in html


def test_a_non_free_licence_is_labelled(client, catalogue):
    html = page(client, en("document", slug=catalogue["water_es"].slug))
    assert "non-free licence" in html and "no commercial use" in html


def test_a_document_lists_its_other_languages(client, catalogue):
    original = catalogue["economy"]
    translation_ = doc("The economics of the commons", language="en", translation_of=original)
    html = page(client, en("document", slug=original.slug))
    assert f'href="{en("document", slug=translation_.slug)}" hreflang="en">English</a>' in html
    html = page(client, en("document", slug=translation_.slug))
    assert "Translation of" in html
    assert f'href="{en("document", slug=original.slug)}" hreflang="fr">French</a>' in html


def test_the_lineage_graph_names_sources_and_remixes(client, catalogue):
    first, second = catalogue["economy"], catalogue["seeds_en"]
    remix = doc("Remix des communs", kind="remix", sources=[first, second])
    remix_of_remix = doc("Second remix", kind="remix", sources=[remix])
    html = page(client, en("document", slug=remix.slug))
    svg = html[html.index('<svg class="lineage-graph') : html.index("</svg>")]
    for title in ("L&#x27;économie des communs", "Seed libraries", "Second remix"):
        assert title in svg
    assert 'class="lineage-node is-focus"' in svg
    assert svg.count('<path class="lineage-edge"') == 3
    # Sources above, remixes below.
    y_of = {
        title: int(y)
        for y, title in re.findall(r'class="lineage-title" x="\d+" y="(\d+)">([^<]+)<', svg)
    }
    assert y_of["Seed libraries"] < y_of["Remix des communs"] < y_of["Second remix"]
    # The same as lists, for every reader.
    lists = html[html.index("Derives from") : html.index("Cite this")]
    assert f'href="{en("document", slug=first.slug)}"' in lists
    assert f'href="{en("document", slug=remix_of_remix.slug)}"' in lists


def test_the_lineage_is_absent_for_an_original_without_remixes(client, catalogue):
    html = page(client, en("document", slug=catalogue["seeds_en"].slug))
    assert "lineage-graph" not in html and "not remixed yet" in html


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_player_follows_the_uploaded_media_type(client, catalogue, media_root):
    picture = doc("Affiche", kind="image", media_file=SimpleUploadedFile("a.png", PNG))
    sound = doc("Émission", kind="audio", media_file=SimpleUploadedFile("b.mp3", MP3))
    text = doc("Charte", media_file=SimpleUploadedFile("c.txt", b"Article 1."))
    assert (picture.media_type, sound.media_type, text.media_type) == (
        "image/png",
        "audio/mpeg",
        "text/plain",
    )
    html = page(client, en("document", slug=picture.slug))
    assert f'<img src="{picture.media_file.url}" alt="Affiche">' in html
    html = page(client, en("document", slug=sound.slug))
    assert f'<audio controls preload="metadata" src="{sound.media_file.url}">' in html
    assert "<video" not in html
    html = page(client, en("document", slug=text.slug))
    assert f'<a class="button" href="{text.media_file.url}">Read the text file</a>' in html
    # The uploaded picture is the card's thumbnail in the gallery.
    assert f'<img class="doc-thumb" src="{picture.media_file.url}" alt=""' in page(
        client, en("home")
    )


def test_external_media_are_links_and_no_remote_image_loads(client, catalogue):
    video = doc(
        "Vidéo ailleurs",
        kind="video",
        media_url="https://video.example.org/w/42",
        thumbnail_url="https://video.example.org/thumb/42.jpg",
    )
    html = page(client, en("document", slug=video.slug))
    assert '<a href="https://video.example.org/w/42"' in html
    assert "Open the media on video.example.org" in html
    assert '<a href="https://video.example.org/thumb/42.jpg"' in html
    assert 'src="https://video.example.org' not in html


def test_members_find_the_ways_to_contribute(client, catalogue, make_user):
    economy = catalogue["economy"]
    links = [
        en("document_edit", slug=economy.slug),
        en("document_translate", slug=economy.slug),
        en("document_remix", slug=economy.slug),
    ]
    html = page(client, en("document", slug=economy.slug))
    assert not any(link in html for link in links)
    assert en("document_create") not in page(client, en("home"))
    client.force_login(make_user(roles=["member"]))
    html = page(client, en("document", slug=economy.slug))
    assert all(f'href="{link}"' in html for link in links)
    assert en("document_moderate", slug=economy.slug) not in html  # editors moderate
    assert f'href="{en("document_create")}"' in page(client, en("home"))
    assert f'href="{en("commons_create")}"' in page(client, en("commons_list"))


def test_a_no_derivatives_document_offers_no_remix(client, catalogue, make_user):
    closed = doc("Entretien fermé", licence="CC-BY-ND-4.0")
    client.force_login(make_user(roles=["member"]))
    html = page(client, en("document", slug=closed.slug))
    assert en("document_remix", slug=closed.slug) not in html
    assert "Its licence forbids derivative works" in html and "no derivative works" in html


def test_editors_reach_moderation_from_the_page_and_the_notice(client, catalogue, make_user):
    editor = make_user(roles=["editor"])
    client.force_login(editor)
    economy = catalogue["economy"]
    moderate = f'href="{en("document_moderate", slug=economy.slug)}"'
    assert moderate in page(client, en("document", slug=economy.slug))
    services.moderate(subject=economy, moderator=editor, hide=True, reason="Doublon")
    html = page(client, en("document", slug=economy.slug), 410)
    assert moderate in html and "Show it again" in html
    assert f'href="{en("moderation")}"' in html


def test_pages_point_to_their_open_data(client, catalogue):
    html = page(client, en("home"))
    assert f'<link rel="alternate" type="application/atom+xml" href="{en("feed")}"' in html
    assert (
        f'href="{en("export", fmt="csv")}"' in html and f'href="{en("export", fmt="json")}"' in html
    )
    slug = catalogue["economy"].slug
    html = page(client, en("document", slug=slug))
    jsonld = en("document_jsonld", slug=slug)
    assert f'<link rel="alternate" type="application/ld+json" href="{jsonld}">' in html
    assert f'href="{en("document_revisions", slug=slug)}"' in html
    html = page(client, en("commons", slug=catalogue["garden"].slug))
    assert f'href="{en("commons_jsonld", slug=catalogue["garden"].slug)}"' in html
    assert f'href="{en("feed")}?theme=eau"' in page(client, en("theme", code="eau"))


def test_the_catalogue_nav_marks_the_current_section(client, catalogue):
    html = page(client, en("commons_list"))
    assert f'<a href="{en("commons_list")}" aria-current="page">' in html
    assert f'<a href="{en("themes")}">' in html and f'<a href="{en("moderation")}">' in html


# -- commons and themes ---------------------------------------------------------------------------


def test_the_commons_list_filters_by_family_and_country(client, catalogue):
    commons_of("Grainothèque de Dakar", family="knowledge", country="SN")
    html = page(client, en("commons_list"))
    assert "Jardin des Lilas" in html and "Grainothèque de Dakar" in html
    html = page(client, en("commons_list") + "?family=knowledge")
    assert "Jardin des Lilas" not in html and "Grainothèque de Dakar" in html
    html = page(client, en("commons_list") + "?country=fr")
    assert "Jardin des Lilas" in html and "Grainothèque de Dakar" not in html


def test_a_commons_page_shows_its_texts_place_carriers_and_documents(client, catalogue):
    carrier = actor_create(name="Association des Lilas", kind="organisation")
    garden = catalogue["garden"]
    services.commons_update(
        commons=garden,
        author=None,
        data={
            "description": {"fr": "Un jardin partagé.", "en": "A shared garden."},
            "governance": {"fr": "Assemblée mensuelle."},
            "latitude": "45.764043",
            "longitude": "4.835659",
            "carriers": [carrier],
        },
    )
    html = page(client, en("commons", slug=garden.slug))
    assert "A shared garden." in html
    assert '<div lang="fr"><p>Assemblée mensuelle.</p>' in html  # the fallback says its language
    assert "https://www.openstreetmap.org/?mlat=45.764043&amp;mlon=4.835659" in html
    assert f'href="{en("allies:actor", slug=carrier.slug)}"' in html
    assert "Seed libraries" in html
    assert f'href="{en("theme", code="semences")}"' in html


def test_a_hidden_commons_says_why(client, catalogue, make_user):
    services.moderate(
        subject=catalogue["garden"],
        moderator=make_user(roles=["editor"]),
        hide=True,
        reason="Fermé",
    )
    html = page(client, en("commons", slug=catalogue["garden"].slug), 410)
    assert "This commons was hidden" in html and "Fermé" in html
    assert "Jardin des Lilas" not in page(client, en("commons_list"))


def test_a_theme_shows_its_documents_commons_and_neighbours(client, catalogue):
    theme_save(
        code="riviere", labels={"fr": "Rivières", "en": "Rivers"}, broader=[catalogue["water"]]
    )
    water = catalogue["water"]
    water.wikidata_id = "Q283"
    water.save()
    html = page(client, en("theme", code="eau"))
    assert '<h1 lang="en">Water</h1>' in html
    assert "des communs" in html and "del agua" in html and "Seed libraries" not in html
    assert 'href="https://www.wikidata.org/wiki/Q283"' in html
    assert f'href="{en("theme", code="riviere")}">Rivers</a>' in html
    html = page(client, en("theme", code="semences"))
    assert "Jardin des Lilas" in html and "Seed libraries" in html


def test_a_merged_theme_redirects_to_its_survivor(client, catalogue):
    theme_merge(merged=catalogue["seeds"], survivor=catalogue["water"])
    response = client.get(en("theme", code="semences"))
    assert response.status_code == 301
    assert response["Location"] == en("theme", code="eau")


def test_french_is_the_default_language(client, catalogue):
    html = page(client, en("home", language="fr"))
    assert '<html lang="fr">' in html
    assert '<option value="es">Espagnol</option>' in html
    assert '<option value="BO">Bolivie</option>' in html
