"""A counterparty is typed and found among the network's actors, not chosen from a long list:
the field reads a name, part of it or a slug; the server suggests as one types."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from remix.allies.models import Actor
from remix.ledger.models import Transaction
from remix.ledger.tests.views.pages import BOOKS
from remix.ledger.tests.views.test_books_transactions import _hosting_invoice


def actors(*names):
    return [Actor.objects.create(name=name, slug=slug, kind="organisation") for name, slug in names]


def test_the_search_finds_by_part_of_a_name_or_a_slug_in_fixed_queries(as_treasurer):
    actors(("OVH SAS", "ovh"), ("Awa Diop", "awa-diop"), ("Association Awalé", "awale"))
    answer = as_treasurer.get(BOOKS + "actors.json", {"q": "awa"}).json()
    assert [item["label"] for item in answer["results"]] == [
        "Association Awalé (awale)",
        "Awa Diop (awa-diop)",
    ]
    assert as_treasurer.get(BOOKS + "actors.json", {"q": "ovh"}).json()["results"][0]["slug"] == (
        "ovh"
    )
    assert as_treasurer.get(BOOKS + "actors.json", {"q": " "}).json() == {"results": []}
    actors(*[(f"Awa collectif {n}", f"awa-{n}") for n in range(40)])
    with CaptureQueriesContext(connection) as queries:
        many = as_treasurer.get(BOOKS + "actors.json", {"q": "awa"}).json()["results"]
    assert len(many) == 20
    assert len([q for q in queries if "allies_actor" in q["sql"]]) == 2


def test_the_transaction_form_reads_the_counterparty_typed(as_treasurer, platform):
    ovh, _awa = actors(("OVH SAS", "ovh"), ("Awa Diop", "awa-diop"))
    page = as_treasurer.get(BOOKS + "transactions/new/").content.decode()
    assert 'list="id_counterparty-list"' in page and "OVH SAS" not in page  # no list of all
    answer = as_treasurer.post(
        BOOKS + "transactions/new/", {**_hosting_invoice(platform), "counterparty": "ovh sas"}
    )
    assert answer.status_code == 302
    tx = Transaction.objects.get()
    assert tx.counterparty == ovh
    edit = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/edit/").content.decode()
    assert 'value="OVH SAS (ovh)"' in edit


def test_a_text_naming_several_actors_or_none_is_refused_with_what_it_could_mean(
    as_treasurer, platform
):
    actors(("Awa Diop", "awa-diop"), ("Association Awalé", "awale"))
    several = as_treasurer.post(
        BOOKS + "transactions/new/", {**_hosting_invoice(platform), "counterparty": "awa"}
    )
    assert several.status_code == 200
    assert (
        "Several actors match “awa”: Association Awalé (awale), Awa Diop (awa-diop). "
        "Type more of the name, or the slug."
    ) in several.content.decode()
    nobody = as_treasurer.post(
        BOOKS + "transactions/new/", {**_hosting_invoice(platform), "counterparty": "Zorro"}
    )
    assert "No actor of the network is named “Zorro”." in nobody.content.decode()
    chosen = as_treasurer.post(
        BOOKS + "transactions/new/",
        {**_hosting_invoice(platform), "counterparty": "Awa Diop (awa-diop)"},
    )
    assert chosen.status_code == 302
    assert Transaction.objects.get().counterparty.slug == "awa-diop"
