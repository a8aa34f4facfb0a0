"""`remix snapshot-metrics`: measure every running experiment's metric of the day, decide the
challenges whose deadline has come, and e-mail their people."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.experiments.services import snapshots_take


class Command(BaseCommand):
    help = (
        "Take the day's snapshot of each running experiment's metric (the value its indicator "
        "measures now, kept as it is even when the data is corrected later), decide each "
        "challenge whose deadline has come (met or missed by the value of its deadline), and "
        "e-mail the outcome to the experiment's people responsible, in their language, asking "
        "them for a conclusion. Run it once a day from cron, e.g. `30 6 * * * remix "
        "snapshot-metrics`. A second run the same day takes and sends nothing twice; a crash "
        "leaves each experiment either done or untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help=_("Act as if it were this day (ISO 8601, e.g. 2026-12-05): to catch up."),
        )

    def handle(self, *args, **options):
        today = _parse_day(options["today"]) if options["today"] else timezone.localdate()
        taken = snapshots_take(today=today)
        self.stdout.write(
            ngettext(
                "%(count)d snapshot taken.", "%(count)d snapshots taken.", len(taken.snapshots)
            )
            % {"count": len(taken.snapshots)}
        )
        if taken.decided:
            self.stdout.write(
                ngettext(
                    "%(count)d challenge decided.",
                    "%(count)d challenges decided.",
                    len(taken.decided),
                )
                % {"count": len(taken.decided)}
            )
        if taken.failed:
            for experiment, error in taken.failed:
                self.stderr.write(f"{experiment.pk}: {error}")
            raise CommandError(
                _("Some outcomes could not be e-mailed; the next run tries them again.")
            )


def _parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--today takes a date in ISO 8601, e.g. 2026-12-05, not %(value)s.")
            % {"value": value}
        ) from None
