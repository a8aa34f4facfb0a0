"""Reads about the network, shared by pages, API and exports."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Q, QuerySet

from remix.allies import hooks
from remix.allies.models import Actor, MeasuresRun, NetworkState, Relation, Theme
from remix.allies.trunk import (
    ActorFacts,
    TrunkTheme,
    bridge_actors,
    common_trunk,
    least_documented,
)


def network_version() -> int:
    return NetworkState.objects.values_list("version", flat=True).get(pk=1)


def actor_facts() -> list[ActorFacts]:
    """Every actor's movements and theme ids, in three queries whatever the size."""
    movements: dict[int, set[str]] = defaultdict(set)
    for actor_id, code in Actor.movements.through.objects.values_list("actor_id", "movement_id"):
        movements[actor_id].add(code)
    themes: dict[int, set[int]] = defaultdict(set)
    for actor_id, theme_id in Actor.themes.through.objects.values_list("actor_id", "theme_id"):
        themes[actor_id].add(theme_id)
    return [
        ActorFacts(id=pk, movements=frozenset(movements[pk]), themes=frozenset(themes[pk]))
        for pk in Actor.objects.values_list("pk", flat=True)
    ]


def open_edges(*, on=None) -> list[tuple[int, int]]:
    relations = Relation.objects.all()
    if on is None:
        relations = relations.filter(end_date__isnull=True)
    else:
        relations = relations.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )
    return list(relations.values_list("source_id", "target_id"))


class ActorRef(NamedTuple):
    """What lists of actors need: light to build by the thousand."""

    pk: int
    name: str
    slug: str


def actor_refs(ids: set[int]) -> dict[int, ActorRef]:
    actors = Actor.objects.all()
    if len(ids) <= 500:  # past that, one scan beats a long IN list
        actors = actors.filter(pk__in=ids)
    return {
        pk: ActorRef(pk, name, slug)
        for pk, name, slug in actors.values_list("pk", "name", "slug")
        if pk in ids
    }


@dataclass(frozen=True)
class Trunk:
    version: int
    themes: list[TrunkTheme]
    bridges: frozenset[int]


def trunk_current() -> Trunk:
    """The common trunk of the network as it is now; cached until the network changes."""
    version, epoch = NetworkState.objects.values_list("version", "epoch").get(pk=1)
    key = f"allies:trunk:{epoch}:{version}"
    trunk = cache.get(key)
    if trunk is None:
        facts = actor_facts()
        bridges = bridge_actors(facts, open_edges())
        trunk = Trunk(version=version, themes=common_trunk(facts, bridges), bridges=bridges)
        cache.set(key, trunk, timeout=24 * 3600)
    return trunk


def trunk_rows(*, limit: int | None = None, per_side: int | None = None) -> list[dict]:
    """The trunk with its themes and actors loaded, for pages, API and exports.

    ``per_side`` keeps the first actors recorded on each side and says how many there are: at
    10,000 actors a page cannot list them all.
    """
    trunk = trunk_current()
    entries = trunk.themes[:limit] if limit else trunk.themes
    themes = Theme.objects.in_bulk({entry.theme for entry in entries})
    wanted = set()
    for entry in entries:
        for side in (entry.ess, entry.commons, entry.bridges):
            wanted.update(side if per_side is None else side[:per_side])
    actors = actor_refs(wanted)

    def side(ids):
        return [actors[pk] for pk in (ids if per_side is None else ids[:per_side])]

    rows = []
    for rank, entry in enumerate(entries, 1):
        rows.append(
            {
                "rank": rank,
                "theme": themes[entry.theme],
                "score": entry.score,
                "ess_share": entry.ess_share,
                "commons_share": entry.commons_share,
                "ess": side(entry.ess),
                "commons": side(entry.commons),
                "bridges": side(entry.bridges),
                "counts": {
                    "ess": len(entry.ess),
                    "commons": len(entry.commons),
                    "bridges": len(entry.bridges),
                },
            }
        )
    return rows


TO_DOCUMENT = 5  # how many themes the trunk page asks to document


def trunk_to_document(*, limit: int = TO_DOCUMENT) -> list[dict] | None:
    """The trunk's themes least documented for their strength (« À documenter »,
    ``trunk.least_documented``), with their rank in the trunk; None when no app counts the
    documents of themes."""
    trunk = trunk_current()
    ranks = {entry.theme: rank for rank, entry in enumerate(trunk.themes, 1)}
    counts = hooks.trunk_theme_documents(list(ranks))
    if counts is None:
        return None
    chosen = least_documented(trunk.themes, counts, limit=limit)
    themes = Theme.objects.in_bulk([entry.theme for entry in chosen])
    return [
        {
            "theme": themes[entry.theme],
            "rank": ranks[entry.theme],
            "score": entry.score,
            "documents": entry.documents,
            "per_point": entry.per_point,
        }
        for entry in chosen
    ]


