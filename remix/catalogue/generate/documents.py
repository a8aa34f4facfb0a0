"""Generated documents, batch by batch: in the three languages, of every kind and licence, some
translating and some remixing earlier ones under the licence their sources allow, each with its
links, first revision and search entry; a few hidden, as spam would be."""

import datetime
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from django.utils.text import slugify

from remix.catalogue import search
from remix.catalogue.generate.refs import Refs, saved
from remix.catalogue.generate.vocabulary import LANGUAGE_WEIGHTS, LANGUAGES, PLACES, vocabulary
from remix.catalogue.licences import LICENCES, remix_rule
from remix.catalogue.models import (
    Derivation,
    Document,
    DocumentKind,
    ModerationAction,
    ModerationEvent,
    Revision,
    SearchEntry,
    SearchKind,
)
from remix.catalogue.services.documents import DOCUMENT_FIELDS

# Batches grow from FIRST_BATCH to BATCH, so that early documents can be translated and remixed.
FIRST_BATCH, BATCH = 250, 5_000
KIND_WEIGHTS = {
    DocumentKind.TEXT: 20,
    DocumentKind.VIDEO: 10,
    DocumentKind.AUDIO: 8,
    DocumentKind.IMAGE: 8,
    DocumentKind.DEFINITION: 6,
    DocumentKind.INTERVIEW: 12,
    DocumentKind.DOCUMENTARY: 6,
    DocumentKind.BIBLIOGRAPHIC_NOTE: 10,
    DocumentKind.CALL_RECORDING: 6,
    DocumentKind.LINK: 8,
}
LICENCE_WEIGHTS = {
    "CC-BY-SA-4.0": 40,
    "CC-BY-4.0": 25,
    "CC0-1.0": 10,
    "LAL-1.3": 5,
    "GFDL-1.3-or-later": 2,
    "CC-BY-NC-SA-4.0": 8,
    "CC-BY-NC-4.0": 4,
    "CC-BY-ND-4.0": 4,
}
TIMED = {"video", "audio", "interview", "documentary", "call_recording"}
PAGED = {"text", "bibliographic_note", "definition"}
EXTENSION = {"video": "mp4", "documentary": "mp4", "audio": "ogg", "interview": "ogg"}
FIRST_DAY, DAYS = datetime.date(2000, 1, 1), 26 * 365
KINDS, KIND_CUMULATIVE = list(KIND_WEIGHTS), list(accumulate(KIND_WEIGHTS.values()))
LICENCE_CODES = list(LICENCE_WEIGHTS)
LICENCE_CUMULATIVE = list(accumulate(LICENCE_WEIGHTS.values()))


@cache
def _remix_licence(licences: tuple[str, ...]) -> str | None:
    return remix_rule(list(licences)).proposed


class Made(NamedTuple):
    """A document made, as later ones need it to translate or remix it."""

    pk: int
    language: str
    kind: str
    licence: str
    themes: tuple
    authors: tuple


class Pools:
    """What later documents may translate or remix: the visible documents made so far."""

    def __init__(self):
        self.originals: list[Made] = []  # not translations themselves
        self.remixable: list[Made] = []  # no "no derivatives" licence
        self.translated: set[tuple[int, str]] = set()  # (original pk, language)

    def add(self, document: Document, links: dict) -> None:
        if document.hidden:
            return
        made = Made(
            document.pk,
            document.language,
            document.kind,
            document.licence,
            tuple(links["themes"]),
            tuple(links["authors"]),
        )
        if document.translation_of_id is None:
            self.originals.append(made)
        if not LICENCES[document.licence].no_derivatives:
            self.remixable.append(made)


def documents_generate(rng, count: int, refs: Refs) -> int:
    start = Document.objects.filter(slug__startswith="gen-").count()
    pools = Pools()
    done = 0
    while done < count:
        size = min(BATCH, count - done, max(FIRST_BATCH, done))
        drafts = [_draft(rng, start + done + n, pools, refs) for n in range(size)]
        saved(Document, [document for document, _links in drafts])
        for document, links in drafts:
            refs.document_slugs[document.pk] = document.slug
            pools.add(document, links)
        _links_save(drafts)
        _history_save(drafts, refs)
        SearchEntry.objects.bulk_create(
            [
                search.entry(SearchKind.DOCUMENT, document.pk, search.document_entry(document))
                for document, _links in drafts
                if not document.hidden
            ],
            batch_size=2000,
        )
        done += size
    return done


