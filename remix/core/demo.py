"""Demo data: each app registers a loader in its own ``demo.py``; `remix demo` runs them in order.

Loaders must be idempotent: running `remix demo` twice leaves the same data as running it once.
"""

from collections.abc import Callable

from django.db import transaction

_LOADERS: list[tuple[int, str, Callable[[], None]]] = []


def demo_loader(*, order: int, name: str):
    def register(func: Callable[[], None]):
        _LOADERS.append((order, name, func))
        return func

    return register


def demo_load(*, log: Callable[[str], None] = lambda _message: None) -> None:
    with transaction.atomic():
        for _order, name, func in sorted(_LOADERS):
            log(name)
            func()


def demo_is_needed() -> bool:
    """The demo loads on an empty database only: no account and no recorded event."""
    from django.contrib.auth import get_user_model

    from remix.core.models import AuditEvent

    return not get_user_model().objects.exists() and not AuditEvent.objects.exists()