def actors_public() -> QuerySet[Actor]:
    """Actors with what public pages need; private fields are never selected here."""
    return Actor.objects.defer("email", "phone").prefetch_related("movements", "themes")


def actor_relations(*, actor: Actor) -> QuerySet[Relation]:
    return (
        Relation.objects.filter(Q(source=actor) | Q(target=actor))
        .select_related("source", "target")
        .order_by("end_date", "-start_date", "pk")
    )


@dataclass(frozen=True)
class MeasuresState:
    run: MeasuresRun | None  # the latest finished computation
    pending: MeasuresRun | None  # a computation queued or running for a newer version
    version: int

    @property
    def is_fresh(self) -> bool:
        return self.run is not None and self.run.version == self.version


def measures_state() -> MeasuresState:
    version = network_version()
    run = MeasuresRun.objects.filter(status=MeasuresRun.Status.DONE).first()
    pending = MeasuresRun.objects.filter(
        status__in=[MeasuresRun.Status.QUEUED, MeasuresRun.Status.RUNNING],
        version__gt=run.version if run else -1,
    ).first()
    return MeasuresState(run=run, pending=pending, version=version)


@dataclass(frozen=True)
class NetworkFilter:
    """The map's filters, parsed once from the query string and used by lists, JSON and API."""

    theme: str = ""  # theme code
    country: str = ""
    movement: str = ""
    relation_kind: str = ""
    on: datetime.date | None = None  # relations active on that day; None: open ones

    @classmethod
    def from_query(cls, query) -> "NetworkFilter":
        on = None
        if query.get("on"):
            try:
                on = datetime.date.fromisoformat(query["on"])
            except ValueError:
                on = None
        return cls(
            theme=query.get("theme", "").strip(),
            country=query.get("country", "").strip().upper(),
            movement=query.get("movement", "").strip(),
            relation_kind=query.get("relation_kind", "").strip(),
            on=on,
        )

    def actors(self) -> QuerySet[Actor]:
        actors = actors_public()
        if self.theme:
            actors = actors.filter(themes__code=self.theme)
        if self.country:
            actors = actors.filter(country=self.country)
        if self.movement:
            actors = actors.filter(movements__code=self.movement)
        return actors.distinct()

    def relations(self, actor_ids=None) -> QuerySet[Relation]:
        relations = Relation.objects.all()
        if actor_ids is not None:
            relations = relations.filter(source_id__in=actor_ids, target_id__in=actor_ids)
        if self.relation_kind:
            relations = relations.filter(kind=self.relation_kind)
        if self.on is None:
            relations = relations.filter(end_date__isnull=True)
        else:
            relations = relations.filter(
                Q(start_date__isnull=True) | Q(start_date__lte=self.on),
                Q(end_date__isnull=True) | Q(end_date__gte=self.on),
            )
        return relations


def network_graph(*, network_filter: NetworkFilter) -> dict:
    """Nodes and edges for the map (and its text alternative), after the filters.

    Plain rows, no model instances, and no giant IN lists: a few queries whatever the size.
    """
    narrowed = bool(network_filter.theme or network_filter.country or network_filter.movement)
    actors = network_filter.actors() if narrowed else Actor.objects.all()
    rows = list(actors.order_by("name").values("pk", "name", "slug", "kind", "country", "circle"))
    ids = {row["pk"] for row in rows}
    movements: dict[int, list[str]] = defaultdict(list)
    for actor_id, code in Actor.movements.through.objects.values_list("actor_id", "movement_id"):
        if actor_id in ids:
            movements[actor_id].append(code)
    theme_codes = dict(Theme.objects.values_list("pk", "code"))
    themes: dict[int, list[str]] = defaultdict(list)
    for actor_id, theme_id in Actor.themes.through.objects.values_list("actor_id", "theme_id"):
        if actor_id in ids:
            themes[actor_id].append(theme_codes[theme_id])
    relations = network_filter.relations(None).values_list(
        "pk", "source_id", "target_id", "kind", "start_date", "end_date", "strength"
    )
    return {
        "nodes": [
            {
                "id": row["pk"],
                "name": row["name"],
                "slug": row["slug"],
                "kind": row["kind"],
                "country": row["country"],
                "circle": row["circle"],
                "movements": sorted(movements[row["pk"]]),
                "themes": sorted(themes[row["pk"]]),
            }
            for row in rows
        ],
        "edges": [
            {
                "id": pk,
                "source": source,
                "target": target,
                "kind": kind,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "strength": strength,
            }
            for pk, source, target, kind, start, end, strength in relations
            if source in ids and target in ids
        ],
    }


def actor_history(*, actor: Actor):
    from remix.core.models import AuditEvent

    return AuditEvent.objects.filter(
        object_type="allies.actor", object_id=str(actor.pk)
    ).select_related("recorder")


def actor_measures(*, actor: Actor) -> dict | None:
    state = measures_state()
    if state.run is None:
        return None
    values = state.run.result.get("per_actor", {}).get(str(actor.pk))
    if values is None:
        return None
    degree, betweenness_value, component = values
    return {
        "degree": degree,
        "betweenness": betweenness_value,
        "component": component,
        "is_fresh": state.is_fresh,
    }


