"""The catalogue's scale generator: seeded, so that the same seed gives the same documents, on an
empty database (the demo's tests share one loaded network: test_demo_generate.py)."""

import random

from remix.allies.generate import generate_network
from remix.allies.models import Actor
from remix.catalogue import search
from remix.catalogue.generate import generate_catalogue
from remix.catalogue.licences import remix_rule
from remix.catalogue.models import Commons, Document, DocumentKind, SearchEntry, SearchKind
from remix.catalogue.services import commons_snapshot, document_snapshot
from remix.core.generate import SCALES


def _generated() -> list[tuple]:
    return list(
        Document.objects.filter(slug__startswith="gen-")
        .order_by("pk")
        .values_list("title", "language", "kind", "licence", "translation_of__title")
    )


def test_the_small_scale_is_seeded_and_searched(db):
    generate_network(random.Random(1), SCALES["small"])
    created = generate_catalogue(random.Random(7), SCALES["small"])
    first = _generated()
    generate_catalogue(random.Random(7), SCALES["small"])
    again = _generated()[len(first) :]

    assert created == len(first) == 2_000
    assert again == first  # same seed, same documents (slugs numbered on)
    documents = Document.objects.filter(slug__startswith="gen-")
    assert {"fr", "en", "es"} == set(documents.values_list("language", flat=True))
    assert documents.filter(translation_of__isnull=False).count() > 100
    assert documents.filter(kind=DocumentKind.REMIX).count() > 40
    for remix in documents.filter(kind=DocumentKind.REMIX).prefetch_related("sources")[:50]:
        assert remix.licence in remix_rule([s.licence for s in remix.sources.all()]).allowed
    for document in documents.order_by("pk")[:: len(first) // 40]:
        assert document.revisions.get().data == document_snapshot(document)
    for commons in Commons.objects.order_by("pk")[:20]:
        assert commons.revisions.get().data == commons_snapshot(commons)
    entries = SearchEntry.objects.filter(kind=SearchKind.DOCUMENT)
    assert entries.count() == documents.filter(hidden=False).count()
    assert SearchEntry.objects.filter(kind=SearchKind.ACTOR).count() == Actor.objects.count()
    hits = search.search("cooperacion", language="es", limit=5)
    assert hits and all(hit.language in ("es", "") for hit in hits)
