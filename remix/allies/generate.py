"""Scale data for the allies: themes, actors on both sides, relations (bulk, seeded)."""

import random

from django.db.models import F

from remix.allies.models import (
    SYMMETRIC_KINDS,
    Actor,
    ActorKind,
    Circle,
    Movement,
    NetworkState,
    Relation,
    RelationKind,
    Theme,
)
from remix.core.generate import Scale, generator
from remix.core.pagecache import data_version_bump

MOVEMENT_MIX = [["ess"], ["ess"], ["commons"], ["commons"], ["ess", "commons"], ["other"]]
COUNTRIES = ["FR", "SN", "CA", "CO", "ES", "BE", "ML", "BR", "MA", "CH"]


@generator(order=20, name="allies.network")
def generate_network(rng: random.Random, scale: Scale) -> int:
    start = Actor.objects.filter(source="generated").count()
    themes = [
        Theme(
            code=f"gen-theme-{start}-{index}",
            labels={"fr": f"Thème {index}", "en": f"Theme {index}", "es": f"Tema {index}"},
        )
        for index in range(scale.themes)
    ]
    themes = Theme.objects.bulk_create(themes)
    actors = Actor.objects.bulk_create(
        [
            Actor(
                name=f"Acteur {start + index:06d}",
                slug=f"acteur-gen-{start + index:06d}",
                kind=rng.choice(ActorKind.values),
                country=rng.choice(COUNTRIES),
                circle=rng.choice(Circle.values),
                source="generated",
            )
            for index in range(scale.actors)
        ],
        batch_size=1000,
    )
    movements = {movement.code: movement for movement in Movement.objects.all()}
    movement_links, theme_links = [], []
    # Theme popularity follows a long tail, as in real networks.
    weights = [1 / (rank + 1) for rank in range(len(themes))]
    for actor in actors:
        for code in rng.choice(MOVEMENT_MIX):
            movement_links.append(
                Actor.movements.through(actor_id=actor.pk, movement_id=movements[code].pk)
            )
        for theme in set(rng.choices(themes, weights=weights, k=rng.randint(1, 5))):
            theme_links.append(Actor.themes.through(actor_id=actor.pk, theme_id=theme.pk))
    Actor.movements.through.objects.bulk_create(movement_links, batch_size=5000)
    Actor.themes.through.objects.bulk_create(theme_links, batch_size=5000)
    seen, relations = set(), []
    kinds = RelationKind.values
    while len(relations) < scale.relations:
        a, b = rng.sample(actors, 2)
        kind = rng.choice(kinds)
        if kind in SYMMETRIC_KINDS and a.pk > b.pk:
            a, b = b, a
        if (a.pk, b.pk, kind) in seen:
            continue
        seen.add((a.pk, b.pk, kind))
        relations.append(Relation(source=a, target=b, kind=kind, strength=rng.randint(1, 5)))
    Relation.objects.bulk_create(relations, batch_size=5000)
    NetworkState.objects.filter(pk=1).update(version=F("version") + 1)
    data_version_bump("allies")
    return len(actors)