def actor_private(*, actor: Actor) -> dict:
    """The fields only stewards read: e-mail and phone."""
    return Actor.objects.values("email", "phone").get(pk=actor.pk)


def actors_listed(
    *, network_filter: NetworkFilter, q: str = "", private: bool = False
) -> QuerySet[Actor]:
    """Actors by name after the map's filters, those whose name holds `q` when given; with their
    private fields (e-mail, phone) only when `private`, for a steward's list."""
    actors = actors_public().defer(None) if private else actors_public()
    if q:
        actors = actors.filter(name__icontains=q)
    if network_filter.theme or network_filter.country or network_filter.movement:
        actors = actors.filter(pk__in=network_filter.actors().values("pk"))
    return actors.order_by("name")


ACTOR_FIELDS = (
    "id",
    "name",
    "slug",
    "kind",
    "legal_form",
    "country",
    "languages",
    "website",
    "description",
    "circle",
    "source",
)


def actor_rows(actors: QuerySet[Actor], *, private: bool = False) -> list[dict]:
    """The actors of ``actors`` (a page already cut) as plain dicts of ``ACTOR_FIELDS``, with
    their ``movements`` and ``themes`` (codes, sorted), and their ``email`` and ``phone`` when
    ``private``: three queries whatever the page's length, no model instance built."""
    fields = (*ACTOR_FIELDS, "email", "phone") if private else ACTOR_FIELDS
    rows = [
        dict(zip(fields, row, strict=True))
        for row in actors.prefetch_related(None).values_list(*fields)
    ]
    ids = [row["id"] for row in rows]
    movements, themes = defaultdict(list), defaultdict(list)
    for actor_id, code in Actor.movements.through.objects.filter(actor_id__in=ids).values_list(
        "actor_id", "movement_id"
    ):
        movements[actor_id].append(code)
    for actor_id, code in Actor.themes.through.objects.filter(actor_id__in=ids).values_list(
        "actor_id", "theme__code"
    ):
        themes[actor_id].append(code)
    for row in rows:
        row["movements"] = sorted(movements[row["id"]])
        row["themes"] = sorted(themes[row["id"]])
    return rows


def relations_listed(
    *, actor: int | None = None, kind: str = "", include_ended: bool = False
) -> QuerySet[Relation]:
    """Relations in the order they were recorded: an actor's (either end), of a kind, open ones
    unless ended ones are asked for too."""
    relations = Relation.objects.order_by("pk")
    if actor is not None:
        relations = relations.filter(source_id=actor) | relations.filter(target_id=actor)
    if kind:
        relations = relations.filter(kind=kind)
    if not include_ended:
        relations = relations.filter(end_date__isnull=True)
    return relations


def actors_exported() -> QuerySet[Actor]:
    """Every actor with its movements and themes, public fields only, as recorded."""
    return (
        Actor.objects.defer("email", "phone").prefetch_related("movements", "themes").order_by("pk")
    )


def relations_exported() -> QuerySet[Relation]:
    return Relation.objects.select_related("source", "target").order_by("pk")


def network_mark() -> str:
    """This network's mark in its exports: the ids of a file that bears another are not ours."""
    epoch = NetworkState.objects.values_list("epoch", flat=True).filter(pk=1).first()
    return str(epoch or "")


def themes_by_code(codes: Iterable[str] | None = None) -> dict[str, Theme]:
    """Themes by code, merged ones too (every one, or those of `codes` that exist): what an
    import or a write may name."""
    themes = Theme.objects.all() if codes is None else Theme.objects.filter(code__in=codes)
    return {theme.code: theme for theme in themes}


def themes_scheme() -> QuerySet[Theme]:
    """The active themes with their broader and related ones: the concept scheme."""
    return Theme.objects.active().prefetch_related("broader", "related")


def theme_roots() -> list[Theme]:
    """The active themes that have no broader one, by label, with their narrower ones."""
    roots = (
        Theme.objects.active().filter(broader__isnull=True).prefetch_related("narrower", "actors")
    )
    return sorted(roots, key=lambda theme: theme.label.lower())


def measures_ranking(*, state: MeasuresState, limit: int = 50) -> list[dict]:
    """The actors of the latest measures by betweenness, the highest first, and whether each is
    a bridge of the common trunk."""
    if state.run is None:
        return []
    per_actor = state.run.result.get("per_actor", {})
    bridges = trunk_current().bridges
    ordered = sorted(per_actor.items(), key=lambda item: (-item[1][1], int(item[0])))[:limit]
    actors = Actor.objects.in_bulk([int(pk) for pk, _values in ordered])
    return [
        {
            "actor": actors[int(pk)],
            "degree": values[0],
            "betweenness": values[1],
            "component": values[2],
            "is_bridge": int(pk) in bridges,
        }
        for pk, values in ordered
        if int(pk) in actors
    ]
