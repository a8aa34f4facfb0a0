"""Generated commons: one for every few documents, in each family, named in the three languages
after a place, some located, each with its themes, carriers, first revision and search entries."""

from decimal import Decimal

from django.utils.text import slugify

from remix.catalogue import search
from remix.catalogue.generate.refs import Refs, saved
from remix.catalogue.generate.vocabulary import LANGUAGES, PLACES, vocabulary
from remix.catalogue.models import Commons, Revision, SearchEntry, SearchKind
from remix.catalogue.services.commons import COMMONS_FIELDS

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


def commons_generate(rng, count: int, refs: Refs) -> None:
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
            description={language: vocabulary(language).text(rng, 30) for language in LANGUAGES},
            community={"fr": vocabulary("fr").text(rng, 8)},
            governance={"fr": vocabulary("fr").text(rng, 12)},
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
    saved(Commons, [commons for commons, _links in drafts])
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
        data = {name: getattr(commons, name) for name in COMMONS_FIELDS}
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
