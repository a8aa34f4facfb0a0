from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from remix.ledger import signals


def _chart_after_migrate(sender, **kwargs):
    from remix.ledger.chart import chart_install

    chart_install()


# The tasks module is imported on first use, not at start-up: declaring a task picks its backend,
# and the settings may still change it then (the tests run tasks at once).


def _bank_import_enqueue(sender, bank_import, language: str = "", **kwargs):
    from remix.ledger.tasks import bank_import_process

    bank_import_process.enqueue(import_id=bank_import.pk, language=language)


def _reports_warm_enqueue(sender, **kwargs):
    from remix.ledger.tasks import reports_warm

    reports_warm.enqueue()


class LedgerConfig(AppConfig):
    name = "remix.ledger"
    label = "ledger"
    verbose_name = _("Open books")

    def ready(self):
        from remix.core.pagecache import data_version_source
        from remix.ledger.selectors import books_version

        # The open budget's pages are cached per version of the books, which every write bumps.
        data_version_source("books", books_version)
        # After every migrate (and every flush): the default chart and the platform fund exist.
        # Accounts are deactivated, never deleted, so nothing comes back that someone removed.
        # Once each time: when this app's own signal is sent.
        post_migrate.connect(_chart_after_migrate, sender=self, dispatch_uid="remix.ledger.chart")
        # The background tasks: an upload stored is imported, a write warms the reports.
        signals.bank_import_uploaded.connect(
            _bank_import_enqueue, dispatch_uid="remix.ledger.bank_import_process"
        )
        signals.books_written.connect(
            _reports_warm_enqueue, dispatch_uid="remix.ledger.reports_warm"
        )
