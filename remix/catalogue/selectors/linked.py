"""Documents as plain rows with every link the API shows, hidden links left out.

A page of documents is read in a fixed number of queries whatever its length: the documents
themselves (their producer and original joined), then one query per kind of link for all the
page's documents at once. Rows are dicts and tuples, never model instances: a page names
hundreds of linked things, and building an object for each costs more than reading it.
"""

from collections import defaultdict

from django.db.models import QuerySet

from remix.catalogue.models import Derivation, Document

# The document's own fields, in the order the API shows them.
FIELDS = (
    "id",
    "slug",
    "kind",
    "title",
    "summary",
    "body",
    "language",
    "subtitles",
    "duration_seconds",
    "pages",
    "date",
    "place",
    "country",
    "licence",
    "media_type",
    "media_file",
    "media_url",
    "thumbnail_url",
    "created_at",
    "updated_at",
)
# A link to a document or an actor: (id, slug, title or name, language or kind).
_DOCUMENT = ("slug", "title", "language")
_ACTOR = ("slug", "name", "kind")
_JOINED = (
    *(f"producer__{name}" for name in ("id", *_ACTOR)),
    *(f"translation_of__{name}" for name in ("id", *_DOCUMENT, "hidden")),
)


def _grouped(rows) -> dict[int, list[tuple]]:
    """(document id, *link) rows → each document's links, in the rows' order."""
    links = defaultdict(list)
    for document_id, *link in rows:
        links[document_id].append(tuple(link))
    return links


def _actors(through, ids: list[int]) -> dict[int, list[tuple]]:
    """Authors or contributors: (id, slug, name, kind), by name."""
    return _grouped(
        through.objects.filter(document_id__in=ids)
        .order_by("actor__name", "actor_id")
        .values_list("document_id", "actor_id", *(f"actor__{name}" for name in _ACTOR))
    )


def _links(ids: list[int]) -> dict[str, dict[int, list[tuple]]]:
    """Every kind of link of the documents ``ids``, each kind in one query."""
    themes = Document.themes.through.objects.filter(document_id__in=ids).order_by("theme__code")
    commons = Document.commons.through.objects.filter(document_id__in=ids, commons__hidden=False)
    # Each kind is ordered by the page's key first, then as a document shows it: ordered by the
    # shown order alone, SQLite would walk that order's index through the whole table.
    translations = Document.objects.visible().filter(translation_of_id__in=ids)
    sources = Derivation.objects.filter(remix_id__in=ids, source__hidden=False)
    remixes = Derivation.objects.filter(source_id__in=ids, remix__hidden=False)
    return {
        "authors": _actors(Document.authors.through, ids),
        "contributors": _actors(Document.contributors.through, ids),
        "themes": _grouped(
            themes.values_list("document_id", "theme__code", "theme__labels", "theme__wikidata_id")
        ),
        "commons": _grouped(
            commons.order_by("commons__slug").values_list(
                "document_id", "commons_id", "commons__slug", "commons__name"
            )
        ),
        "translations": _grouped(
            translations.order_by("translation_of_id", "language").values_list(
                "translation_of_id", "id", *_DOCUMENT
            )
        ),
        "sources": _grouped(
            sources.order_by("remix_id", "position", "pk").values_list(
                "remix_id", "source_id", *(f"source__{name}" for name in _DOCUMENT)
            )
        ),
        "remixes": _grouped(
            remixes.order_by("source_id", "remix_id").values_list(
                "source_id", "remix_id", *(f"remix__{name}" for name in _DOCUMENT)
            )
        ),
    }


def documents_linked(documents: QuerySet[Document]) -> list[dict]:
    """The documents of ``documents`` (a page already cut, or a filter down to one), each a dict
    of ``FIELDS`` with its links: ``producer`` and ``translation_of`` a tuple or None, the
    others lists of tuples (``themes``: code, labels, Wikidata id; ``commons``: id, slug, names;
    documents: id, slug, title, language; actors: id, slug, name, kind)."""
    rows = list(documents.prefetch_related(None).values_list(*FIELDS, *_JOINED))
    links = _links([row[0] for row in rows])
    written = []
    count = len(FIELDS)
    for row in rows:
        document = dict(zip(FIELDS, row[:count], strict=True))
        producer, original = row[count : count + 4], row[count + 4 :]
        document["producer"] = producer if producer[0] is not None else None
        document["translation_of"] = (
            original[:4] if original[0] is not None and not original[4] else None
        )
        for kind, found in links.items():
            document[kind] = found.get(document["id"], [])
        written.append(document)
    return written
