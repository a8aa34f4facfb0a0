"""The network over HTTP: actors, relations, themes, the common trunk and the measures."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.allies import selectors, services
from remix.allies.models import (
    Actor,
    ActorKind,
    Circle,
    LegalForm,
    MovementCode,
    Relation,
    RelationKind,
    Theme,
)
from remix.api.auth import token_auth_for
from remix.api.common import READ, ErrorOut, Page, Rows
from remix.core.permissions import can_edit_network, can_see_private

router = Router(tags=["allies"])


# A list of actors is written once per page from plain rows (``selectors.actor_rows``): a plain
# pydantic model, as ninja's Schema would read each field of each row through a Python getter.
class ActorOut(BaseModel):
    id: int
    name: str
    slug: str
    kind: ActorKind
    legal_form: str
    country: str
    languages: list[str]
    website: str
    description: dict[str, str]
    movements: list[str]
    circle: Circle
    themes: list[str]
    source: str
    email: str | None = Field(None, description="Stewards only.")
    phone: str | None = Field(None, description="Stewards only.")


class ActorIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: ActorKind
    legal_form: LegalForm = LegalForm.NONE
    country: str = Field("", max_length=2)
    languages: list[str] = []
    website: str = ""
    description: dict[str, str] = {}
    movements: list[MovementCode] = []
    circle: Circle = Circle.FRIEND
    themes: list[str] = Field([], description="Theme codes.")
    email: str = ""
    phone: str = ""


def _actor(actor_id: int, *, private: bool) -> dict:
    """One actor as the API shows it (404 when there is none)."""
    found = selectors.actor_rows(selectors.actors_public().filter(pk=actor_id), private=private)
    if not found:
        raise Http404
    return found[0]


@router.get(
    "/actors",
    response=list[ActorOut],
    auth=READ,
    exclude_none=True,
    summary="Actors, with the map's filters (theme, country, movement)",
)
@paginate(Page)
def actors(request, theme: str = "", country: str = "", movement: str = "", q: str = ""):
    network_filter = selectors.NetworkFilter(
        theme=theme, country=country.upper(), movement=movement
    )
    private = can_see_private(request.auth)
    queryset = selectors.actors_listed(network_filter=network_filter, q=q, private=private)
    return Rows(
        queryset,
        write_page=lambda page: selectors.actor_rows(page, private=private),
        domains=("allies",),
    )


@router.get("/actors/{actor_id}", response=ActorOut, auth=READ, exclude_none=True)
def actor(request, actor_id: int):
    return _actor(actor_id, private=can_see_private(request.auth))


def _themes(codes: list[str]) -> list[Theme]:
    found = selectors.themes_by_code(codes)
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError({"themes": [f"unknown theme: {code}" for code in missing]})
    # A merged theme answers for its survivor.
    return [found[code].survivor for code in codes]


@router.post(
    "/actors",
    response={201: ActorOut},
    auth=token_auth_for(can_edit_network),
    exclude_none=True,
    summary="Add an actor (editors)",
)
def actor_create(request, payload: ActorIn):
    data = payload.model_dump()
    created = services.actor_create(
        recorder=request.auth,
        movements=data.pop("movements"),
        themes=_themes(data.pop("themes")),
        source=f"API, {request.auth.username}",
        **data,
    )
    return Status(201, _actor(created.pk, private=can_see_private(request.auth)))


class RelationOut(Schema):
    id: int
    source: int
    target: int
    kind: RelationKind
    start_date: datetime.date | None
    end_date: datetime.date | None
    strength: int
    note: str


class RelationIn(Schema):
    source: int
    target: int
    kind: RelationKind
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    strength: int = Field(3, ge=1, le=5)
    note: str = ""


def relation_out(relation: Relation) -> dict:
    return {
        "id": relation.pk,
        "source": relation.source_id,
        "target": relation.target_id,
        "kind": relation.kind,
        "start_date": relation.start_date,
        "end_date": relation.end_date,
        "strength": relation.strength,
        "note": relation.note,
    }


@router.get("/relations", response=list[RelationOut], summary="Relations (open ones by default)")
@paginate(Page)
def relations(request, actor: int | None = None, kind: str = "", include_ended: bool = False):
    queryset = selectors.relations_listed(actor=actor, kind=kind, include_ended=include_ended)
    return Rows(queryset, relation_out, domains=("allies",))


@router.post(
    "/relations",
    response={201: RelationOut, 404: ErrorOut},  # an actor it names does not exist
    auth=token_auth_for(can_edit_network),
    summary="Record a relation (editors)",
)
def relation_create(request, payload: RelationIn):
    relation = services.relation_create(
        source=get_object_or_404(Actor, pk=payload.source),
        target=get_object_or_404(Actor, pk=payload.target),
        kind=payload.kind,
        recorder=request.auth,
        start_date=payload.start_date,
        end_date=payload.end_date,
        strength=payload.strength,
        note=payload.note,
    )
    return Status(201, relation_out(relation))


class ThemeOut(Schema):
    code: str
    labels: dict[str, str]
    definition: dict[str, str]
    broader: list[str]
    related: list[str]


class ThemeIn(Schema):
    code: str = Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)
    labels: dict[str, str]
    definition: dict[str, str] = {}
    broader: list[str] = []
    related: list[str] = []


def theme_out(theme: Theme) -> dict:
    return {
        "code": theme.code,
        "labels": theme.labels,
        "definition": theme.definition,
        "broader": sorted(other.code for other in theme.broader.all()),
        "related": sorted(other.code for other in theme.related.all()),
    }


@router.get("/themes", response=list[ThemeOut], summary="The concept scheme of themes")
def themes(request):
    return [theme_out(theme) for theme in selectors.themes_scheme()]


@router.post(
    "/themes",
    response={201: ThemeOut},
    auth=token_auth_for(can_edit_network),
    summary="Create or update a theme by its code (editors)",
)
def theme_create(request, payload: ThemeIn):
    theme = services.theme_save(
        code=payload.code,
        labels=payload.labels,
        definition=payload.definition,
        broader=_themes(payload.broader),
        related=_themes(payload.related),
        recorder=request.auth,
    )
    return Status(201, theme_out(theme))


# Large read-only outputs are plain pydantic models: ninja's Schema wraps every nested object
# for ORM attribute access, which costs more than the query at 10,000 actors.
class SideActor(BaseModel):
    id: int
    name: str


class TrunkCounts(BaseModel):
    ess: int
    commons: int
    bridges: int


class TrunkThemeOut(BaseModel):
    rank: int
    theme: str
    labels: dict[str, str]
    score: float
    ess_share: float
    commons_share: float
    counts: TrunkCounts
    ess: list[SideActor]
    commons: list[SideActor]
    bridges: list[SideActor]


@router.get(
    "/common-trunk",
    response=list[TrunkThemeOut],
    summary="Themes both movements hold, ranked by the harmonic mean of both shares",
)
def common_trunk(
    request,
    per_side: int = Query(
        100,
        ge=1,
        le=100_000,
        description="At most this many actors listed per side; `counts` says how many there are.",
    ),
):
    def side(actors):
        return [{"id": actor.pk, "name": actor.name} for actor in actors]

    return [
        {
            "rank": row["rank"],
            "theme": row["theme"].code,
            "labels": row["theme"].labels,
            "score": float(row["score"]),
            "ess_share": float(row["ess_share"]),
            "commons_share": float(row["commons_share"]),
            "ess": side(row["ess"]),
            "commons": side(row["commons"]),
            "bridges": side(row["bridges"]),
            "counts": row["counts"],
        }
        for row in selectors.trunk_rows(per_side=per_side)
    ]


class ActorMeasureOut(BaseModel):
    id: int
    degree: int
    betweenness: float
    component: int


class MeasuresOut(BaseModel):
    network_version: int
    computed_for_version: int | None
    fresh: bool
    recomputing: bool
    progress: int | None
    method: str | None
    sample_size: int | None
    error_bound: float | None
    actors: int | None
    relations: int | None
    density: float | None
    components: int | None
    crossing_share: float | None
    per_actor: list[ActorMeasureOut]


@router.get(
    "/network/measures",
    response=MeasuresOut,
    summary="Degree, betweenness and component of each actor; density, crossing share",
)
def measures(request):
    state = selectors.measures_state()
    result = state.run.result if state.run else {}
    return {
        "network_version": state.version,
        "computed_for_version": state.run.version if state.run else None,
        "fresh": state.is_fresh,
        "recomputing": state.pending is not None,
        "progress": state.pending.progress if state.pending else None,
        **{
            key: result.get(key)
            for key in (
                "method",
                "sample_size",
                "error_bound",
                "actors",
                "relations",
                "density",
                "components",
                "crossing_share",
            )
        },
        "per_actor": [
            {"id": int(pk), "degree": values[0], "betweenness": values[1], "component": values[2]}
            for pk, values in result.get("per_actor", {}).items()
        ],
    }
