"""What pages, the API and the services read about gifts, pledges, campaigns and rounds, one
module a subject: ``pledges``, ``gifts`` (contributions and the public wall), ``giving`` (a fund's
ceiling per giver and suggested gift), ``campaigns`` and ``rounds``.

Public readers get what each giver chose to show: a private gift is counted in totals but never
listed; a gift public without a name is listed with its amount only.
"""

from remix.contributions.selectors.campaigns import (
    Progress,
    campaign_open_first,
    campaign_progress,
    campaigns_due,
    campaigns_listed,
    campaigns_public,
    campaigns_with_pledges_counted,
    tier_of,
)
from remix.contributions.selectors.gifts import (
    WallEntry,
    contributions_for,
    contributions_listed,
    contributions_of,
    declarations_awaiting,
    declarations_of,
    gifts_of,
    reads_every_detail,
    receipt_by_number,
    wall,
)
from remix.contributions.selectors.giving import (
    CeilingInForce,
    Suggestion,
    ceiling_of,
    ceilings_in_force,
    give_suggestion,
    giving_currencies,
    promised_in_period,
)
from remix.contributions.selectors.pledges import (
    STANDING,
    pledge_by_reference,
    pledge_is_paused,
    pledge_reconciliation,
    pledge_same,
    pledge_schedule,
    pledges_for,
    pledges_listed,
    pledges_of,
)
from remix.contributions.selectors.rounds import (
    ProjectLine,
    match_explanation,
    round_gifts,
    round_lines,
    round_matching,
    round_of,
    round_project_of,
    rounds_counted,
    rounds_listed,
    rounds_public,
)

__all__ = [
    "STANDING",
    "CeilingInForce",
    "ProjectLine",
    "Progress",
    "Suggestion",
    "WallEntry",
    "campaign_open_first",
    "campaign_progress",
    "campaigns_due",
    "campaigns_listed",
    "campaigns_public",
    "campaigns_with_pledges_counted",
    "ceiling_of",
    "ceilings_in_force",
    "contributions_for",
    "contributions_listed",
    "contributions_of",
    "declarations_awaiting",
    "declarations_of",
    "gifts_of",
    "give_suggestion",
    "giving_currencies",
    "match_explanation",
    "pledge_by_reference",
    "pledge_is_paused",
    "pledge_reconciliation",
    "pledge_same",
    "pledge_schedule",
    "pledges_for",
    "pledges_listed",
    "pledges_of",
    "promised_in_period",
    "reads_every_detail",
    "receipt_by_number",
    "round_gifts",
    "round_lines",
    "round_matching",
    "round_of",
    "round_project_of",
    "rounds_counted",
    "rounds_listed",
    "rounds_public",
    "tier_of",
    "wall",
]
