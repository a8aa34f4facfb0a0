"""Members write to the catalogue through its forms: documents, edits, translations, remixes,
uploads, commons; a preview saves nothing; visitors and non-members are kept out."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.allies.services import actor_create, theme_save
from remix.catalogue import services
from remix.catalogue.models import Commons, Document, Family, Revision
from remix.catalogue.search import search

pytestmark = pytest.mark.django_db

NEW = "/en/catalogue/documents/new/"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def member(client, make_user):
    user = make_user("camille")
    client.force_login(user)
    return user


@pytest.fixture
def themes(db):
    return [
        theme_save(code="eau", labels={"fr": "Eau", "en": "Water"}),
        theme_save(code="semences", labels={"fr": "Semences", "en": "Seeds"}),
        theme_save(code="gouvernance", labels={"fr": "Gouvernance", "en": "Governance"}),
    ]


def posted(**fields) -> dict:
    """A document form as a member fills it in."""
    return {
        "kind": "text",
        "title": "Les communs de l’eau",
        "summary": "Une assemblée d’irrigants.",
        "body": "Une **assemblée** partage l’eau.",
        "language": "fr",
        "licence": "CC-BY-SA-4.0",
        **fields,
    }


def source(title, licence, *, language="fr", **data):
    return services.document_create(
        author=None,
        data={"kind": "text", "title": title, "language": language, "licence": licence, **data},
    )


def field_errors(response, name) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


# -- creating and editing -----------------------------------------------------------------------


def test_a_member_adds_a_document_that_search_finds_with_its_first_revision(client, member, themes):
    curie = actor_create(name="Marie Curie", kind="person")
    ostrom = actor_create(name="Élinor Ostrom", kind="person")

    response = client.post(
        NEW,
        posted(
            authors="marie curie, élinor OSTROM",
            themes=[themes[0].pk, themes[1].pk],
            duration="1:05:30",
            country="sn",
            date="2024-03-08",
            subtitles="en, WO",
        ),
    )

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/catalogue/documents/{document.slug}/"
    assert list(document.authors.order_by("name")) == [curie, ostrom]
    assert document.duration_seconds == 3930
    assert (document.country, document.subtitles) == ("SN", ["en", "wo"])
    assert sorted(document.themes.values_list("code", flat=True)) == ["eau", "semences"]
    assert [(r.number, r.author) for r in document.revisions.all()] == [(1, member)]
    assert [hit.slug for hit in search("assemblee irrigants")] == [document.slug]


def test_unknown_authors_are_named_and_everything_typed_is_kept(client, member):
    actor_create(name="Marie Curie", kind="person")

    response = client.post(NEW, posted(authors="Marie Curie\nNobody Known, Ghost"))

    assert response.status_code == 200
    assert field_errors(response, "authors") == [
        "Not on the map: “Nobody Known”, “Ghost”. Check the spelling, or ask an editor to add them."
    ]
    assert 'value="Les communs de l’eau"' in response.content.decode()
    assert 'aria-describedby="id_authors_helptext id_authors_error"' in response.content.decode()
    assert not Document.objects.exists()


def test_an_edit_needs_a_summary_and_makes_the_second_revision(client, member, themes):
    document = source("Le jardin", "CC-BY-4.0", themes=themes[:2])
    url = f"/en/catalogue/documents/{document.slug}/edit/"
    form = client.get(url).context["form"]
    assert form["title"].value() == "Le jardin"
    assert form["licence"].value() == "CC-BY-4.0"

    data = posted(title="Le jardin partagé", licence="CC-BY-4.0", themes=[t.pk for t in themes[:2]])
    response = client.post(url, data)
    assert field_errors(response, "edit_summary") == ["This field is required."]

    response = client.post(url, {**data, "edit_summary": "a better title"})

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Le jardin partagé"
    latest = document.revisions.first()
    assert (latest.number, latest.summary, latest.author) == (2, "a better title", member)


def test_fewer_than_two_themes_is_advice_not_a_refusal(client, member, themes):
    response = client.post(NEW, posted(themes=[themes[0].pk]), follow=True)

    assert Document.objects.get().themes.count() == 1
    shown = [str(message) for message in response.context["messages"]]
    assert "1 theme chosen: 2 to 5 themes are recommended, so that readers find it." in shown


def test_a_preview_renders_the_page_and_saves_nothing(client, member, themes):
    response = client.post(NEW, posted(themes=[t.pk for t in themes[:2]], preview="1"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>assemblée</strong>" in page
    assert "CC BY-SA 4.0 — free" in page
    assert 'value="Les communs de l’eau"' in page  # the form is there to go on
    assert not Document.objects.exists()
    assert not Revision.objects.exists()


# -- licences -----------------------------------------------------------------------------------


def test_all_rights_reserved_is_not_offered_and_refused_when_posted(client, member):
    page = client.get(NEW).content.decode()
    assert "All-Rights-Reserved" not in page
    assert "CC BY-NC-SA 4.0 — non-free: no commercial use" in page

    response = client.post(NEW, posted(licence="LicenseRef-All-Rights-Reserved"))

    assert field_errors(response, "licence") == [
        "“All rights reserved” is refused: the commons cannot be appropriated. Choose a free "
        "licence (CC BY-SA, CC BY, CC0, Free Art…)."
    ]
    assert not Document.objects.exists()


def test_a_remix_of_two_sources_proposes_the_licence_they_impose(client, member):
    shared = source("Source partagée", "CC-BY-SA-4.0")
    open_ = source("Source ouverte", "CC-BY-4.0")
    url = f"{NEW}?remix={shared.slug}&remix={open_.slug}"

    form = client.get(url).context["form"]

    assert form["kind"].value() == "remix"
    assert form["sources"].value() == f"{shared.slug}\n{open_.slug}"
    assert form["licence"].value() == "CC-BY-SA-4.0"
    assert [code for code, _label in form.fields["licence"].choices[0][1]] == ["CC-BY-SA-4.0"]

    response = client.post(
        url,
        posted(kind="remix", title="Le remix", sources=f"{shared.slug}\nSource ouverte"),
    )

    assert response.status_code == 302
    remix = Document.objects.get(title="Le remix")
    assert remix.licence == "CC-BY-SA-4.0"
    assert [d.source for d in remix.derivations.all()] == [shared, open_]


def test_an_incompatible_licence_posted_for_a_remix_is_refused(client, member):
    shared = source("Source partagée", "CC-BY-SA-4.0")

    response = client.post(
        f"/en/catalogue/documents/{shared.slug}/remix/",
        posted(kind="remix", title="Le remix", sources=shared.slug, licence="CC-BY-4.0"),
    )

    assert field_errors(response, "licence") == [
        "The sources allow this remix under CC BY-SA 4.0 only."
    ]
    assert not Document.objects.filter(title="Le remix").exists()


def test_a_no_derivatives_source_is_explained_before_typing_and_refused(client, member):
    closed = source("Source fermée", "CC-BY-ND-4.0")
    url = f"/en/catalogue/documents/{closed.slug}/remix/"
    message = "A source under CC BY-ND 4.0 forbids derivative works: it cannot be remixed."

    page = client.get(url).content.decode()
    assert message in page

    response = client.post(url, posted(kind="remix", title="Le remix", sources=closed.slug))

    assert message in field_errors(response, "licence")
    assert not Document.objects.filter(title="Le remix").exists()


def test_editing_a_remix_keeps_a_source_hidden_since(client, member, make_user):
    shared = source("Source partagée", "CC-BY-SA-4.0")
    remix = source("Le remix", "CC-BY-SA-4.0", kind="remix", sources=[shared])
    editor = make_user("edith", roles=["editor"])
    services.moderate(subject=shared, moderator=editor, hide=True, reason="doublon")
    url = f"/en/catalogue/documents/{remix.slug}/edit/"

    form = client.get(url).context["form"]
    data = {
        **posted(kind="remix", title="Le remix revu"),
        "sources": form["sources"].value(),
        "edit_summary": "title",
    }
    response = client.post(url, data)

    assert response.status_code == 302
    assert [d.source for d in remix.derivations.all()] == [shared]


# -- translations -------------------------------------------------------------------------------


def test_a_translation_links_to_the_original_shown_beside_it(client, member):
    original = source("Les semences", "CC-BY-SA-4.0", body="Le *texte* original.")
    url = f"/en/catalogue/documents/{original.slug}/translate/"

    response = client.get(url)
    page = response.content.decode()
    assert "Le <em>texte</em> original." in page
    assert [code for code, _name in response.context["form"].fields["language"].choices] == [
        "en",
        "es",
        "other",
    ]

    response = client.post(url, posted(title="Seeds", language="en", body="The text."))

    assert response.status_code == 302
    translation = Document.objects.get(title="Seeds")
    assert (translation.translation_of, translation.language) == (original, "en")
    assert translation.licence == original.licence


def test_a_language_already_present_is_refused_for_a_translation(client, member):
    original = source("Les semences", "CC-BY-SA-4.0")
    source("Seeds", "CC-BY-SA-4.0", language="en", translation_of=original)
    url = f"/en/catalogue/documents/{original.slug}/translate/"
    message = "This document already has a version in this language."

    for fields in ({"language": "fr"}, {"language": "other", "language_other": "EN"}):
        response = client.post(url, posted(title="Encore", **fields))
        name = "language_other" if "language_other" in fields else "language"
        assert field_errors(response, name) == [message]
    assert not Document.objects.filter(title="Encore").exists()


# -- media --------------------------------------------------------------------------------------


def test_a_small_png_is_uploaded_through_the_storage(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("photo.html", PNG, content_type="text/html")

    response = client.post(NEW, posted(kind="image", media_file=upload))

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.media_type == "image/png"
    # Stored under the extension its bytes say, whatever name it came with.
    assert document.media_file.name.endswith("/photo.png")
    assert (tmp_path / document.media_file.name).read_bytes() == PNG

    url = f"/en/catalogue/documents/{document.slug}/edit/"
    response = client.post(url, posted(kind="image", media_remove="on", edit_summary="no photo"))

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.media_file.name, document.media_type) == ("", "")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.png", b"<!DOCTYPE html><html><body onload=alert(1)></body></html>"),
    ],
)
def test_svg_and_html_files_are_refused_and_nothing_is_kept(
    client, member, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path

    response = client.post(NEW, posted(media_file=SimpleUploadedFile(name, content)))

    assert field_errors(response, "media_file") == [
        "This kind of file is not accepted. Upload a video (MP4, WebM), a sound (MP3, Ogg, FLAC, "
        "WAV), an image (PNG, JPEG, GIF, WebP), a PDF or a plain text."
    ]
    assert not Document.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_preview_says_the_upload_is_not_kept(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("photo.png", PNG)

    response = client.post(NEW, posted(media_file=upload, preview="1"))

    assert "a preview does not keep it: choose it again before saving" in response.content.decode()
    assert list(tmp_path.iterdir()) == []


# -- commons ------------------------------------------------------------------------------------


def test_a_french_member_types_a_latitude_with_a_comma(client, member, themes):
    carrier = actor_create(name="Association des irrigants", kind="organisation")
    family = Family.objects.get(code="nature")
    data = {
        "name_fr": "Canal de la Bièvre",
        "description_es": "Un canal compartido.",
        "family": family.pk,
        "latitude": "45,76",
        "longitude": "4,835",
        "carriers": "association des IRRIGANTS",
        "themes": [themes[0].pk, themes[2].pk],
    }

    for url, example in (
        ("/catalogue/commons/new/", "45,76"),
        ("/en/catalogue/commons/new/", "45.76"),
    ):
        help_text = client.get(url).context["form"]["latitude"].help_text
        assert example in str(help_text)

    response = client.post("/catalogue/commons/new/", {**data, "preview": "1"})
    assert response.context["form"].is_valid(), response.context["form"].errors
    assert '<div lang="es"><p>Un canal compartido.</p>' in response.content.decode()
    assert not Commons.objects.exists()

    response = client.post("/catalogue/commons/new/", data)

    assert response.status_code == 302
    commons = Commons.objects.get()
    assert (commons.latitude, commons.longitude) == (Decimal("45.76"), Decimal("4.835"))
    assert commons.name == {"fr": "Canal de la Bièvre"}
    assert commons.description == {"es": "Un canal compartido."}
    assert list(commons.carriers.all()) == [carrier]
    assert commons.revisions.get().number == 1

    page = client.get(f"/catalogue/commons/{commons.slug}/edit/").content.decode()
    assert 'value="45,76"' in page


def test_a_commons_needs_a_name_and_an_edit_a_summary(client, member):
    family = Family.objects.get(code="digital")

    response = client.post("/en/catalogue/commons/new/", {"family": family.pk})
    assert response.context["form"].non_field_errors() == [
        "Give the commons a name in at least one language."
    ]

    commons = services.commons_create(
        author=member, data={"name": {"en": "Free software"}, "family": family}
    )
    url = f"/en/catalogue/commons/{commons.slug}/edit/"
    data = {"name_en": "Free software", "name_es": "Software libre", "family": family.pk}
    assert field_errors(client.post(url, data), "edit_summary") == ["This field is required."]

    response = client.post(url, {**data, "edit_summary": "Spanish name"})

    assert response.status_code == 302
    commons.refresh_from_db()
    assert commons.name == {"en": "Free software", "es": "Software libre"}
    assert commons.revisions.first().summary == "Spanish name"


# -- who may write ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [NEW, "/en/catalogue/commons/new/"])
def test_a_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_a_user_without_the_member_role_is_refused(client, make_user):
    user = make_user("visitor")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    client.force_login(user)

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, posted()).status_code == 403
    assert not Document.objects.exists()
