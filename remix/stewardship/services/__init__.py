"""Every write of stewardship: terms (``terms.py``) and handovers (``handovers.py``)."""

from remix.stewardship.services.handovers import handover_propose, handover_step
from remix.stewardship.services.terms import term_end, term_open

__all__ = ["handover_propose", "handover_step", "term_end", "term_open"]
