from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    name = "remix.stewardship"
    label = "stewardship"
    verbose_name = _("Stewardship")
