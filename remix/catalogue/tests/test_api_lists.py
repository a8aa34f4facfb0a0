"""The catalogue's lists read a page in as many queries at 3 documents, commons or revisions as
at 30, each document with its links (authors, themes, commons, sources, translations)."""

import pytest

from remix.allies.services import actor_create, theme_save
from remix.api.tests.lists import assert_list_cost_flat
from remix.catalogue import services
from remix.catalogue.models import Commons, Document
from remix.catalogue.tests.builders import commons, doc

pytestmark = pytest.mark.django_db


def test_a_page_of_documents_with_their_links_costs_the_same_at_3_as_at_30(client, make_user):
    member = make_user("mireille", roles=["member"])
    author = actor_create(name="Collectif", kind="collective")
    producer = actor_create(name="Studio", kind="organisation")
    water = theme_save(code="eau", labels={"fr": "Eau"})
    garden = commons("Jardin")
    source = doc("Source", author=member)

    def rows(n: int) -> set[int]:
        for number in range(n):
            made = doc(
                f"Remix {Document.objects.count()}",
                author=member,
                kind="remix",
                sources=[source],
                authors=[author],
                contributors=[author],
                producer=producer,
                themes=[water],
                commons=[garden],
            )
            if number % 2:
                doc(f"{made.title} (en)", author=member, language="en", translation_of=made)
        return set(Document.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/documents", rows=rows)


def test_a_page_of_commons_costs_the_same_at_3_as_at_30(client):
    carrier = actor_create(name="Coopérative", kind="organisation")
    water = theme_save(code="eau", labels={"fr": "Eau"})

    def rows(n: int) -> set[int]:
        for _number in range(n):
            made = commons(f"Commun {Commons.objects.count()}")
            services.commons_update(
                commons=made, author=None, data={"themes": [water], "carriers": [carrier]}
            )
        return set(Commons.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/commons", rows=rows)


def _revisions(member, found, edit):
    def rows(n: int) -> set[int]:
        for _number in range(n):
            edit(found, author=member, data={"place": f"Lieu {found.revisions.count()}"})
        return set(found.revisions.values_list("number", flat=True))

    return rows


def _number(item: dict) -> int:
    return item["number"]


def test_a_page_of_a_documents_revisions_costs_the_same_at_3_as_at_30(client, make_user):
    member = make_user("mireille", roles=["member"])
    found = doc(author=member)
    rows = _revisions(member, found, lambda d, **kw: services.document_update(document=d, **kw))
    assert_list_cost_flat(
        client,
        "/documents/{document_id}/revisions",
        rows=rows,
        key=_number,
        path_args={"document_id": found.pk},
    )


def test_a_page_of_a_commons_revisions_costs_the_same_at_3_as_at_30(client, make_user):
    member = make_user("mireille", roles=["member"])
    found = commons(author=member)
    rows = _revisions(member, found, lambda c, **kw: services.commons_update(commons=c, **kw))
    assert_list_cost_flat(
        client,
        "/commons/{commons_id}/revisions",
        rows=rows,
        key=_number,
        path_args={"commons_id": found.pk},
    )
