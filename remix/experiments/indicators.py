"""The indicator registry: what an experiment can measure, each a named function of the period it
measures over (a month, a quarter or a year of ``remix.ledger.maths``), answering a ``Decimal``
(None when there is nothing to measure: no need recorded, no campaign closed…).

The open budget's figures are read from its own selectors (the sustainability report of the
platform fund, cached for the version of the books), never computed again here. Adding an
indicator is one function and one line of ``REGISTRY``::

    def volunteers(period):
        return Decimal(...)

    REGISTRY = [..., Indicator("volunteers", volunteers, COUNT, _("Volunteers"), _("…"))]

Units: ``percent`` (a ratio, 0.25 is 25 %), ``count``, ``months``, ``money`` (in the platform's
reporting currency, major units: euros for the demo).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from remix.ledger import maths

PERCENT = "percent"
COUNT = "count"
MONTHS = "months"
MONEY = "money"
UNITS = (PERCENT, COUNT, MONTHS, MONEY)


@dataclass(frozen=True)
class Indicator:
    name: str
    measure: Callable[[maths.Period], Decimal | int | None]
    unit: str
    label: Promise
    description: Promise

    def value(self, period: maths.Period) -> Decimal | None:
        found = self.measure(period)
        return None if found is None else Decimal(found)


# --- the open budget's figures (the platform fund's sustainability report) ----------------------


def _report(period: maths.Period):
    from remix.ledger.selectors import platform_fund, sustainability

    return sustainability(fund=platform_fund(), period=period)


def _figure(name: str) -> Callable[[maths.Period], Decimal | None]:
    def measure(period: maths.Period) -> Decimal | None:
        return _report(period).figures()[name]

    measure.__name__ = name
    return measure


users_share = _figure("contributions_share")
coverage = _figure("coverage")
diversification = _figure("diversification_sources")
dependency = _figure("dependency")
runway = _figure("runway_months")


def monthly_gap(period: maths.Period) -> Decimal:
    """The needs not covered by monetary resources, per month of the period."""
    from remix.core.money import from_minor

    report = _report(period)
    return from_minor(report.gap_per_month, report.currency)


# --- the other parts of the platform --------------------------------------------------------------


def recurring_givers(period: maths.Period) -> int:
    """Givers (a person, an organisation, or a name) with a recurring pledge to the platform fund
    in force on the period's last day."""
    from remix.contributions.models import Pledge
    from remix.contributions.models.pledges import Frequency, PledgeStatus
    from remix.ledger.selectors import platform_fund

    day = period.end
    pledges = (
        Pledge.objects.filter(fund=platform_fund(), status=PledgeStatus.ACTIVE, start__lte=day)
        .exclude(frequency=Frequency.ONCE)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .filter(Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=day))
    )
    givers = set(pledges.values_list("user_id", "actor_id", "name"))
    return len({(user, actor) if user or actor else name for user, actor, name in givers})


def documents_per_month(period: maths.Period) -> Decimal:
    """Visible documents added to the catalogue in the period, per month (to a tenth)."""
    from remix.catalogue.models import Document

    added = (
        Document.objects.visible()
        .filter(created_at__date__range=(period.start, period.end))
        .count()
    )
    return (Decimal(added) / period.months).quantize(Decimal("0.1"))


def trunk_documented(period: maths.Period) -> Decimal | None:
    """The share of the common trunk's themes (as the network holds them now) that at least one
    visible document of the catalogue, added by the period's end, documents."""
    from remix.allies.selectors import trunk_current
    from remix.catalogue.models import Document

    themes = {entry.theme for entry in trunk_current().themes}
    if not themes:
        return None
    documented = (
        Document.objects.visible()
        .filter(themes__in=themes, created_at__date__lte=period.end)
        .values_list("themes", flat=True)
        .distinct()
    )
    return maths.ratio(len(set(documented) & themes), len(themes))


def campaign_success(period: maths.Period) -> Decimal | None:
    """Of the all-or-nothing campaigns whose deadline fell in the period and that are decided,
    the share that reached their goal (keep-it-all campaigns keep what they got: no verdict)."""
    from remix.contributions.models import Campaign
    from remix.contributions.models.campaigns import CampaignStatus

    decided = Campaign.objects.filter(
        deadline__range=(period.start, period.end),
        status__in=[CampaignStatus.SUCCEEDED, CampaignStatus.FAILED],
    ).values_list("status", flat=True)
    statuses = list(decided)
    return maths.ratio(statuses.count(CampaignStatus.SUCCEEDED), len(statuses))


def reciprocity_spread(period: maths.Period) -> Decimal | None:
    """The gap between the organisation that received the most from the platform, against what
    it gave, and the one that gave the most (the stewardship's reciprocity balances, counted
    until the period's last day), in the reporting currency. Small: the give and take is even."""
    from remix.core.money import from_minor
    from remix.stewardship import reciprocity

    rows = reciprocity.reciprocity_rows(reciprocity.reciprocity_actors(), today=period.end)
    if len(rows) < 2:
        return None
    balances = [row.balance_minor for row in rows]
    return from_minor(max(balances) - min(balances), rows[0].currency)


REGISTRY: list[Indicator] = [
    Indicator(
        "users-share",
        users_share,
        PERCENT,
        _("Share of needs covered by users' contributions"),
        _("Users' contributions received in the period ÷ the platform fund's needs."),
    ),
    Indicator(
        "coverage",
        coverage,
        PERCENT,
        _("Coverage of the needs"),
        _("The platform fund's monetary resources of the period ÷ its needs."),
    ),
    Indicator(
        "recurring-givers",
        recurring_givers,
        COUNT,
        _("Active recurring givers"),
        _("Givers with a recurring pledge to the platform in force on the period's last day."),
    ),
    Indicator(
        "diversification",
        diversification,
        PERCENT,
        _("Diversification of sources"),
        _("1 − the Herfindahl index of the platform fund's known sources: 0 for one source."),
    ),
    Indicator(
        "dependency",
        dependency,
        PERCENT,
        _("Dependency on the largest source"),
        _("The share of the platform fund's resources given by its largest known source."),
    ),
    Indicator(
        "runway",
        runway,
        MONTHS,
        _("Runway"),
        _("How many months the platform fund's cash lasts at its average monthly spending."),
    ),
    Indicator(
        "monthly-gap",
        monthly_gap,
        MONEY,
        _("Monthly gap"),
        _("The platform fund's needs not covered by monetary resources, per month."),
    ),
    Indicator(
        "documents-per-month",
        documents_per_month,
        COUNT,
        _("Documents added per month"),
        _("Visible documents added to the catalogue in the period, per month."),
    ),
    Indicator(
        "trunk-documented",
        trunk_documented,
        PERCENT,
        _("Share of trunk themes documented"),
        _("The common trunk's themes that at least one visible document documents."),
    ),
    Indicator(
        "campaign-success",
        campaign_success,
        PERCENT,
        _("Campaign success rate"),
        _("All-or-nothing campaigns decided in the period that reached their goal."),
    ),
    Indicator(
        "reciprocity-spread",
        reciprocity_spread,
        MONEY,
        _("Reciprocity balance spread"),
        _("The gap between the highest and the lowest reciprocity balance of organisations."),
    ),
]

BY_NAME = {indicator.name: indicator for indicator in REGISTRY}


def indicator_of(name: str) -> Indicator | None:
    return BY_NAME.get(name)


def measure(name: str, *, kind: str, day: datetime.date) -> Decimal | None:
    """The value of indicator ``name`` over the ``kind`` of period (month, quarter, year) that
    holds ``day``."""
    return BY_NAME[name].value(maths.period_of(kind, day))
