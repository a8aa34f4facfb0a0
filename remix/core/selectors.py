from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


@cache
def _migrations_on_disk() -> frozenset[tuple[str, str]]:
    # The code on disk does not change while the process runs: read the files once.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


@dataclass(frozen=True)
class HealthStatus:
    migrations_applied: bool
    pending: list[str]


def health_status() -> HealthStatus:
    """One query: which migrations on disk the database has not applied yet."""
    applied = set(MigrationRecorder(connection).applied_migrations())
    pending = sorted(f"{app}.{name}" for app, name in _migrations_on_disk() - applied)
    return HealthStatus(migrations_applied=not pending, pending=pending)
