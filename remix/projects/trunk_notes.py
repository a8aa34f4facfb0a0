"""The projects' line under each theme of the allies' common trunk: the mediation projects that
work on it (``Project.themes``), linked, running first (the allies' ``trunk_theme_note`` hook,
registered in ``apps.py``); one query for every theme of the page."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from remix.allies.models import Theme
from remix.projects.selectors import projects_on_theme


def trunk_theme_note(themes: list[Theme]) -> dict[int, SafeString]:
    found = projects_on_theme(themes)
    return {pk: _note(projects) for pk, projects in found.items()}


def _note(projects) -> SafeString:
    html = render_to_string("projects/_trunk_theme_note.html", {"projects": projects})
    # The line without the template file's last newline; the template escaped what it shows.
    return mark_safe(html.strip())  # noqa: S308
