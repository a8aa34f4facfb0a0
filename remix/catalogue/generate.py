"""Scale data for the catalogue: documents in French, English and Spanish, commons, lineage.

``--scale small``: 2,000 documents; ``--scale large``: 100,000. Titles and ~80-word bodies are
drawn from a vocabulary in the three languages, accents included, whose words follow a long
tail as in real text (a few words in most documents, rare ones in a handful). Some documents are
translations of earlier ones, some remix earlier ones under the licence their sources allow;
each has its first revision and its search entry, written in bulk, batch by batch.
"""

import datetime
import random
from decimal import Decimal
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from django.utils.text import slugify

from remix.allies.models import Actor, Theme
from remix.catalogue import search, services
from remix.catalogue.licences import LICENCES, remix_rule
from remix.catalogue.models import (
    Commons,
    Derivation,
    Document,
    DocumentKind,
    Family,
    ModerationAction,
    ModerationEvent,
    Revision,
    SearchEntry,
    SearchKind,
)
from remix.core.generate import Scale, generator

# Batches grow from FIRST_BATCH to BATCH, so that early documents can be translated and remixed.
FIRST_BATCH, BATCH = 250, 5_000
DOCUMENTS_PER_COMMONS = 25

# Content words, the most frequent first; then a few rare words.
WORDS = {
    "fr": """communs commun coopération économie solidarité gouvernance territoire réseau
    semences eau jardin habitat énergie savoirs logiciel libre données culture santé quartier
    village assemblée usagers règles ressource partage entraide mutualisation participation
    démocratie éducation mémoire archive bibliothèque outils atelier monnaie finance épargne
    crédit coopérative association collectif fédération transition écologie agriculture
    paysanne alimentation marché circuits producteurs habitants forêt rivière terre foncier
    logement numérique internet serveur code licence traduction documentaire entretien
    témoignage histoire pratique méthode expérience formation recherche université politique
    commune municipalité région budget subvention bénévoles travail emploi insertion autogestion
    délibération consensus conflit médiation confiance réciprocité hospitalité soin gardiennes
    récolte compost irrigation pâturage pêcherie aqueduc fontaine antenne câble outillage
    réparation recyclage réemploi mobilité vélo école enfance jeunesse aînés femmes migrations
    frontière droits justice égalité dignité autonomie résilience sécheresse climat biodiversité
    pollinisateurs abeilles graines variétés sélection échange troc fête veillée conte chant
    musique théâtre cinéma photographie carte cartographie encyclopédie wiki contribution""",
    "en": """commons common cooperation economy solidarity governance territory network seeds
    water garden housing energy knowledge software free data culture health neighbourhood
    village assembly users rules resource sharing mutual aid participation democracy education
    memory archive library tools workshop currency finance savings credit cooperative
    association collective federation transition ecology farming peasant food market supply
    producers residents forest river land trust digital internet server code licence
    translation documentary interview testimony history practice method experience training
    research university policy municipality region budget grant volunteers work employment
    integration self-management deliberation consensus conflict mediation reciprocity care
    stewardship keepers harvest compost irrigation pasture fishery aqueduct fountain antenna
    cable repair recycling reuse mobility bicycle school childhood youth elders women migration
    border rights justice equality dignity autonomy resilience drought climate biodiversity
    pollinators bees varieties selection exchange barter festival storytelling tale song music
    theatre cinema photography map mapping encyclopaedia wiki contribution enclosure""",
    "es": """comunes común cooperación economía solidaridad gobernanza territorio red semillas
    agua huerto vivienda energía saberes software libre datos cultura salud barrio pueblo
    asamblea usuarios reglas recurso compartir ayuda mutua participación democracia educación
    memoria archivo biblioteca herramientas taller moneda finanzas ahorro crédito cooperativa
    asociación colectivo federación transición ecología agricultura campesina alimentación
    mercado circuitos productores vecinos bosque río tierra paisaje digital internet
    servidor código licencia traducción documental entrevista testimonio historia práctica
    método experiencia formación investigación universidad política municipio región
    presupuesto subvención voluntarios trabajo empleo inserción autogestión deliberación
    consenso conflicto mediación confianza reciprocidad cuidado guardianas cosecha compost
    riego pastoreo pesca acueducto fuente antena cable reparación reciclaje reutilización
    movilidad bicicleta escuela infancia juventud mayores mujeres migraciones frontera derechos
    justicia igualdad dignidad autonomía resiliencia sequía clima biodiversidad polinizadores
    abejas variedades selección intercambio trueque fiesta cuento canto música teatro cine
    fotografía mapa cartografía enciclopedia wiki contribución minga comunitaria comunitario""",
}
RARE = {
    "fr": "mycorhizes ethnobotanique palimpseste hydrogéologie",
    "en": "mycorrhiza ethnobotany palimpsest hydrogeology",
    "es": "micorrizas etnobotánica palimpsesto hidrogeología",
}
FUNCTION_WORDS = {
    "fr": "le la les de des du et un une pour dans avec sur par qui que en au aux est sont plus",
    "en": "the of and a to in for with on by is are that who as from their its this",
    "es": "el la los las de del y un una para en con por que es son sus al como más",
}
PLACES = [
    ("Thiès", "SN", 14.79, -16.93),
    ("Dakar", "SN", 14.69, -17.44),
    ("Kaolack", "SN", 14.15, -16.07),
    ("Lyon", "FR", 45.76, 4.84),
    ("Rennes", "FR", 48.11, -1.68),
    ("Liège", "BE", 50.63, 5.58),
    ("Montréal", "CA", 45.50, -73.57),
    ("Québec", "CA", 46.81, -71.21),
    ("Bogotá", "CO", 4.71, -74.07),
    ("Medellín", "CO", 6.24, -75.58),
    ("Bilbao", "ES", 43.26, -2.93),
    ("Valencia", "ES", 39.47, -0.38),
    ("Bamako", "ML", 12.64, -8.00),
    ("Recife", "BR", -8.05, -34.88),
]
COMMONS_NAMES = {
    # family: (fr, en, es) patterns
    "nature": ("Forêt communale de {}", "{} community forest", "Bosque comunal de {}"),
    "knowledge": (
        "Université populaire de {}",
        "{} people's university",
        "Universidad popular de {}",
    ),
    "digital": ("Cartographie libre de {}", "{} open map", "Cartografía libre de {}"),
    "urban": ("Jardin partagé de {}", "{} shared garden", "Huerto compartido de {}"),
    "culture": ("Archive sonore de {}", "{} sound archive", "Archivo sonoro de {}"),
    "health": ("Case de santé de {}", "{} health post", "Puesto de salud de {}"),
    "food": ("Maison des semences de {}", "{} seed house", "Casa de semillas de {}"),
    "infrastructure": ("Réseau d'eau de {}", "{} water network", "Red de agua de {}"),
}
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
LANGUAGES, LANGUAGE_WEIGHTS = ["fr", "en", "es"], [50, 25, 25]
FIRST_DAY, DAYS = datetime.date(2000, 1, 1), 26 * 365


