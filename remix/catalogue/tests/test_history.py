"""The catalogue's history: snapshot diffs, revisions and reverts, the public moderation log."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from remix.catalogue import services
from remix.catalogue.models import Commons, Document, ModerationEvent
from remix.catalogue.search import search
from remix.catalogue.tests.builders import commons, doc
from remix.core.diff import FieldChange, snapshot_diff

# -- the diff, over literal snapshots -----------------------------------------------------------


def test_a_first_revision_adds_every_field_that_has_a_value():
    after = {"title": "Les communs", "summary": "", "pages": None, "themes": ["eau"]}

    assert snapshot_diff(None, after) == [
        FieldChange("themes", None, ["eau"], lines=(("insert", "eau"),)),
        FieldChange("title", None, "Les communs"),
    ]


def test_short_fields_give_before_and_after_and_long_texts_a_line_diff():
    before = {
        "title": "Le jardin",
        "body": "Un jardin.\nDes semences.\nUne assemblée.",
        "pages": 12,
        "licence": "CC-BY-SA-4.0",
    }
    after = {
        "title": "Le jardin partagé",
        "body": "Un jardin.\nDes semences paysannes.\nUne assemblée.\nDes règles.",
        "pages": 12,
        "licence": "CC-BY-SA-4.0",
    }

    assert snapshot_diff(before, after, fields=["title", "body"]) == [
        FieldChange("title", "Le jardin", "Le jardin partagé"),
        FieldChange(
            "body",
            before["body"],
            after["body"],
            lines=(
                ("equal", "Un jardin."),
                ("delete", "Des semences."),
                ("insert", "Des semences paysannes."),
                ("equal", "Une assemblée."),
                ("insert", "Des règles."),
            ),
        ),
    ]


def test_texts_per_language_change_language_by_language():
    before = {
        "name": {"fr": "Grainothèque", "en": "Seed library"},
        "description": {"fr": "Des graines.\nPrêtées.", "es": "Semillas."},
        "latitude": "45.750000",
    }
    after = {
        "name": {"fr": "Grainothèque", "en": "Seed Library"},
        "description": {"fr": "Des graines.\nPrêtées et rendues."},
        "latitude": None,
    }

    assert snapshot_diff(before, after, fields=["name"], languages=["fr", "en", "es"]) == [
        FieldChange("name", "Seed library", "Seed Library", language="en"),
        FieldChange(
            "description",
            "Des graines.\nPrêtées.",
            "Des graines.\nPrêtées et rendues.",
            language="fr",
            lines=(
                ("equal", "Des graines."),
                ("delete", "Prêtées."),
                ("insert", "Prêtées et rendues."),
            ),
        ),
        FieldChange(
            "description", "Semillas.", None, language="es", lines=(("delete", "Semillas."),)
        ),
        FieldChange("latitude", "45.750000", None),
    ]


def test_the_order_is_the_one_asked_then_by_name_whatever_the_dicts_order():
    before = {"place": "Lyon", "name": {"es": "Huerto", "fr": "Jardin", "wo": "Tool"}}
    after = {"name": {}, "country": "FR", "place": "Dakar"}

    changes = snapshot_diff(before, after, fields=["place"], languages=["fr", "en"])

    assert [(change.name, change.language) for change in changes] == [
        ("place", ""),
        ("country", ""),
        ("name", "fr"),
        ("name", "es"),
        ("name", "wo"),
    ]


def test_lists_say_which_items_went_and_came_and_empty_values_are_no_change():
    before = {"themes": ["eau", "semences"], "place": "", "subtitles": []}
    after = {"themes": ["semences", "sols"], "place": None, "media_file": ""}

    (change,) = snapshot_diff(before, after)

    assert change.name == "themes"
    assert change.lines == (("delete", "eau"), ("equal", "semences"), ("insert", "sols"))
    assert snapshot_diff(after, after) == []


@pytest.fixture
def edited(member):
    """A document in three revisions: created, its body and title changed, its summary."""
    document = doc(author=member, body="Première version.\nUn jardin.")
    services.document_update(
        document=document,
        author=member,
        data={"title": "Le jardin partagé du quartier", "body": "Seconde version.\nUn jardin."},
        summary="Plus précis",
    )
    services.document_update(
        document=document, author=member, data={"summary": "Un jardin en commun."}
    )
    return document


# -- revisions and reverts ----------------------------------------------------------------------


def test_the_revisions_list_names_authors_summaries_and_links_each_diff(client, edited):
    page = client.get(f"/en/catalogue/documents/{edited.slug}/revisions/")
    html = page.content.decode()

    assert page.status_code == 200
    assert [revision.number for revision in page.context["page"]] == [3, 2, 1]
    assert "Mireille" in html and "Plus précis" in html
    for number in (1, 2, 3):
        assert f'href="/en/catalogue/documents/{edited.slug}/revisions/{number}/"' in html


def test_a_revision_shows_its_diff_against_the_previous_with_translated_labels(client, edited):
    page = client.get(f"/en/catalogue/documents/{edited.slug}/revisions/2/")
    html = page.content.decode()

    assert page.status_code == 200
    assert [row["label"] for row in page.context["simple_rows"]] == ["Title"]
    (body,) = page.context["line_rows"]
    assert body["label"] == "Body"
    assert body["lines"] == (
        ("delete", "Première version."),
        ("insert", "Seconde version."),
        ("equal", "Un jardin."),
    )
    assert "<del>Le jardin partagé</del>" in html
    assert "<ins>Le jardin partagé du quartier</ins>" in html
    assert "Changes since revision 1" in html

    french = client.get(f"/catalogue/documents/{edited.slug}/revisions/2/")
    with translation.override("fr"):
        title = capfirst(gettext("title"))
    assert [row["label"] for row in french.context["simple_rows"]] == [title]


def test_the_first_revision_shows_everything_added(client, edited):
    page = client.get(f"/en/catalogue/documents/{edited.slug}/revisions/1/")
    labels = [row["label"] for row in page.context["simple_rows"] + page.context["line_rows"]]

    assert "First revision: everything was added" in page.content.decode()
    assert {"Kind", "Title", "Language", "Licence", "Body"} <= set(labels)
    assert "Summary" not in labels  # empty then: nothing added


def test_dates_and_coordinates_in_a_diff_read_in_the_reader_s_locale(client, member):
    seeds = commons(author=member)
    services.commons_update(
        commons=seeds,
        author=member,
        data={"latitude": Decimal("45.75"), "longitude": Decimal("4.85")},
    )
    document = doc(author=member)
    services.document_update(
        document=document, author=member, data={"date": datetime.date(2024, 5, 31)}
    )

    def after(url):
        return [row["after"] for row in client.get(url).context["simple_rows"]]

    assert after(f"/catalogue/commons/{seeds.slug}/revisions/2/") == ["45,75", "4,85"]
    assert after(f"/en/catalogue/commons/{seeds.slug}/revisions/2/") == ["45.75", "4.85"]
    assert after(f"/catalogue/documents/{document.slug}/revisions/2/") == ["31/05/2024"]
    assert after(f"/en/catalogue/documents/{document.slug}/revisions/2/") == ["05/31/2024"]


def test_user_text_in_a_diff_is_escaped(client, member):
    document = doc(author=member, body="Sûr.")
    services.document_update(
        document=document, author=member, data={"body": "<script>alert(1)</script>"}
    )

    html = client.get(f"/en/catalogue/documents/{document.slug}/revisions/2/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_member_reverts_to_an_older_revision_as_a_new_one(client, edited, member):
    client.force_login(member)
    response = client.post(
        f"/en/catalogue/documents/{edited.slug}/revisions/1/revert/",
        {"summary": "Retour au début"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/catalogue/documents/{edited.slug}/"
    edited.refresh_from_db()
    assert (edited.title, edited.body, edited.summary) == (
        "Le jardin partagé",
        "Première version.\nUn jardin.",
        "",
    )
    latest = edited.revisions.first()
    assert (latest.number, latest.reverted_to, latest.summary, latest.author) == (
        4,
        1,
        "Retour au début",
        member,
    )
    listing = client.get(f"/en/catalogue/documents/{edited.slug}/revisions/").content.decode()
    assert "restores revision 1" in listing


def test_a_commons_is_reverted_too(client, member):
    seeds = commons(author=member)
    services.commons_update(
        commons=seeds, author=member, data={"name": {"fr": "Grainothèque", "en": "Seed library"}}
    )
    client.force_login(member)

    diff = client.get(f"/en/catalogue/commons/{seeds.slug}/revisions/2/")
    response = client.post(f"/en/catalogue/commons/{seeds.slug}/revisions/1/revert/")

    assert [(row["label"], row["language"]) for row in diff.context["simple_rows"]] == [
        ("Name", "French"),
        ("Name", "English"),
    ]
    assert response.status_code == 302
    seeds.refresh_from_db()
    assert seeds.name == {"fr": "Grainothèque du quartier"}
    assert seeds.revisions.first().reverted_to == 1


def test_reverting_is_for_members(client, edited, outsider):
    url = f"/en/catalogue/documents/{edited.slug}/revisions/1/revert/"

    anonymous = client.post(url)
    client.force_login(outsider)
    stranger = client.post(url)

    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert stranger.status_code == 403
    assert edited.revisions.count() == 3
    page = client.get(f"/en/catalogue/documents/{edited.slug}/revisions/1/").content.decode()
    assert "Members may restore an older version." in page


# -- moderation ---------------------------------------------------------------------------------


def test_hiding_needs_a_reason_and_keeps_what_was_typed(client, editor, member):
    document = doc("Un tract", author=member)
    client.force_login(editor)
    url = f"/en/catalogue/documents/{document.slug}/moderate/"

    form_page = client.get(url)
    response = client.post(url, {"action": "hide", "reason": "   "})

    assert form_page.status_code == 200 and "Hide “Un tract”" in form_page.content.decode()
    assert response.status_code == 200
    assert "Say why: the reason is shown in the public moderation log." in (
        response.content.decode()
    )
    document.refresh_from_db()
    assert not document.hidden and not ModerationEvent.objects.exists()


def test_the_moderation_form_keeps_the_reason_when_the_state_changed_meanwhile(
    client, editor, member
):
    document = doc("Un tract", author=member)
    services.moderate(subject=document, moderator=editor, hide=True, reason="Déjà fait")
    client.force_login(editor)

    response = client.post(
        f"/en/catalogue/documents/{document.slug}/moderate/",
        {"action": "hide", "reason": "Publicité déguisée"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "It is already hidden." in html and "Publicité déguisée" in html
    assert ModerationEvent.objects.count() == 1


def test_moderating_is_for_editors(client, member):
    document = doc("Un tract", author=member)
    url = f"/en/catalogue/documents/{document.slug}/moderate/"

    anonymous = client.get(url)
    client.force_login(member)
    by_member = client.post(url, {"action": "hide", "reason": "Je n'aime pas"})

    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert by_member.status_code == 403
    document.refresh_from_db()
    assert not document.hidden


def test_a_hidden_document_leaves_search_and_lists_and_the_log_says_why(client, editor, member):
    document = doc("Jardin des Tuileries", author=member, body="Un jardin ouvert.")
    assert [hit.slug for hit in search("tuileries")] == [document.slug]
    client.force_login(editor)

    response = client.post(
        f"/en/catalogue/documents/{document.slug}/moderate/",
        {"action": "hide", "reason": "Publicité déguisée pour un hôtel"},
    )

    assert response.status_code == 302 and response["Location"] == "/en/catalogue/moderation/"
    document.refresh_from_db()
    assert document.hidden
    assert search("tuileries") == []
    assert not Document.objects.visible().filter(pk=document.pk).exists()
    client.logout()
    assert client.get(f"/en/catalogue/documents/{document.slug}/revisions/").status_code == 404

    english = client.get("/en/catalogue/moderation/").content.decode()
    french = client.get("/catalogue/moderation/").content.decode()
    with translation.override("fr"):
        hidden_fr = gettext("hidden")
    assert '<html lang="fr">' in french
    for html, action in ((english, "hidden"), (french, hidden_fr)):
        assert "Publicité déguisée pour un hôtel" in html
        assert "Jardin des Tuileries" in html
        assert "Edouard" in html
        assert f"<td>{action}</td>" in html.lower()
        assert f'href="/catalogue/documents/{document.slug}/"' not in html
    assert "it does not own them" in english


def test_showing_again_restores_the_document_to_search_and_links_it_in_the_log(
    client, editor, member
):
    document = doc("Jardin des Tuileries", author=member)
    services.moderate(subject=document, moderator=editor, hide=True, reason="Erreur de saisie")
    client.force_login(editor)

    form_page = client.get(f"/en/catalogue/documents/{document.slug}/moderate/")
    response = client.post(
        f"/en/catalogue/documents/{document.slug}/moderate/",
        {"action": "restore", "reason": "Vérifié : c'est un jardin public"},
    )

    assert "Show “Jardin des Tuileries” again" in form_page.content.decode()
    assert response.status_code == 302
    document.refresh_from_db()
    assert not document.hidden
    assert [hit.slug for hit in search("tuileries")] == [document.slug]
    client.logout()
    log = client.get("/en/catalogue/moderation/")
    assert [row["event"].action for row in log.context["rows"]] == ["restore", "hide"]
    html = log.content.decode()
    assert "shown again" in html and "Vérifié : c&#x27;est un jardin public" in html
    assert f'href="/en/catalogue/documents/{document.slug}/"' in html


def test_a_commons_is_hidden_with_a_reason_too(client, editor):
    seeds = commons()
    client.force_login(editor)

    response = client.post(
        f"/en/catalogue/commons/{seeds.slug}/moderate/",
        {"action": "hide", "reason": "Doublon"},
    )

    assert response.status_code == 302
    seeds.refresh_from_db()
    assert seeds.hidden and not Commons.objects.visible().exists()
    assert "Doublon" in client.get("/en/catalogue/moderation/").content.decode()
