"""What another app may add to the network's pages: the allies' extension points.

The network is read on its own; an app that knows more about a theme says so through a hook,
registered at start-up from its ``AppConfig.ready``. The allies import no app that registers,
so none of them imports the allies back. The list is short on purpose:

- ``trunk_theme_note``: a function taking the common trunk's themes (``list[Theme]``) and
  answering ``{theme pk: note}``, a line of HTML shown under each theme it names on the trunk
  page. The catalogue says there how many of its documents and commons document the theme.
"""

from collections import defaultdict
from collections.abc import Callable

from django.utils.safestring import SafeString

from remix.allies.models import Theme

TrunkThemeNote = Callable[[list[Theme]], dict[int, SafeString]]

_trunk_theme_notes: list[TrunkThemeNote] = []


def trunk_theme_note_register(note: TrunkThemeNote) -> None:
    """Add a note under the trunk's themes (registering the same function twice adds it once)."""
    if note not in _trunk_theme_notes:
        _trunk_theme_notes.append(note)


def trunk_theme_note_unregister(note: TrunkThemeNote) -> None:
    if note in _trunk_theme_notes:
        _trunk_theme_notes.remove(note)


def trunk_theme_notes(themes: list[Theme]) -> dict[int, list[SafeString]]:
    """Every registered note of these themes, in the order of registration."""
    notes: dict[int, list[SafeString]] = defaultdict(list)
    for note in _trunk_theme_notes:
        for pk, html in note(themes).items():
            notes[pk].append(html)
    return notes