class Vocabulary:
    """Words of one language with cumulative weights for `random.choices`.

    Word frequencies follow the Zipf–Mandelbrot law of real text, 1 / (rank + q), the function
    words holding the first ranks (q is their number): the commonest content word is in two
    thirds of a language's documents, a mid-list one in a fifth, a rare one in a few per mille.
    """

    def __init__(self, language: str):
        content = WORDS[language].split()
        rare = RARE[language].split()
        self.words = content + rare
        self.function = FUNCTION_WORDS[language].split()
        offset = len(self.function)
        weights = [1 / (rank + 1 + offset) for rank in range(len(content))]
        weights += [weights[-1] / 40] * len(rare)
        self.cumulative = list(accumulate(weights))

    def title(self, rng: random.Random) -> str:
        words = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(3, 7))
        return " ".join(words).capitalize()

    def text(self, rng: random.Random, count: int) -> str:
        content = rng.choices(self.words, cum_weights=self.cumulative, k=count)
        words = [
            f"{rng.choice(self.function)} {word}" if rng.random() < 0.5 else word
            for word in content
        ]
        sentences = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
        return ". ".join(sentence.capitalize() for sentence in sentences) + "."


KINDS, KIND_CUMULATIVE = list(KIND_WEIGHTS), list(accumulate(KIND_WEIGHTS.values()))
LICENCE_CODES = list(LICENCE_WEIGHTS)
LICENCE_CUMULATIVE = list(accumulate(LICENCE_WEIGHTS.values()))


@cache
def _remix_licence(licences: tuple[str, ...]) -> str | None:
    return remix_rule(list(licences)).proposed


@cache
def _long_tail(size: int) -> list[float]:
    """Cumulative weights 1, 1/2, 1/3…: the first items are chosen most, as in real networks."""
    return list(accumulate(1 / (rank + 1) for rank in range(size)))


class Refs:
    """Ids to draw from, and the slugs and codes a revision keeps for them."""

    def __init__(self):
        actors = Actor.objects.order_by("pk").values_list("pk", "slug", "name")
        self.actor_ids = [pk for pk, _slug, _name in actors]
        self.actor_slugs = {pk: slug for pk, slug, _name in actors}
        # A snapshot lists actors as their model orders them: by name.
        self.actor_names = {pk: name for pk, _slug, name in actors}
        themes = Theme.objects.active().order_by("pk").values_list("pk", "code")
        self.theme_ids = [pk for pk, _code in themes]
        self.theme_codes = dict(themes)
        self.family_codes = dict(Family.objects.order_by("position").values_list("pk", "code"))
        self.commons_ids: list[int] = []
        self.commons_slugs: dict[int, str] = {}
        self.document_slugs: dict[int, str] = {}

    def actor_slugs_of(self, ids) -> list[str]:
        return [self.actor_slugs[pk] for pk in sorted(ids, key=self.actor_names.__getitem__)]

    def themes_drawn(self, rng, most: int) -> list[int]:
        drawn = rng.choices(
            self.theme_ids, cum_weights=_long_tail(len(self.theme_ids)), k=rng.randint(1, most)
        )
        return list(dict.fromkeys(drawn))


