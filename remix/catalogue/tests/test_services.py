"""The catalogue's writes: revisions, licences of remixes, translations, moderation, themes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from remix.allies.models import Theme
from remix.allies.services import actor_create, theme_merge, theme_save
from remix.catalogue import search, services
from remix.catalogue.media import media_check
from remix.catalogue.models import Derivation, Document, Family, ModerationEvent, SearchEntry
from remix.catalogue.selfchecks import check_lineage, check_revisions, check_search_index

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def doc(title="Les communs", *, licence="CC-BY-SA-4.0", language="fr", author=None, **data):
    return services.document_create(
        author=author,
        data={"kind": "text", "title": title, "language": language, "licence": licence, **data},
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_every_edit_is_a_revision_and_a_revert_restores_fields_and_links(make_user):
    member = make_user(roles=["member"])
    garden = theme_save(code="jardins", labels={"fr": "Jardins"})
    seeds = theme_save(code="semences", labels={"fr": "Semences"})
    document = doc("Le jardin partagé", author=member, body="Première version.", themes=[garden])
    assert [r.number for r in document.revisions.all()] == [1]
    assert document.revisions.get().author == member

    services.document_update(
        document=document,
        author=member,
        data={"body": "Deuxième version.", "themes": [seeds]},
        summary="semences plutôt",
    )
    # Saving without a change makes no revision.
    services.document_update(document=document, author=member, data={"body": "Deuxième version."})
    assert [r.number for r in document.revisions.all()] == [2, 1]
    assert document.revisions.get(number=2).summary == "semences plutôt"

    services.document_revert(document=document, author=member, number=1)
    document.refresh_from_db()
    assert document.body == "Première version."
    assert list(document.themes.values_list("code", flat=True)) == ["jardins"]
    latest = document.revisions.first()
    assert (latest.number, latest.reverted_to) == (3, 1)
    assert latest.data["themes"] == ["jardins"]


def test_all_rights_reserved_and_unknown_licences_are_refused():
    with translation.override("en"):
        with pytest.raises(ValidationError) as excinfo:
            doc(licence="LicenseRef-All-Rights-Reserved")
        assert "cannot be appropriated" in errors_of(excinfo)["licence"][0]
        with pytest.raises(ValidationError) as excinfo:
            doc(licence="WTFPL-9")
        assert "Unknown licence" in " ".join(errors_of(excinfo)["licence"])
    assert not Document.objects.exists()


def test_a_non_free_licence_is_accepted():
    assert doc(licence="CC-BY-NC-SA-4.0").licence == "CC-BY-NC-SA-4.0"


def test_a_remix_of_a_share_alike_source_keeps_its_licence():
    source = doc("Source BY-SA", licence="CC-BY-SA-4.0")
    open_source = doc("Source BY", licence="CC-BY-4.0")
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        doc("Remix", kind="remix", licence="CC-BY-4.0", sources=[source, open_source])
    assert errors_of(excinfo)["licence"] == [
        "The sources allow this remix under CC BY-SA 4.0 only."
    ]
    remix = doc("Remix", kind="remix", licence="CC-BY-SA-4.0", sources=[source, open_source])
    assert [d.source for d in remix.derivations.all()] == [source, open_source]
    assert remix.revisions.get().data["sources"] == [source.slug, open_source.slug]


def test_a_no_derivatives_source_cannot_be_remixed():
    closed = doc("Interview ND", licence="CC-BY-ND-4.0")
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        doc("Remix", kind="remix", licence="CC-BY-SA-4.0", sources=[closed])
    assert "forbids derivative works" in errors_of(excinfo)["licence"][0]


def test_a_remix_needs_sources_and_the_lineage_stays_acyclic():
    with pytest.raises(ValidationError) as excinfo:
        doc("Remix sans source", kind="remix")
    assert "sources" in errors_of(excinfo)
    first = doc("Premier")
    second = doc("Second", kind="remix", sources=[first])
    with pytest.raises(ValidationError) as excinfo:
        services.document_update(document=first, author=None, data={"sources": [second]})
    assert "sources" in errors_of(excinfo)
    with pytest.raises(ValidationError):
        services.document_update(document=first, author=None, data={"sources": [first]})
    assert Derivation.objects.count() == 1
    assert check_lineage() == []


def test_a_translation_points_to_the_original_and_one_version_per_language():
    original = doc("L'économie des communs")
    spanish = doc("La economía de los comunes", language="es", translation_of=original)
    # Translating the translation makes another version of the original.
    english = doc("The economy of the commons", language="en", translation_of=spanish)
    assert english.translation_of == original
    with pytest.raises(ValidationError) as excinfo:
        doc("Otra", language="es", translation_of=original)
    assert "language" in errors_of(excinfo)
    with pytest.raises(ValidationError):
        doc("Encore", language="fr", translation_of=original)
    assert set(original.translations.values_list("language", flat=True)) == {"es", "en"}


def test_a_commons_keeps_its_history_and_pairs_its_coordinates():
    nature = Family.objects.get(code="nature")
    commons = services.commons_create(
        author=None,
        data={"name": {"fr": "Grainothèque", "es": "Banco de semillas"}, "family": nature},
    )
    assert commons.slug == "grainotheque"
    with pytest.raises(ValidationError) as excinfo:
        services.commons_update(commons=commons, author=None, data={"latitude": "45.76"})
    assert "longitude" in errors_of(excinfo)
    services.commons_update(
        commons=commons,
        author=None,
        data={"latitude": "45.764043", "longitude": "4.835659", "place": "Lyon"},
        summary="lieu",
    )
    services.commons_revert(commons=commons, author=None, number=1)
    commons.refresh_from_db()
    assert (commons.place, commons.latitude) == ("", None)
    assert [r.number for r in commons.revisions.all()] == [3, 2, 1]
    assert [hit.slug for hit in search.search("semillas", language="es")] == ["grainotheque"]


def test_hiding_needs_a_reason_and_is_logged_publicly(make_user):
    editor = make_user(roles=["editor"])
    document = doc("Économie sociale")
    with pytest.raises(ValidationError):
        services.moderate(subject=document, moderator=editor, hide=True, reason="  ")
    assert search.search("economie")
    services.moderate(subject=document, moderator=editor, hide=True, reason="Publicité.")
    assert search.search("economie") == []
    assert not SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    with pytest.raises(ValidationError):
        services.moderate(subject=document, moderator=editor, hide=True, reason="Encore")
    services.moderate(subject=document, moderator=editor, hide=False, reason="Erreur, c'est lu.")
    assert [h.slug for h in search.search("economie")] == [document.slug]
    log = list(ModerationEvent.objects.values_list("action", "reason"))
    assert log == [("restore", "Erreur, c'est lu."), ("hide", "Publicité.")]


def test_merging_themes_moves_every_link_and_the_old_code_answers():
    commons_theme = theme_save(code="communs", labels={"fr": "Communs"})
    commons_en = theme_save(code="commons", labels={"en": "Commons"}, definition={"en": "Shared."})
    actor = actor_create(name="Réseau", kind="network", themes=[commons_en])
    document = doc("Définition", themes=[commons_en])
    theme_merge(merged=commons_en, survivor=commons_theme)
    commons_en.refresh_from_db()
    assert commons_en.survivor == commons_theme
    assert list(document.themes.all()) == [commons_theme]
    assert list(actor.themes.all()) == [commons_theme]
    commons_theme.refresh_from_db()
    assert commons_theme.labels == {"en": "Commons", "fr": "Communs"}
    assert list(Theme.objects.active()) == [commons_theme]
    # A document written with the merged theme gets the survivor.
    later = doc("Plus tard", themes=[commons_en])
    assert list(later.themes.all()) == [commons_theme]
    with pytest.raises(ValidationError):
        theme_merge(merged=commons_en, survivor=commons_theme)


def test_uploads_are_checked_by_their_first_bytes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    assert media_check(image).media_type == "image/png"
    document = doc("Photo", kind="image", media_file=image)
    assert document.media_type == "image/png"
    assert document.media_file.read() == PNG
    svg = SimpleUploadedFile(
        "photo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/png"
    )
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        doc("SVG", kind="image", media_file=svg)
    assert "not accepted" in errors_of(excinfo)["media_file"][0]
    settings.CATALOGUE_MEDIA_MAX_BYTES = 10
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        media_check(SimpleUploadedFile("big.png", PNG, "image/png"))
    assert "the limit is 10" in excinfo.value.messages[0]
    assert Document.objects.count() == 1


@pytest.mark.no_selfchecks
def test_the_selfchecks_see_a_missing_revision_or_search_entry():
    document = doc("Vérifié")
    assert check_revisions() == [] and check_search_index() == []
    SearchEntry.objects.filter(object_id=document.pk).delete()
    document.revisions.all().delete()
    assert check_revisions() == [f"document {document.slug} has no revision"]
    assert check_search_index() == [f"document {document.slug} is not searched"]


def test_a_stored_file_takes_the_extension_of_its_content(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    disguised = SimpleUploadedFile("page.html", PNG, content_type="text/html")
    document = doc("Image déguisée", kind="image", media_file=disguised)
    assert document.media_file.name.endswith("/page.png")


def test_a_translation_follows_the_licence_of_its_original():
    shared = doc("Partage à l'identique", licence="CC-BY-SA-4.0")
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        doc("Share alike", language="en", licence="CC-BY-4.0", translation_of=shared)
    assert "CC BY-SA 4.0" in errors_of(excinfo)["licence"][0]
    assert doc("Share alike", language="en", translation_of=shared).licence == "CC-BY-SA-4.0"
    closed = doc("Entretien ND", licence="CC-BY-ND-4.0")
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        doc("Interview", language="en", licence="CC-BY-4.0", translation_of=closed)
    assert "forbids derivative works" in errors_of(excinfo)["licence"][0]
    # Its rights holders' own version, under the same licence, is welcome.
    assert doc("Interview", language="en", licence="CC-BY-ND-4.0", translation_of=closed).pk


def test_a_steward_edits_the_families_of_commons_in_the_admin(client, make_user):
    steward = make_user(roles=["steward"])
    client.force_login(steward)
    family = Family.objects.get(code="digital")
    response = client.post(
        f"/en/admin/catalogue/family/{family.pk}/change/",
        {
            "code": "digital",
            "labels": '{"fr": "Communs numériques", "en": "Digital"}',
            "position": 2,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    family.refresh_from_db()
    assert family.labels["fr"] == "Communs numériques"
