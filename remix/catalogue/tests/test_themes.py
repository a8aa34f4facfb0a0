"""The themes of the catalogue: the page that lists them with their counts, and the themes members
propose and editors merge and link to Wikidata."""

from django.utils import translation
from django.utils.translation import gettext

from remix.allies.models import Theme
from remix.allies.services import theme_save
from remix.catalogue.tests.builders import doc


def test_the_themes_page_lists_labels_wikidata_and_counts(client, member):
    water = theme_save(code="eau", labels={"fr": "Eau", "en": "Water", "es": "Agua"})
    Theme.objects.filter(pk=water.pk).update(wikidata_id="Q283")
    doc("Le puits commun", author=member, themes=[water])
    theme_save(code="sols", labels={"fr": "Sols"})

    page = client.get("/en/catalogue/themes/")
    html = page.content.decode()

    rows = {row["theme"].code: row for row in page.context["rows"]}
    assert rows["eau"]["label"] == "Water"
    assert rows["eau"]["others"] == [("es", "Agua"), ("fr", "Eau")]
    assert (rows["eau"]["theme"].document_count, rows["eau"]["theme"].commons_count) == (1, 0)
    assert rows["sols"]["label"] == "Sols" and rows["sols"]["label_language"] == "fr"
    assert 'href="https://www.wikidata.org/wiki/Q283"' in html
    assert 'href="/en/catalogue/themes/eau/"' in html
    assert "Log in</a> to propose a theme" in html
    assert 'name="merged"' not in html


def test_a_member_proposes_a_theme_with_a_code_made_from_its_label(client, member):
    theme_save(code="economie-sociale", labels={"en": "Social economy"})
    client.force_login(member)

    response = client.post(
        "/en/catalogue/themes/",
        {
            "form": "propose",
            "label": "Économie sociale",
            "language": "fr",
            "definition": "Coopératives, mutuelles, associations.",
        },
    )

    assert response.status_code == 302
    theme = Theme.objects.get(code="economie-sociale-2")
    assert theme.labels == {"fr": "Économie sociale"}
    assert theme.definition == {"fr": "Coopératives, mutuelles, associations."}
    assert theme.proposed_by == member


def test_a_label_that_exists_in_that_language_is_refused_pointing_to_its_theme(client, member):
    theme_save(code="communs", labels={"fr": "Les Communs", "en": "The commons"})
    client.force_login(member)

    response = client.post(
        "/en/catalogue/themes/",
        {"form": "propose", "label": "les  communs", "language": "fr", "definition": "Mes mots"},
    )

    assert response.status_code == 200
    form = response.context["forms"]["propose"]
    assert form.errors["label"] == [
        "This label already exists in this language: the theme “The commons”."
    ]
    html = response.content.decode()
    assert 'value="les  communs"' in html and "Mes mots" in html
    assert Theme.objects.count() == 1


def test_the_same_label_in_another_language_is_a_new_theme(client, member):
    theme_save(code="communs", labels={"fr": "Communs"})
    client.force_login(member)

    client.post("/en/catalogue/themes/", {"form": "propose", "label": "Communs", "language": "en"})

    assert Theme.objects.get(code="communs-2").labels == {"en": "Communs"}


def test_a_theme_is_proposed_in_any_language(client, member):
    client.force_login(member)

    response = client.post(
        "/en/catalogue/themes/", {"form": "propose", "label": "Wasser", "language": "de"}
    )

    assert response.status_code == 302
    assert Theme.objects.get().labels == {"de": "Wasser"}


def test_proposing_is_for_members(client, outsider):
    anonymous = client.post("/en/catalogue/themes/", {"form": "propose", "label": "Eau"})
    client.force_login(outsider)
    stranger = client.post(
        "/en/catalogue/themes/", {"form": "propose", "label": "Eau", "language": "fr"}
    )

    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert stranger.status_code == 403
    assert not Theme.objects.exists()


def test_an_editor_merges_two_themes_and_the_documents_move_to_the_survivor(client, editor, member):
    seeds = theme_save(code="semences", labels={"fr": "Semences"})
    grains = theme_save(code="graines", labels={"fr": "Graines", "en": "Seeds"})
    document = doc("La grainothèque", author=member, themes=[grains])
    client.force_login(member)
    refused = client.post(
        "/en/catalogue/themes/", {"form": "merge", "merged": grains.pk, "survivor": seeds.pk}
    )
    client.force_login(editor)

    same = client.post(
        "/en/catalogue/themes/", {"form": "merge", "merged": seeds.pk, "survivor": seeds.pk}
    )
    response = client.post(
        "/en/catalogue/themes/", {"form": "merge", "merged": grains.pk, "survivor": seeds.pk}
    )

    assert refused.status_code == 403
    assert same.context["forms"]["merge"].errors["survivor"] == ["Choose two different themes."]
    assert response.status_code == 302
    assert list(document.themes.values_list("code", flat=True)) == ["semences"]
    grains.refresh_from_db()
    assert grains.survivor == seeds
    assert Theme.objects.get(pk=seeds.pk).labels == {"fr": "Semences", "en": "Seeds"}
    codes = [row["theme"].code for row in client.get("/en/catalogue/themes/").context["rows"]]
    assert codes == ["semences"]
    old_address = client.get("/en/catalogue/themes/graines/")
    assert old_address.status_code in (301, 302)
    assert old_address["Location"].endswith("/catalogue/themes/semences/")


def test_an_editor_links_a_theme_to_wikidata_and_a_bad_identifier_is_refused(client, editor):
    water = theme_save(code="eau", labels={"fr": "Eau"})
    client.force_login(editor)

    bad = client.post(
        "/en/catalogue/themes/", {"form": "wikidata", "theme": water.pk, "wikidata_id": "P31"}
    )
    water.refresh_from_db()
    assert water.wikidata_id == ""
    good = client.post(
        "/en/catalogue/themes/", {"form": "wikidata", "theme": water.pk, "wikidata_id": "q283 "}
    )

    assert bad.status_code == 200
    assert bad.context["forms"]["wikidata"].errors["wikidata_id"] == [
        "A Wikidata identifier, e.g. Q1234."
    ]
    assert 'value="P31"' in bad.content.decode()
    assert good.status_code == 302
    water.refresh_from_db()
    assert water.wikidata_id == "Q283"
    french = client.post(
        "/catalogue/themes/", {"form": "wikidata", "theme": water.pk, "wikidata_id": "x"}
    )
    with translation.override("fr"):
        message_fr = gettext("A Wikidata identifier, e.g. Q1234.")
    assert french.context["forms"]["wikidata"].errors["wikidata_id"] == [message_fr]
