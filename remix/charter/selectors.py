"""Reads of the charter, shared by its pages, the API and the moderation log."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from remix.charter.models import CharterVersion
from remix.core.diff import line_diff
from remix.core.markdown import Heading, markdown_headings


def charter_versions(*, language: str) -> QuerySet[CharterVersion]:
    """A language's versions, the latest first."""
    return CharterVersion.objects.filter(language=language).order_by("-number")


def charter_current(*, language: str) -> CharterVersion | None:
    """The charter in force in a language: its latest version (None before the first)."""
    return charter_versions(language=language).first()


def charter_in_force(*, language: str) -> CharterVersion | None:
    """What a reader of ``language`` reads: the charter in that language, else in the site's
    default language (the one written first)."""
    return charter_current(language=language) or charter_current(language=settings.LANGUAGE_CODE)


def charter_current_all() -> list[CharterVersion]:
    """The current version of each language that has one, in the site's order of languages
    (one query)."""
    order = [code for code, _name in settings.LANGUAGES]
    latest = {}
    for version in CharterVersion.objects.order_by("language", "-number"):
        latest.setdefault(version.language, version)
    return [latest[code] for code in order if code in latest]


def charter_version(*, language: str, number: int) -> CharterVersion:
    return CharterVersion.objects.get(language=language, number=number)


def charter_articles(version: CharterVersion | None) -> list[Heading]:
    """The articles a moderation decision may cite: the version's headings and their anchors."""
    return markdown_headings(version.body) if version is not None else []


@dataclass(frozen=True)
class CharterDiff:
    before: CharterVersion
    after: CharterVersion
    lines: tuple[tuple[str, str], ...]  # (op, text), op in equal / insert / delete


def charter_diff(*, language: str, before: int, after: int) -> CharterDiff:
    """What changed, line by line, between two versions of a language (the catalogue's diff)."""
    old = charter_version(language=language, number=before)
    new = charter_version(language=language, number=after)
    return CharterDiff(old, new, line_diff(old.body.splitlines(), new.body.splitlines()))
