"""Labels the books are written with, and the same labels read in the reader's language.

A transaction written by the platform (a reversal, a grant, a matching pool, a match) gets its
description from one of the templates below, in the language of the person who wrote it: the
books keep what was written and are never rewritten. A reader sees the label in their own
language: ``transaction_label`` knows from the transaction's origin (it reverses another, or its
external key is a grant's, a round's pool's or a match's) which template wrote it, recognises the
description in any of the site's languages and says it again in the reader's, with the same parts
(a reversal of a match is read as both). A description typed by a person is never touched, even
one that happens to look like a template.
"""

import re
from functools import cache

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_noop, override

REVERSAL = gettext_noop("Reversal: %(description)s")
GRANT = gettext_noop("Grant %(call)s from %(funder)s")
GRANT_PAYMENT = gettext_noop("Payment of the grant %(call)s")
MATCHING_POOL = gettext_noop("Matching pool of %(round)s from %(funder)s")
MATCH = gettext_noop("Match of %(round)s for %(project)s")
TEMPLATES = (REVERSAL, GRANT, GRANT_PAYMENT, MATCHING_POOL, MATCH)

# Which template wrote a transaction, from its external key (set by the service that wrote it).
_ORIGINS = (
    (re.compile(r"grant:\d+"), GRANT),
    (re.compile(r"grant:\d+:payment:\d+"), GRANT_PAYMENT),
    (re.compile(r"round:\d+:pool"), MATCHING_POOL),
    (re.compile(r"round:\d+:match:\d+"), MATCH),
)
_PART = re.compile(r"%\\\(([a-z_]+)\\\)s")


def label_write(template: str, **parts: str) -> str:
    """A description made from one of ``TEMPLATES`` in the current language."""
    return gettext(template) % parts


def transaction_label(
    *, description: str, reverses: bool, external_key: str | None, language: str | None = None
) -> str:
    """A transaction's description in ``language`` (the current one by default)."""
    if reverses:
        return _label_in(description, (REVERSAL,), language, inner=TEMPLATES)
    for origin, template in _ORIGINS:
        if external_key and origin.fullmatch(external_key):
            return _label_in(description, (template,), language, inner=())
    return description


def _label_in(description: str, templates, language, *, inner) -> str:
    for template, pattern in _patterns():
        found = template in templates and pattern.fullmatch(description)
        if found:
            parts = {
                name: _label_in(text, inner, language, inner=())
                for name, text in found.groupdict().items()
            }
            with override(language or get_language()):
                return gettext(template) % parts
    return description


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Each template as written in each language, as a pattern whose groups are its parts."""
    patterns = []
    for template in TEMPLATES:
        written = {template}
        for code, _name in settings.LANGUAGES:
            with override(code):
                written.add(gettext(template))
        for text in sorted(written):
            regex = _PART.sub(lambda part: f"(?P<{part[1]}>.+?)", re.escape(text))
            patterns.append((template, re.compile(regex, re.DOTALL)))
    return tuple(patterns)
