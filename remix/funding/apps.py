from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "remix.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self):
        # The ledger announces finished bank imports without knowing who listens.
        from remix.funding.banking import on_bank_import_done
        from remix.ledger.signals import bank_import_done

        bank_import_done.connect(on_bank_import_done, dispatch_uid="funding.bank_import_match")
