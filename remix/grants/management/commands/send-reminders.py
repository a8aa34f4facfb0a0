"""`remix send-reminders`: e-mail the people concerned before each funding deadline."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.grants.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail a reminder to each person concerned by a funding deadline that is exactly one of "
        "REMIX_REMINDER_DAYS days away (30, 14, 7, 3 and 1 by default), in their language: the "
        "owners of applications not yet submitted before an application deadline or a letter of "
        "intent, the owners of granted applications before a report due, and a task's assignee "
        "before its due date. Run it once a day from cron, e.g. `0 7 * * * remix "
        "send-reminders`. Each reminder is sent once: a second run the same day, or a run after "
        "a crash, sends only what was not sent yet. Prints how many were sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help=(
                "Act as if it were this date or moment (ISO 8601, e.g. 2026-12-05 or "
                "2026-12-05T07:00; the instance's time zone unless given): to catch up on a "
                "missed day."
            ),
        )

    def handle(self, *args, **options):
        now = _parse_now(options["now"]) if options["now"] else None
        outcome = reminders_send(now=now)
        count = len(outcome.sent)
        if options["verbosity"] >= 2:
            for reminder in outcome.sent:
                self.stdout.write(f"{reminder.user.email}: {reminder.deadline.summary}")
        self.stdout.write(
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", count)
            % {"count": count}
        )
        if outcome.failed:
            for reminder, error in outcome.failed:
                self.stderr.write(f"{reminder.user.email}: {error}")
            raise CommandError(
                ngettext(
                    "%(count)d reminder could not be sent; the next run tries it again.",
                    "%(count)d reminders could not be sent; the next run tries them again.",
                    len(outcome.failed),
                )
                % {"count": len(outcome.failed)}
            )


def _parse_now(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--now takes a date or a moment in ISO 8601, e.g. 2026-12-05T07:00, not %(value)s.")
            % {"value": value}
        ) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
