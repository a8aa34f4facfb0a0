"""Every write of the funding search, by subject: ``opportunities`` (funders, opportunities, their
files, next year's edition), ``applications`` (answering, the plan, the moves along the pipeline
and the grant they write in the books, tasks, documents), ``payments`` (the grant's payments and
the final report) and ``personal`` (saved searches, calendar addresses). Each write is atomic,
locked then re-checked, and audited.

The funding search's own modules import the module of a subject; other apps may import the names
below from here.
"""

from remix.grants.services.applications import (
    application_answer,
    application_create,
    application_stage,
    application_update,
    document_add,
    plan_set,
    task_add,
    task_done,
)
from remix.grants.services.opportunities import (
    funder_set,
    opportunity_add,
    opportunity_attachment_add,
    opportunity_renew,
    opportunity_save,
)
from remix.grants.services.payments import grant_payment_record, report_accept
from remix.grants.services.personal import calendar_token, saved_search_delete, saved_search_save

__all__ = [
    "application_answer",
    "application_create",
    "application_stage",
    "application_update",
    "calendar_token",
    "document_add",
    "funder_set",
    "grant_payment_record",
    "opportunity_add",
    "opportunity_attachment_add",
    "opportunity_renew",
    "opportunity_save",
    "plan_set",
    "report_accept",
    "saved_search_delete",
    "saved_search_save",
    "task_add",
    "task_done",
]
