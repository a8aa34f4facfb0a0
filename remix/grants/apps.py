from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "remix.grants"
    label = "grants"
    verbose_name = _("Funding search")

    def ready(self):
        # The ledger's dashboard shows the grants' share of the platform's needs without
        # importing this app: it asks whoever registered.
        from remix.grants.report import platform_share
        from remix.ledger import hooks

        hooks.grants_share_provide(platform_share)
