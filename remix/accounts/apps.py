from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    from remix.accounts.services import roles_ensure

    # This receiver comes before auth's, which makes the permissions of the app whose signal
    # this is: make them first (auth's then finds them made), so stewards hold those too.
    create_permissions(sender, verbosity=0, using=using, apps=kwargs.get("apps", apps))
    roles_ensure()


class AccountsConfig(AppConfig):
    name = "remix.accounts"
    label = "accounts"
    verbose_name = _("People and access")

    def ready(self):
        # After every migrate (and every flush), so stewards also get the permissions of apps
        # added later: once each time, after the last app's signal, when every app's permissions
        # exist.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(_roles_after_migrate, sender=last, dispatch_uid="remix.roles_ensure")
