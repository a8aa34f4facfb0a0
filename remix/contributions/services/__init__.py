"""Every write of gifts, pledges, campaigns and rounds: atomic, locked then re-checked, audited.

One module a subject: ``pledges``, ``payments`` (money received), ``declarations`` (time and in
kind), ``campaigns``, ``rounds``, ``ceilings``, ``receipts``; ``common`` holds what they share
and ``idempotency`` the rule for a write sent twice under one key.

Money reaches the books only through ``remix.ledger.services``: a gift received is one posted
transaction in the fund it was given to; a campaign pledge, once the goal is reached, is first
what the giver owes (``Assets:Receivables:Pledges``) and its payment settles it; a round's pool is
the funder's grant in the pool's fund, and each project's match moves to its fund by an
inter-fund transfer. Each of these carries an ``external_key``, so that a job re-run after a crash
or a webhook delivered twice writes nothing more.

Other apps, the pages and the API call the services through this package (a page or a route is
often named as the service it calls); the other modules of ``remix.contributions`` import the
module of their subject.
"""

from remix.contributions.services.campaigns import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_terms_update,
    campaign_update_post,
    campaigns_close_due,
    stretch_goal_add,
    tier_add,
)
from remix.contributions.services.ceilings import ceiling_clear, ceiling_set
from remix.contributions.services.common import Giver
from remix.contributions.services.declarations import (
    contribution_declare,
    contribution_refuse,
    contribution_validate,
)
from remix.contributions.services.idempotency import KeyReused
from remix.contributions.services.payments import payment_record
from remix.contributions.services.pledges import (
    pledge_cancel,
    pledge_create,
    pledge_pause,
    pledge_resume,
)
from remix.contributions.services.receipts import receipt_issue, receipt_issuer_set
from remix.contributions.services.rounds import (
    round_close,
    round_create,
    round_open,
    round_project_add,
    round_update,
)

__all__ = [
    "Giver",
    "KeyReused",
    "campaign_close",
    "campaign_create",
    "campaign_open",
    "campaign_terms_update",
    "campaign_update_post",
    "campaigns_close_due",
    "ceiling_clear",
    "ceiling_set",
    "contribution_declare",
    "contribution_refuse",
    "contribution_validate",
    "payment_record",
    "pledge_cancel",
    "pledge_create",
    "pledge_pause",
    "pledge_resume",
    "receipt_issue",
    "receipt_issuer_set",
    "round_close",
    "round_create",
    "round_open",
    "round_project_add",
    "round_update",
    "stretch_goal_add",
    "tier_add",
]
