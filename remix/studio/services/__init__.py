"""Every write of the study office: its catalogue (``catalogue.py``), quotes and their
acceptance (``quotes.py``), engagements' people and time (``engagements.py``), and their
invoices (``invoices.py``)."""

from remix.studio.services.catalogue import service_create, service_update
from remix.studio.services.engagements import (
    engagement_person_record,
    time_declare,
    time_refuse,
    time_validate,
)
from remix.studio.services.invoices import engagement_invoice
from remix.studio.services.quotes import LineAsked, quote_accept, quote_issue

__all__ = [
    "LineAsked",
    "engagement_invoice",
    "engagement_person_record",
    "quote_accept",
    "quote_issue",
    "service_create",
    "service_update",
    "time_declare",
    "time_refuse",
    "time_validate",
]
