"""The stewardship's section of a person's activity page (``remix.accounts.hooks``): the terms
they acted for and the handovers they took part in, kept after the charge has passed on."""

from remix.accounts.hooks import ActivitySection
from remix.stewardship import selectors


def stewardship_activity(user) -> ActivitySection | None:
    """Two queries, whatever the length of the person's history; None when they have none."""
    terms = list(selectors.terms_acted_for(user=user))
    handovers = list(selectors.handovers_taken_part_in(user=user))
    if not terms and not handovers:
        return None
    context = {"terms": terms, "handovers": handovers}
    return ActivitySection(template="stewardship/_activity.html", context=context)
