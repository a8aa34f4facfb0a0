from django.db import connection
from ninja import Router, Schema

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


@router.get("/health", response=HealthOut, summary="Is the platform up, and on which database?")
def health(request):
    status = health_status()
    return {
        "status": "ok" if status.migrations_applied else "migrations_pending",
        "version": __version__,
        "database": {"engine": connection.settings_dict["ENGINE"], "vendor": connection.vendor},
        "migrations": {"applied": status.migrations_applied, "pending": status.pending},
    }
