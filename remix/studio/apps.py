from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    name = "remix.studio"
    label = "studio"
    verbose_name = _("Study office")

    def ready(self):
        from remix.sharing import selectors
        from remix.studio.sharing import engagement_time_valued

        # An engagement's validated hours count among what a sharing rule shares by.
        if engagement_time_valued not in selectors.SOURCES:
            selectors.SOURCES.append(engagement_time_valued)
