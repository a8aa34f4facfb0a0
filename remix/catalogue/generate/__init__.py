"""Scale data for the catalogue: documents in French, English and Spanish, commons, lineage.

``--scale small``: 2,000 documents; ``--scale large``: 100,000. Titles and ~80-word bodies are
drawn from a vocabulary in the three languages, accents included, whose words follow a long
tail as in real text (a few words in most documents, rare ones in a handful). Some documents are
translations of earlier ones, some remix earlier ones under the licence their sources allow;
each has its first revision and its search entry, written in bulk, batch by batch.
"""

import random

from remix.allies.models import Actor
from remix.catalogue import search
from remix.catalogue.generate.commons import commons_generate
from remix.catalogue.generate.documents import documents_generate
from remix.catalogue.generate.refs import Refs
from remix.catalogue.models import SearchEntry, SearchKind
from remix.core.generate import Scale, generator
from remix.core.pagecache import data_version_bump

DOCUMENTS_PER_COMMONS = 25


@generator(order=30, name="catalogue.documents")
def generate_catalogue(rng: random.Random, scale: Scale) -> int:
    if not scale.documents:
        return 0
    refs = Refs()
    commons_generate(rng, max(8, scale.documents // DOCUMENTS_PER_COMMONS), refs)
    _actor_entries()
    made = documents_generate(rng, scale.documents, refs)
    data_version_bump("catalogue")  # written in bulk, without the saves' signals
    return made


def _actor_entries() -> None:
    """Actors made in bulk have no search entry yet (the signal follows saves only)."""
    indexed = set(
        SearchEntry.objects.filter(kind=SearchKind.ACTOR).values_list("object_id", flat=True)
    )
    SearchEntry.objects.bulk_create(
        [
            search.entry(SearchKind.ACTOR, actor.pk, search.actor_entry(actor))
            for actor in Actor.objects.only("pk", "name", "slug", "description").order_by("pk")
            if actor.pk not in indexed
        ],
        batch_size=2000,
    )
