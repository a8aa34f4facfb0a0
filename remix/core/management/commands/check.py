from django.core.management.base import CommandError
from django.core.management.commands.check import Command as DjangoCheck
from django.utils.translation import gettext as _

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
                _("%(count)d problem(s) found by the self-checks.") % {"count": len(problems)}
            )
        self.stdout.write(
            _("Self-checks: %(count)d checks, no problem.") % {"count": len(selfcheck_names())}
        )
