"""`remix close-campaigns`: close every crowdfunding campaign past its deadline."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from remix.contributions.services.campaigns import campaigns_close_due
from remix.core.formats import format_money


class Command(BaseCommand):
    help = (
        "Close every crowdfunding campaign whose deadline has passed, and finish any closing "
        "that a crash left half done: an all-or-nothing campaign that missed its goal releases "
        "its pledges (nothing reaches the books); otherwise each pledge becomes what its giver "
        "owes. Prints each campaign closed and how it ended. Safe to run as often as you like, "
        "e.g. every hour from cron with --verbosity 0, which prints only the campaigns closed: "
        "a campaign is closed once, and a re-run writes nothing more."
    )

    def handle(self, *args, **options):
        closed = campaigns_close_due()
        for campaign in closed:
            self.stdout.write(
                _("%(campaign)s (%(slug)s): %(outcome)s, %(raised)s pledged of %(goal)s.")
                % {
                    "campaign": campaign.label,
                    "slug": campaign.slug,
                    "outcome": campaign.get_status_display(),
                    "raised": format_money(campaign.raised_at_close_minor, campaign.commodity),
                    "goal": format_money(campaign.goal_minor, campaign.commodity),
                }
            )
        if not closed and options["verbosity"] >= 1:
            self.stdout.write(_("No campaign to close."))
