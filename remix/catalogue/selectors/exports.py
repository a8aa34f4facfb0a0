"""Every visible document and commons as open-data records: plain values, links by name, slug
or code, read a chunk at a time so that a large catalogue never sits in memory at once."""

from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db.models import Prefetch

from remix.allies.models import Theme
from remix.catalogue.models import Derivation, Document
from remix.catalogue.selectors.actors import actors_shown
from remix.catalogue.selectors.commons import commons_public

CHUNK = 500
_DOCUMENT_FIELDS = (
    "pk",
    "slug",
    "kind",
    "title",
    "language",
    "translation_of__slug",
    "translation_of__hidden",
    "licence",
    "date",
    "country",
)


def _document_chunks() -> Iterator[list[dict]]:
    """Visible documents as plain rows, a chunk at a time, by primary key (no cursor held open
    between chunks, the same on both databases)."""
    rows = Document.objects.visible().order_by("pk").values(*_DOCUMENT_FIELDS)
    last = 0
    while chunk := list(rows.filter(pk__gt=last)[:CHUNK]):
        last = chunk[-1]["pk"]
        yield chunk


def _links(ids: list[int]) -> dict[str, dict[int, list[str]]]:
    """The visible links of these documents, by name then document: four queries of tuples."""
    queries = {
        "authors": Document.authors.through.objects.filter(document_id__in=ids)
        .order_by("actor__name", "actor_id")
        .values_list("document_id", "actor__name"),
        "themes": Document.themes.through.objects.filter(document_id__in=ids)
        .order_by("theme__code")
        .values_list("document_id", "theme__code"),
        "commons": Document.commons.through.objects.filter(
            document_id__in=ids, commons__hidden=False
        )
        .order_by("commons__slug")
        .values_list("document_id", "commons__slug"),
        "sources": Derivation.objects.filter(remix_id__in=ids, source__hidden=False)
        .order_by("position", "pk")
        .values_list("remix_id", "source__slug"),
    }
    links = {}
    for name, query in queries.items():
        links[name] = defaultdict(list)
        for document_id, value in query:
            links[name][document_id].append(value)
    return links


def document_records(*, address: Callable[[str], str]) -> Iterator[list[dict]]:
    """Every visible document as an export record, a chunk at a time; `address` gives a
    document's page from its slug."""
    for chunk in _document_chunks():
        links = _links([row["pk"] for row in chunk])
        yield [
            {
                "id": row["pk"],
                "slug": row["slug"],
                "kind": row["kind"],
                "title": row["title"],
                "language": row["language"],
                "translation_of": (
                    row["translation_of__slug"] if row["translation_of__hidden"] is False else None
                ),
                "licence": row["licence"],
                "date": row["date"].isoformat() if row["date"] else None,
                "country": row["country"],
                **{name: links[name].get(row["pk"], []) for name in links},
                "url": address(row["slug"]),
            }
            for row in chunk
        ]


def commons_records(*, address: Callable[[str], str]) -> Iterator[dict]:
    """Every visible commons as an export record; `address` gives its page from its slug."""
    commons_list = (
        commons_public()
        .order_by("pk")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk", "code")),
            Prefetch("carriers", queryset=actors_shown()),
        )
    )
    for commons in commons_list.iterator(chunk_size=CHUNK):
        yield {
            "id": commons.pk,
            "slug": commons.slug,
            "name": commons.name,
            "description": commons.description,
            "family": commons.family.code,
            "community": commons.community,
            "governance": commons.governance,
            "place": commons.place,
            "country": commons.country,
            "latitude": None if commons.latitude is None else float(commons.latitude),
            "longitude": None if commons.longitude is None else float(commons.longitude),
            "themes": [theme.code for theme in commons.themes.all()],
            "carriers": [actor.name for actor in commons.carriers.all()],
            "url": address(commons.slug),
        }
