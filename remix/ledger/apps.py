from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _chart_after_migrate(sender, **kwargs):
    from remix.ledger.chart import chart_install

    chart_install()


class LedgerConfig(AppConfig):
    name = "remix.ledger"
    label = "ledger"
    verbose_name = _("Open books")

    def ready(self):
        # After every migrate (and every flush): the default chart and the platform fund exist.
        # Accounts are deactivated, never deleted, so nothing comes back that someone removed.
        post_migrate.connect(_chart_after_migrate, dispatch_uid="remix.ledger.chart")
