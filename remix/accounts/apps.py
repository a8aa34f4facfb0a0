from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, using="default", **kwargs):
    from remix.accounts.services import roles_ensure

    roles_ensure()


class AccountsConfig(AppConfig):
    name = "remix.accounts"
    label = "accounts"
    verbose_name = _("People and access")

    def ready(self):
        # After every migrate, so stewards also get the permissions of apps added later.
        post_migrate.connect(_roles_after_migrate, dispatch_uid="remix.roles_ensure")
