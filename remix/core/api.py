from django.db import connection
from django.urls import reverse
from ninja import Field, Router, Schema

from remix import __version__
from remix.core.selectors import health_status

router = Router(tags=["platform"])


class DatabaseOut(Schema):
    engine: str
    vendor: str


class MigrationsOut(Schema):
    applied: bool
    pending: list[str]


class HealthOut(Schema):
    status: str
    version: str
    database: DatabaseOut
    migrations: MigrationsOut


class IndexOut(Schema):
    name: str
    version: str
    docs: str
    schema_url: str = Field(alias="schema")
    health: str


@router.get(
    "/", response=IndexOut, by_alias=True, summary="Where to start: the docs and the schema"
)
def index(request):
    """The API's root: a short index rather than a 404, as a person trying the address expects."""
    return {
        "name": "Remix API",
        "version": __version__,
        "docs": request.build_absolute_uri(reverse("api:openapi-view")),
        "schema": request.build_absolute_uri(reverse("api:openapi-json")),
        "health": request.build_absolute_uri(reverse("api:health")),
    }


@router.get("/health", response=HealthOut, summary="Is the platform up, and on which database?")
def health(request):
    status = health_status()
    return {
        "status": "ok" if status.migrations_applied else "migrations_pending",
        "version": __version__,
        "database": {"engine": connection.settings_dict["ENGINE"], "vendor": connection.vendor},
        "migrations": {"applied": status.migrations_applied, "pending": status.pending},
    }
