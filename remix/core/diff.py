"""What changed between two versions of a text or two revisions' snapshots: plain values in,
plain values out (the catalogue's revisions, the charter's versions).

A snapshot is the dict a revision keeps (`Revision.data`): strings, numbers, lists of slugs or
codes, and dicts per language for the commons' texts. A field that changed gives one
`FieldChange`; a text kept per language gives one per language that changed. Long texts and lists
also come as a line diff, so a reader sees which lines (or which items) went and came.
"""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

# Texts compared line by line rather than shown whole, before and after.
LONG_TEXT_FIELDS = frozenset({"body", "summary", "description", "community", "governance"})

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: object
    after: object
    language: str = ""  # set for texts kept per language
    lines: tuple[tuple[str, str], ...] = ()  # (op, text), op in equal / insert / delete

    @property
    def added(self) -> bool:
        return _empty(self.before)

    @property
    def removed(self) -> bool:
        return _empty(self.after)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same(before, after) -> bool:
    # A field the older snapshot did not have, and that is still empty, did not change.
    return (_empty(before) and _empty(after)) or before == after


def line_diff(before: list[str], after: list[str]) -> tuple[tuple[str, str], ...]:
    """Lines (or items) as (op, text): what stayed, what went, what came, in order."""
    lines: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [(EQUAL, text) for text in before[i1:i2]]
            continue
        lines += [(DELETE, text) for text in before[i1:i2]]
        lines += [(INSERT, text) for text in after[j1:j2]]
    return tuple(lines)


def _as_lines(value) -> list[str]:
    if _empty(value):
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value).splitlines()


def _by_lines(name: str, before, after) -> bool:
    if isinstance(before, list) or isinstance(after, list):
        return True
    texts = [value for value in (before, after) if isinstance(value, str)]
    return bool(texts) and (name in LONG_TEXT_FIELDS or any("\n" in text for text in texts))


def _change(name: str, before, after, language: str = "") -> FieldChange:
    lines = line_diff(_as_lines(before), _as_lines(after)) if _by_lines(name, before, after) else ()
    return FieldChange(name=name, before=before, after=after, language=language, lines=lines)


def _ordered(names, first) -> list:
    """`first` in its order, then the others sorted: the same whatever the dicts' order
    (PostgreSQL's jsonb does not keep the order keys were written in)."""
    names = set(names)
    return [name for name in first if name in names] + sorted(names - set(first))


def snapshot_diff(
    before: dict | None, after: dict, *, fields: Sequence[str] = (), languages: Sequence[str] = ()
) -> list[FieldChange]:
    """The fields that changed from `before` to `after`: `fields` in their order, then the
    others by name; texts per language likewise, `languages` first.

    `before` is None for a first revision: everything that has a value was added.
    """
    before = before or {}
    changes = []
    for name in _ordered([*after, *before], fields):
        old, new = before.get(name), after.get(name)
        if _same(old, new):
            continue
        if isinstance(old, dict) or isinstance(new, dict):
            old, new = old or {}, new or {}
            changes += [
                _change(name, old.get(code), new.get(code), code)
                for code in _ordered([*new, *old], languages)
                if not _same(old.get(code), new.get(code))
            ]
            continue
        changes.append(_change(name, old, new))
    return changes
