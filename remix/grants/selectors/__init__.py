"""Every non-trivial read of the funding search, by subject: ``opportunities`` (the search, the
API's list, one opportunity's facts), ``applications`` (who sees which, one with its plan and
moves), ``plans`` (the plan check and its breaches in words), ``payments`` (what a funder still
owes) and ``personal`` (saved searches, calendar addresses). The pipeline's board and the yearly
report read through ``report.py``, the deadlines through ``deadlines.py``."""

from remix.grants.selectors import applications, opportunities, payments, personal, plans

__all__ = ["applications", "opportunities", "payments", "personal", "plans"]
