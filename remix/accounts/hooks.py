"""What another app adds to a person's own activity page: the accounts' extension point.

The accounts import no app that registers, so none of them imports the accounts back. The list
is short on purpose:

- ``activity_section``: a function taking the logged-in user and answering an
  ``ActivitySection`` (a template and its context) or None when it has nothing of theirs to
  show. It reads a fixed number of queries, whatever the user did: the page costs its page. The
  stewardship says there which terms the person acted for and which handovers they took part in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActivitySection:
    template: str
    context: dict = field(default_factory=dict)


ActivityProvider = Callable[[object], ActivitySection | None]

_activity_sections: list[ActivityProvider] = []


def activity_section_register(provider: ActivityProvider) -> None:
    """Add a section to the activity page (registering the same function twice adds it once)."""
    if provider not in _activity_sections:
        _activity_sections.append(provider)


def activity_section_unregister(provider: ActivityProvider) -> None:
    if provider in _activity_sections:
        _activity_sections.remove(provider)


def activity_sections(user) -> list[ActivitySection]:
    """Every registered section that has something of ``user``'s, in the order of registration."""
    found = (provider(user) for provider in _activity_sections)
    return [section for section in found if section is not None]