@generator(order=30, name="catalogue.documents")
def generate_catalogue(rng: random.Random, scale: Scale) -> int:
    if not scale.documents:
        return 0
    refs = Refs()
    _commons(rng, max(8, scale.documents // DOCUMENTS_PER_COMMONS), refs)
    _actor_entries()
    return _documents(rng, scale.documents, refs)


def _commons(rng, count: int, refs: Refs) -> None:
    start = Commons.objects.filter(slug__startswith="gen-").count()
    drafts = []
    for n in range(count):
        family_pk = rng.choice(list(refs.family_codes))
        place, country, latitude, longitude = rng.choice(PLACES)
        names = {
            language: pattern.format(place)
            for language, pattern in zip(
                LANGUAGES, COMMONS_NAMES[refs.family_codes[family_pk]], strict=True
            )
        }
        located = rng.random() < 0.6
        commons = Commons(
            slug=f"gen-{start + n:06d}-{slugify(names['fr'])}",
            name=names,
            description={language: _vocabulary(language).text(rng, 30) for language in LANGUAGES},
            community={"fr": _vocabulary("fr").text(rng, 8)},
            governance={"fr": _vocabulary("fr").text(rng, 12)},
            family_id=family_pk,
            place=place,
            country=country,
            latitude=Decimal(f"{latitude + rng.uniform(-0.2, 0.2):.6f}") if located else None,
            longitude=Decimal(f"{longitude + rng.uniform(-0.2, 0.2):.6f}") if located else None,
        )
        links = {
            "themes": refs.themes_drawn(rng, 4),
            "carriers": rng.sample(refs.actor_ids, k=min(len(refs.actor_ids), rng.randint(1, 3))),
        }
        drafts.append((commons, links))
    _saved(Commons, [commons for commons, _links in drafts])
    themes, carriers, revisions, entries = [], [], [], []
    for commons, links in drafts:
        refs.commons_ids.append(commons.pk)
        refs.commons_slugs[commons.pk] = commons.slug
        themes += [
            Commons.themes.through(commons_id=commons.pk, theme_id=pk) for pk in links["themes"]
        ]
        carriers += [
            Commons.carriers.through(commons_id=commons.pk, actor_id=pk) for pk in links["carriers"]
        ]
        data = {name: getattr(commons, name) for name in services.COMMONS_FIELDS}
        for name in ("latitude", "longitude"):
            data[name] = str(data[name]) if data[name] is not None else None
        data["family"] = refs.family_codes[commons.family_id]
        data["themes"] = sorted(refs.theme_codes[pk] for pk in links["themes"])
        data["carriers"] = sorted(refs.actor_slugs[pk] for pk in links["carriers"])
        revisions.append(Revision(commons_id=commons.pk, number=1, summary="Created", data=data))
        entries += [
            search.entry(SearchKind.COMMONS, commons.pk, row)
            for row in search.commons_entries(commons)
        ]
    Commons.themes.through.objects.bulk_create(themes, batch_size=5000)
    Commons.carriers.through.objects.bulk_create(carriers, batch_size=5000)
    Revision.objects.bulk_create(revisions, batch_size=2000)
    SearchEntry.objects.bulk_create(entries, batch_size=2000)


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


@cache
def _vocabulary(language: str) -> Vocabulary:
    return Vocabulary(language)


def _saved(model, rows: list) -> list:
    """Bulk insert; on backends that do not return ids, read them back by slug."""
    created = model.objects.bulk_create(rows, batch_size=1000)
    if created and created[0].pk is None:
        ids = dict(
            model.objects.filter(slug__in=[row.slug for row in created]).values_list("slug", "pk")
        )
        for row in created:
            row.pk = ids[row.slug]
    return created


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


def _documents(rng, count: int, refs: Refs) -> int:
    start = Document.objects.filter(slug__startswith="gen-").count()
    pools = Pools()
    done = 0
    while done < count:
        size = min(BATCH, count - done, max(FIRST_BATCH, done))
        drafts = [_draft(rng, start + done + n, pools, refs) for n in range(size)]
        _saved(Document, [document for document, _links in drafts])
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
    vocabulary = _vocabulary(language)
    title = vocabulary.title(rng)
    place, country, _latitude, _longitude = rng.choice(PLACES)
    paragraphs = [vocabulary.text(rng, rng.randint(22, 32)) for _paragraph in range(2)]
    timed = kind in TIMED
    document = Document(
        slug=f"gen-{number:06d}-{slugify(title)[:60]}".rstrip("-"),
        kind=kind,
        title=title,
        summary=vocabulary.text(rng, 12),
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
    """Each document's first revision, as `services.document_snapshot` writes it, and the
    moderation event of each hidden one."""
    revisions, events = [], []
    for document, links in drafts:
        data = {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name in services.DOCUMENT_FIELDS
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
