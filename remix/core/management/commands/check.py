from django.core.management.base import CommandError
from django.core.management.commands.check import Command as DjangoCheck
from django.utils.translation import ngettext

from remix.core.selfchecks import selfcheck_names, selfchecks_run


class Command(DjangoCheck):
    help = "Django's system checks, then the self-checks of every Remix app."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-selfchecks", action="store_true", help="Run only Django's system checks."
        )

    def handle(self, *app_labels, **options):
        super().handle(*app_labels, **options)
        if options["no_selfchecks"]:
            return
        problems = selfchecks_run()
        for problem in problems:
            self.stderr.write(f"  ✗ {problem}")
        if problems:
            raise CommandError(
                ngettext(
                    "%(count)d problem found by the self-checks.",
                    "%(count)d problems found by the self-checks.",
                    len(problems),
                )
                % {"count": len(problems)}
            )
        count = len(selfcheck_names())
        self.stdout.write(
            ngettext(
                "Self-checks: %(count)d check, no problem.",
                "Self-checks: %(count)d checks, no problem.",
                count,
            )
            % {"count": count}
        )
