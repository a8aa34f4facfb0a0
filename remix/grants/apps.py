from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "remix.grants"
    label = "grants"
    verbose_name = _("Funding search")
