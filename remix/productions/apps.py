from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionsConfig(AppConfig):
    name = "remix.productions"
    label = "productions"
    verbose_name = _("Productions")
