"""What another app may add to the network's pages: the allies' extension points.

The network is read on its own; an app that knows more about a theme says so through a hook,
registered at start-up from its ``AppConfig.ready``. The allies import no app that registers,
so none of them imports the allies back. The list is short on purpose:

- ``trunk_theme_note``: a function taking the common trunk's themes (``list[Theme]``) and
  answering ``{theme pk: note}``, a line of HTML shown under each theme it names on the trunk
  page. The catalogue says there how many of its documents and commons document the theme.
- ``trunk_theme_documents``: a function taking theme ids (``list[int]``) and answering
  ``{theme pk: number of documents}``, what documents each theme; the trunk page lists the themes
  least documented for their strength (« À documenter »). The catalogue counts its visible
  documents. With none registered, the page does not list them.
"""

from collections import defaultdict
from collections.abc import Callable

from django.utils.safestring import SafeString

from remix.allies.models import Theme

TrunkThemeNote = Callable[[list[Theme]], dict[int, SafeString]]
TrunkThemeDocuments = Callable[[list[int]], dict[int, int]]

_trunk_theme_notes: list[TrunkThemeNote] = []
_trunk_theme_documents: list[TrunkThemeDocuments] = []


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


def trunk_theme_documents_register(count: TrunkThemeDocuments) -> None:
    """Add a count of what documents the trunk's themes (registering twice adds it once)."""
    if count not in _trunk_theme_documents:
        _trunk_theme_documents.append(count)


def trunk_theme_documents_unregister(count: TrunkThemeDocuments) -> None:
    if count in _trunk_theme_documents:
        _trunk_theme_documents.remove(count)


def trunk_theme_documents(theme_ids: list[int]) -> dict[int, int] | None:
    """How many documents document each theme, summed over the registered counts; None when
    nothing counts them (the documentation is then unknown, not nil)."""
    if not _trunk_theme_documents:
        return None
    totals = dict.fromkeys(theme_ids, 0)
    for count in _trunk_theme_documents:
        for pk, n in count(theme_ids).items():
            totals[pk] = totals.get(pk, 0) + n
    return totals
