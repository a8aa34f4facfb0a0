"""What the catalogue's generators share: the ids they draw from and the slugs and codes a
revision keeps for them, and a bulk insert that gives the rows their ids."""

from functools import cache
from itertools import accumulate

from remix.allies.models import Actor, Theme
from remix.catalogue.models import Family


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


def saved(model, rows: list) -> list:
    """Bulk insert; on backends that do not return ids, read them back by slug."""
    created = model.objects.bulk_create(rows, batch_size=1000)
    if created and created[0].pk is None:
        ids = dict(
            model.objects.filter(slug__in=[row.slug for row in created]).values_list("slug", "pk")
        )
        for row in created:
            row.pk = ids[row.slug]
    return created
