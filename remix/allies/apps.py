from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliesConfig(AppConfig):
    name = "remix.allies"
    label = "allies"
    verbose_name = _("Allies")
