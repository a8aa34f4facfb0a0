from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "remix.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from remix.allies import hooks
        from remix.events.trunk_notes import trunk_theme_note

        # The common trunk names, under each of its themes, the coming events that work on it.
        hooks.trunk_theme_note_register(trunk_theme_note)
