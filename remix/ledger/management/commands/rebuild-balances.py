"""`remix rebuild-balances`: the kept balances written again from the posted postings."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from remix.ledger.services.kept import kept_balances_rebuild


class Command(BaseCommand):
    help = (
        "Write the kept balances again from the posted postings, in one database transaction: "
        "after restoring a backup, or when `remix check` finds them apart."
    )

    def handle(self, *args, **options):
        written = kept_balances_rebuild()
        said = ngettext(
            "%(count)d kept sum written from the postings.",
            "%(count)d kept sums written from the postings.",
            written,
        )
        self.stdout.write(said % {"count": written})
