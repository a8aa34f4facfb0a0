from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    name = "remix.studio"
    label = "studio"
    verbose_name = _("Study office")
