"""Mediation projects: the publications, meetings, fiestas, trainings, productions and recurring
calls that rely on the platform and feed it, each with its own fund in the books (never the
platform's), and their events."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "remix.projects"
    label = "projects"
    verbose_name = _("Mediation projects")

    def ready(self):
        from remix.allies import hooks
        from remix.projects.trunk_notes import trunk_theme_note

        # The common trunk links each of its themes to the projects that work on it.
        hooks.trunk_theme_note_register(trunk_theme_note)
