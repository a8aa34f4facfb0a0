from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    name = "remix.stewardship"
    label = "stewardship"
    verbose_name = _("Stewardship")

    def ready(self):
        from remix.accounts import hooks
        from remix.stewardship.activity import stewardship_activity

        hooks.activity_section_register(stewardship_activity)
