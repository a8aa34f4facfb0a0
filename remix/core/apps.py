from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "remix.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app declares its self-checks, demo data, scale data and who may download its
        # uploaded files in these modules.
        autodiscover_modules("selfchecks", "demo", "generate", "files")
