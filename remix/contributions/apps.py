from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "remix.contributions"
    # The label the tables, migrations, permissions and audit actions were first named with.
    label = "funding"
    verbose_name = _("Contributions")

    def ready(self):
        # The ledger announces finished bank imports without knowing who listens.
        from remix.contributions.banking import on_bank_import_done
        from remix.ledger.signals import bank_import_done

        bank_import_done.connect(on_bank_import_done, dispatch_uid="funding.bank_import_match")
