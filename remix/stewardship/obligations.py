"""What a carrier leaves open when the charge passes: computed from the data, listed on the
handover's checklist so that nothing is forgotten."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from remix.contributions.models import Campaign, Pledge, Round
from remix.contributions.models.campaigns import CampaignStatus
from remix.contributions.models.pledges import PledgeStatus
from remix.contributions.models.rounds import RoundStatus
from remix.grants.models import Application, Stage

SHOWN = 10  # items named per kind; the count says how many there are in all

# Manual items the outgoing carrier confirms: nothing in the data says they are done.
MANUAL = {
    "bank_mandate": _("The bank mandate passes to the incoming carrier's signatories."),
    "domain_hosting": _("The domain name and the hosting are transferred (or their access)."),
    "archives": _("The archives are handed over (the whole platform's export bundle)."),
}

APPLICATION_STAGES_OPEN = (
    Stage.QUALIFIED,
    Stage.DRAFTING,
    Stage.SUBMITTED,
    Stage.GRANTED,
    Stage.REPORTING,
)


@dataclass(frozen=True)
class Obligation:
    kind: str
    label: str
    count: int
    items: list[str]


def _obligation(kind, label, queryset, name) -> Obligation:
    count = queryset.count()
    shown = [name(row) for row in queryset[:SHOWN]] if count else []
    return Obligation(kind=kind, label=str(label), count=count, items=shown)


def open_obligations() -> list[Obligation]:
    """Each kind of open obligation, with how many and the first few named (a fixed number of
    queries whatever their number)."""
    pledges = Pledge.objects.filter(status=PledgeStatus.ACTIVE).exclude(frequency="once")
    campaigns = Campaign.objects.filter(status__in=[CampaignStatus.OPEN, CampaignStatus.CLOSING])
    rounds = Round.objects.filter(status__in=[RoundStatus.OPEN, RoundStatus.CLOSING])
    applications = Application.objects.filter(stage__in=APPLICATION_STAGES_OPEN)
    return [
        _obligation(
            "pledges",
            _("Standing pledges (their next payments go to the incoming carrier's account)"),
            pledges.order_by("pk"),
            lambda pledge: pledge.reference,
        ),
        _obligation("campaigns", _("Open campaigns"), campaigns.order_by("pk"), str),
        _obligation("rounds", _("Open matching rounds"), rounds.order_by("pk"), str),
        _obligation(
            "applications",
            _("Grant applications in progress"),
            applications.select_related("opportunity", "fund").order_by("pk"),
            str,
        ),
    ]
