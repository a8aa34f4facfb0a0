"""What the audit-event tables share: a row is one service call and the event it must leave.

Each app's ``tests/test_audit_events.py`` holds ``ROWS``, one function per audit action::

    @ROWS.writes("ledger.period.closed")
    def a_month_is_closed(the):
        treasurer = the.user("tresoriere", "treasurer")
        with the.call():
            closed = services.period_close(period=MARCH, recorder=treasurer)
        return on(closed, by=treasurer, period="2026-03")

A row sets up what the service needs (through the services and the tests' builders), makes
the one call inside ``with the.call():`` and says which event it expects. The check is that the
call, and not the setting up, wrote exactly one event with that action, on that object, by that
recorder, with at least that data. ``remix/core/tests/test_audit_events.py`` fails when an
action written by the code has no row.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Max

from remix.core.models import AuditEvent


@dataclass(frozen=True)
class On:
    """The event a row expects: on which object, by whom, with at least this data."""

    object_type: str
    object_id: str
    by: str | None  # the recorder's username; None for scripts, webhooks and anonymous calls
    data: dict = field(default_factory=dict)


def on(obj, *, by=None, **data) -> On:
    """Read the object's identity now: a row about a deletion builds it before the call."""
    if obj is None:
        return On("", "", by.username if by else None, data)
    return On(obj._meta.label_lower, str(obj.pk), by.username if by else None, data)


def _last_event_id() -> int:
    return AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0


class Scene:
    """What a row is given: people, settings, a web client, and the window of its one call."""

    def __init__(self, *, make_user, settings, client, tmp_path):
        self._make_user = make_user
        self.settings = settings
        self.client = client
        self.tmp_path = tmp_path
        self.window: tuple[int, int] | None = None

    def user(self, name: str, *roles: str):
        return self._make_user(name, roles=roles)

    def media(self) -> None:
        """Uploaded files go to a throwaway folder."""
        self.settings.MEDIA_ROOT = self.tmp_path / "media"

    @contextlib.contextmanager
    def call(self):
        assert self.window is None, "a row makes one call"
        first = _last_event_id()
        yield
        self.window = (first, _last_event_id())


@dataclass(frozen=True)
class Row:
    action: str
    variant: str
    build: Callable[[Scene], On]

    @property
    def id(self) -> str:
        return f"{self.action}-{self.variant}" if self.variant else self.action

    def check(self, scene: Scene) -> None:
        expected = self.build(scene)
        assert scene.window is not None, f"{self.id} made no call inside `with the.call():`"
        first, last = scene.window
        events = list(
            AuditEvent.objects.filter(pk__gt=first, pk__lte=last, action=self.action)
            .select_related("recorder")
            .order_by("pk")
        )
        written = [
            (e.object_type, e.object_id, e.recorder.username if e.recorder else None)
            for e in events
        ]
        wanted = [(expected.object_type, expected.object_id, expected.by)]
        # This module is no test module: pytest does not rewrite its asserts, so they say it.
        assert written == wanted, f"{self.action}: written {written}, expected {wanted}"
        data = {key: events[0].data.get(key) for key in expected.data}
        assert data == expected.data, f"{self.action}: data {data}, expected {expected.data}"


class Rows(list):
    """An app's rows, registered by the ``writes`` decorator in the order they are written."""

    def writes(self, action: str, variant: str = ""):
        def register(build):
            self.append(Row(action, variant, build))
            return build

        return register

    def ids(self) -> list[str]:
        return [row.id for row in self]
