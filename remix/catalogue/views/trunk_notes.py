"""The catalogue's line under each theme of the allies' common trunk: how many visible
documents and commons document it, linked to the theme's page (the allies' ``trunk_theme_note``
hook, registered in ``apps.py``)."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from remix.allies.models import Theme
from remix.catalogue.selectors.themes import theme_catalogue_counts


def trunk_theme_note(themes: list[Theme]) -> dict[int, SafeString]:
    counts = theme_catalogue_counts([theme.pk for theme in themes])
    return {theme.pk: _note(theme, counts[theme.pk]) for theme in themes}


def _note(theme: Theme, counts: dict[str, int]) -> SafeString:
    html = render_to_string("catalogue/_trunk_theme_note.html", {"theme": theme, "counts": counts})
    # The line without the template file's last newline; the template escaped what it shows.
    return mark_safe(html.strip())  # noqa: S308


def trunk_theme_documents(theme_ids: list[int]) -> dict[int, int]:
    """The visible documents on each theme: what the trunk's « À documenter » ranks by."""
    counts = theme_catalogue_counts(theme_ids)
    return {pk: counts[pk]["documents"] for pk in theme_ids}
