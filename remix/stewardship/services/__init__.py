"""Every write of stewardship: terms (``terms.py``), handovers (``handovers.py``) and the offers
to carry a charge's next term (``volunteers.py``)."""

from remix.stewardship.services.handovers import handover_propose, handover_step
from remix.stewardship.services.terms import term_end, term_open
from remix.stewardship.services.volunteers import volunteer_record, volunteer_withdraw

__all__ = [
    "handover_propose",
    "handover_step",
    "term_end",
    "term_open",
    "volunteer_record",
    "volunteer_withdraw",
]