def _draft(rng, number: int, pools: Pools, refs: Refs) -> tuple[Document, dict]:
    """One unsaved document and its links (ids), drawn from the generator's distributions."""
    links = {
        "themes": refs.themes_drawn(rng, 5),
        "authors": rng.sample(refs.actor_ids, k=rng.randint(1, 2)),
        "contributors": [rng.choice(refs.actor_ids)] if rng.random() < 0.2 else [],
        "commons": (
            rng.sample(refs.commons_ids, k=rng.randint(1, 2)) if rng.random() < 0.3 else []
        ),
        "sources": [],
    }
    producer = rng.choice(refs.actor_ids) if rng.random() < 0.3 else None
    roll = rng.random()
    translated = _translated(rng, pools) if roll < 0.12 else None
    original = None
    if translated is not None:
        original, language = translated
        kind, licence = original.kind, original.licence
        links["themes"], links["authors"] = list(original.themes), list(original.authors)
    else:
        language = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
        if roll > 0.95 and len(pools.remixable) > 3:
            kind = DocumentKind.REMIX
            sources = rng.sample(pools.remixable, k=rng.randint(1, 3))
            licence = _remix_licence(tuple(sorted({source.licence for source in sources})))
            if licence is None:  # share-alike sources that cannot meet: keep the first one
                sources = sources[:1]
                licence = _remix_licence((sources[0].licence,))
            links["sources"] = [source.pk for source in sources]
        else:
            kind = rng.choices(KINDS, cum_weights=KIND_CUMULATIVE)[0]
            licence = rng.choices(LICENCE_CODES, cum_weights=LICENCE_CUMULATIVE)[0]
    words = vocabulary(language)
    title = words.title(rng)
    place, country, _latitude, _longitude = rng.choice(PLACES)
    paragraphs = [words.text(rng, rng.randint(22, 32)) for _paragraph in range(2)]
    timed = kind in TIMED
    document = Document(
        slug=f"gen-{number:06d}-{slugify(title)[:60]}".rstrip("-"),
        kind=kind,
        title=title,
        summary=words.text(rng, 12),
        body="\n\n".join(paragraphs),
        language=language,
        translation_of_id=original.pk if original else None,
        subtitles=sorted(rng.sample(LANGUAGES, k=2)) if timed and rng.random() < 0.3 else [],
        duration_seconds=rng.randint(60, 7200) if timed else None,
        pages=rng.randint(1, 300) if kind in PAGED else None,
        producer_id=producer,
        date=FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS)),
        place=place if rng.random() < 0.7 else "",
        country=country,
        licence=licence,
        media_url=_media_url(kind, number),
        hidden=rng.random() < 0.002,
    )
    return document, links


def _translated(rng, pools: Pools) -> tuple[Made, str] | None:
    """An earlier original and a language it has no version in yet, or None."""
    if not pools.originals:
        return None
    original = rng.choice(pools.originals)
    left = [
        code
        for code in LANGUAGES
        if code != original.language and (original.pk, code) not in pools.translated
    ]
    if not left:
        return None
    language = rng.choice(left)
    pools.translated.add((original.pk, language))
    return original, language


def _media_url(kind: str, number: int) -> str:
    """Example addresses only: nothing is ever fetched."""
    if kind in EXTENSION:
        return f"https://example.org/media/gen/{number}.{EXTENSION[kind]}"
    if kind in ("image", "link", "call_recording"):
        return f"https://example.org/gen/{kind}/{number}"
    return ""


def _links_save(drafts: list[tuple[Document, dict]]) -> None:
    themes, authors, contributors, commons, derivations = [], [], [], [], []
    for document, links in drafts:
        pk = document.pk
        themes += [Document.themes.through(document_id=pk, theme_id=t) for t in links["themes"]]
        authors += [Document.authors.through(document_id=pk, actor_id=a) for a in links["authors"]]
        contributors += [
            Document.contributors.through(document_id=pk, actor_id=a) for a in links["contributors"]
        ]
        commons += [
            Document.commons.through(document_id=pk, commons_id=c) for c in links["commons"]
        ]
        derivations += [
            Derivation(remix_id=pk, source_id=source, position=position)
            for position, source in enumerate(links["sources"])
        ]
    for rows in (themes, authors, contributors, commons, derivations):
        if rows:
            type(rows[0]).objects.bulk_create(rows, batch_size=5000)


def _history_save(drafts: list[tuple[Document, dict]], refs: Refs) -> None:
    """Each document's first revision, as `services.documents.document_snapshot` writes it, and the
    moderation event of each hidden one."""
    revisions, events = [], []
    for document, links in drafts:
        data = {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name in DOCUMENT_FIELDS
            for value in [getattr(document, name)]
        }
        data["authors"] = refs.actor_slugs_of(links["authors"])
        data["contributors"] = refs.actor_slugs_of(links["contributors"])
        data["producer"] = refs.actor_slugs[document.producer_id] if document.producer_id else None
        data["themes"] = sorted(refs.theme_codes[pk] for pk in links["themes"])
        data["commons"] = sorted(refs.commons_slugs[pk] for pk in links["commons"])
        data["sources"] = [refs.document_slugs[pk] for pk in links["sources"]]
        data["translation_of"] = (
            refs.document_slugs[document.translation_of_id] if document.translation_of_id else None
        )
        data["media_file"] = ""
        revisions.append(Revision(document_id=document.pk, number=1, summary="Created", data=data))
        if document.hidden:
            events.append(
                ModerationEvent(
                    document_id=document.pk,
                    action=ModerationAction.HIDE,
                    reason="Generated data: hidden, as spam would be.",
                )
            )
    Revision.objects.bulk_create(revisions, batch_size=2000)
    ModerationEvent.objects.bulk_create(events)
