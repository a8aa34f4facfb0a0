"""`remix search-reindex`: build the search entries again, in one transaction."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import ngettext

from remix.catalogue.search import reindex_all


class Command(BaseCommand):
    help = (
        "Build again what full-text search reads (documents, commons, actors), after a bulk "
        "load or a restore. Safe to run at any time: it replaces the entries in one transaction."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            written = reindex_all()
        self.stdout.write(
            ngettext(
                "%(count)d search entry written.", "%(count)d search entries written.", written
            )
            % {"count": written}
        )
