"""User content per language: a dict {"fr": …, "en": …, "es": …} read with a fallback.

The reader's language first, then French (the platform's default), English, Spanish, then any
language the author wrote in: a text is never shown empty when it exists in some language.
"""

import re

from django.conf import settings
from django.utils.translation import get_language


def text_for(values: dict | None, language: str | None = None) -> str:
    if not values:
        return ""
    wanted = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [wanted, settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)]
    for code in order:
        if values.get(code):
            return values[code]
    return next((text for text in values.values() if text), "")


def text_clean(values: dict | None, *, any_language: bool = False) -> dict:
    """Keep non-blank texts, stripped, in the site's languages (or, with ``any_language``, in
    any ISO 639 code of two or three letters: themes are proposed in every language)."""
    known = {code for code, _name in settings.LANGUAGES}
    return {
        code: text.strip()
        for code, text in (values or {}).items()
        if (code in known or (any_language and _ISO_639.fullmatch(code or "")))
        and isinstance(text, str)
        and text.strip()
    }


_ISO_639 = re.compile(r"[a-z]{2,3}")
