"""`remix rebuild-balances`: the kept balances written again from the posted postings."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from remix.ledger.services.kept import kept_balances_rebuild


class Command(BaseCommand):
    help = (
        "Write the kept balances again from the posted postings, in one database transaction: "
        "after restoring a backup, or when `remix check` finds them apart."
    )

    def handle(self, *args, **options):
        written = kept_balances_rebuild()
        self.stdout.write(
            _("%(count)d kept balances written from the postings.") % {"count": written}
        )
