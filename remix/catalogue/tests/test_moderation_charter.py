"""A moderation decision cites the article of the charter in force it rests on; the public log
and the hidden page link to that version, at that article."""

import pytest
from django.core.exceptions import ValidationError

from remix.catalogue import services
from remix.catalogue.models import ModerationEvent
from remix.catalogue.tests.builders import doc
from remix.charter import services as charter_services

pytestmark = pytest.mark.django_db

CHARTER = "# 1. Neutralité\n\nSa propre rationalité.\n\n# 2. Ce qui est masqué\n\nLa publicité."


@pytest.fixture
def charter(make_user):
    steward = make_user("louise", roles=["steward"])
    return charter_services.charter_publish(
        language="fr", body=CHARTER, based_on=None, author=steward
    )


def test_a_decision_keeps_the_cited_version_and_article(charter, make_user):
    editor = make_user("camille", roles=["editor"])
    spam = doc("Montres pas chères")

    event = services.moderate(
        subject=spam,
        moderator=editor,
        hide=True,
        reason="Publicité.",
        charter=charter,
        article="art-2-ce-qui-est-masque",
    )

    assert (event.charter_version, event.charter_article, event.charter_article_title) == (
        charter,
        "art-2-ce-qui-est-masque",
        "2. Ce qui est masqué",
    )
    assert event.charter_url == "/charter/fr/1/#art-2-ce-qui-est-masque"


def test_an_article_the_version_does_not_have_is_refused(charter, make_user):
    spam = doc("Montres pas chères")

    with pytest.raises(ValidationError) as refused:
        services.moderate(
            subject=spam, moderator=None, hide=True, reason="Spam.", charter=charter, article="x"
        )

    assert "article" in refused.value.message_dict
    assert not ModerationEvent.objects.exists()


def test_the_moderator_picks_the_article_on_the_page_and_the_log_links_to_it(
    client, charter, make_user
):
    client.force_login(make_user("camille", roles=["editor"]))
    spam = doc("Montres pas chères")
    url = f"/catalogue/documents/{spam.slug}/moderate/"

    form = client.get(url).content.decode()
    client.post(
        url, {"action": "hide", "reason": "Publicité.", "article": "art-2-ce-qui-est-masque"}
    )
    log = client.get("/catalogue/moderation/").content.decode()
    gone = client.get(f"/catalogue/documents/{spam.slug}/").content.decode()

    assert '<option value="art-2-ce-qui-est-masque">2. Ce qui est masqué</option>' in form
    link = 'Charte : <a href="/charter/fr/1/#art-2-ce-qui-est-masque">2. Ce qui est masqué</a>'
    assert link in log and link in gone


def test_without_a_charter_the_form_asks_no_article(client, make_user):
    client.force_login(make_user("camille", roles=["editor"]))
    spam = doc("Montres pas chères")

    form = client.get(f"/catalogue/documents/{spam.slug}/moderate/").content.decode()
    done = client.post(
        f"/catalogue/documents/{spam.slug}/moderate/", {"action": "hide", "reason": "Spam."}
    )

    assert 'name="article"' not in form
    assert done.status_code == 302
    assert ModerationEvent.objects.get().charter_version is None
