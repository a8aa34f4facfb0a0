from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "remix.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from remix.web.language import on_login

        user_logged_in.connect(on_login, dispatch_uid="remix.web.language.on_login")
