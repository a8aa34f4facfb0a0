"""The gettext catalogues are complete, compiled, and up to date with the code."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import require

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["fr", "es"]  # English is the language of the source strings


def catalogue(lang):
    with open(LOCALE / lang / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle)


def _translated(message) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_untranslated_or_fuzzy(lang):
    po = catalogue(lang)

    assert not po.fuzzy, "the header is marked fuzzy"
    problems = [m.id for m in po if m.id and (m.fuzzy or not _translated(m))]
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(lang):
    po = catalogue(lang)
    with open(LOCALE / lang / "LC_MESSAGES" / "django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)

    for message in po:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            got = mo.ngettext(singular, plural, 1)
            key = message.string[0]
            context_free = got
        else:
            key = message.string
            context_free = (
                mo.pgettext(message.context, message.id)
                if message.context
                else (mo.gettext(message.id))
            )
        assert context_free == key, (
            f"{lang}: {message.id!r} is stale in django.mo: run make messages"
        )


def test_the_catalogues_hold_every_string_of_the_code(tmp_path):
    require(shutil.which("xgettext") is not None, "xgettext (Debian package gettext) is missing")
    copy = tmp_path / "remix"
    shutil.copytree(LOCALE.parent, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "fr",
            "-l",
            "es",
            "-i",
            "locale/*",
            "--no-obsolete",
            "--settings=remix.settings",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    for lang in LANGUAGES:
        with open(copy / "locale" / lang / "LC_MESSAGES" / "django.po", "rb") as handle:
            fresh = {m.id for m in read_po(handle) if m.id}
        current = {m.id for m in catalogue(lang) if m.id}
        assert sorted(map(str, fresh - current)) == [], f"{lang}: run make messages"


# The names under which xgettext, as Django's makemessages calls it, finds strings to translate.
EXTRACTED = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_the_translation_functions_keep_names_that_makemessages_reads():
    """``gettext_lazy as _lazy`` hid forty strings from the catalogues: their pages stayed in
    English. A translation function is imported under a name xgettext knows, or not at all."""
    import ast

    hidden = []
    for path in sorted(LOCALE.parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    name = alias.asname or alias.name
                    if "gettext" in alias.name and name not in EXTRACTED:
                        hidden.append(f"{path.relative_to(LOCALE.parent)}: {alias.name} as {name}")
    assert hidden == []
