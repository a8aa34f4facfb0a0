"""Self-checks: small functions that return problems, run by `remix check` and after every test.

An app registers its checks in its own ``selfchecks.py`` module with ``@selfcheck``; each check
returns a list of human-readable problems (empty when all is well). Checks only read.
"""

from collections.abc import Callable
from dataclasses import dataclass

Check = Callable[[], list[str]]
_CHECKS: dict[str, Check] = {}


@dataclass(frozen=True)
class Problem:
    check: str
    message: str

    def __str__(self):
        return f"{self.check}: {self.message}"


def selfcheck(name: str) -> Callable[[Check], Check]:
    def register(func: Check) -> Check:
        _CHECKS[name] = func
        return func

    return register


def selfcheck_names() -> list[str]:
    return sorted(_CHECKS)


def selfchecks_run() -> list[Problem]:
    # Other checks read tables that may not exist yet: pending migrations come first and alone.
    pending = [Problem("core.migrations", m) for m in _CHECKS["core.migrations"]()]
    if pending:
        return pending
    problems = []
    for name in selfcheck_names():
        if name == "core.migrations":
            continue  # asked above: none pending
        problems.extend(Problem(name, message) for message in _CHECKS[name]())
    return problems


@selfcheck("core.migrations")
def check_migrations_applied() -> list[str]:
    from remix.core.selectors import health_status

    return [f"migration not applied: {name}" for name in health_status().pending]
