"""The study office's reads, shared by its pages and its API: the services offered, the quotes
written, and an engagement's planned and declared days, valued time and margin."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum

from remix.invoicing.models import Invoice, InvoiceKind, InvoiceStatus
from remix.studio.models import (
    Engagement,
    EngagementPerson,
    Quote,
    QuoteLine,
    Service,
    TimeDeclaration,
    TimeStatus,
)
from remix.studio.pricing import hours_in_days, margin


def services_offered():
    """The services on offer, by kind then address."""
    return Service.objects.filter(active=True).order_by("kind", "slug")


def services_withdrawn():
    """The services no longer offered, for the stewards who may offer them again."""
    return Service.objects.filter(active=False).order_by("slug")


def service_shown(slug: str):
    """One service with what it draws on and who delivers it (None when not offered)."""
    return (
        services_offered()
        .prefetch_related("commons", "themes", "documents", "people")
        .filter(slug=slug)
        .first()
    )


def quotes_list():
    """Quotes, newest first, with their client and (once accepted) their engagement."""
    return Quote.objects.select_related("client", "engagement").order_by("-year", "-sequence")


def quote_shown(pk: int):
    lines = Prefetch("lines", QuoteLine.objects.select_related("service").order_by("position"))
    return quotes_list().prefetch_related(lines).filter(pk=pk).first()


def engagements_list():
    return Engagement.objects.select_related("client", "quote").order_by("-start_date", "-pk")


@dataclass(frozen=True)
class PersonDays:
    person: EngagementPerson
    planned_days: Decimal
    declared_days: Decimal  # declared and validated, refused left out
    validated_days: Decimal


@dataclass(frozen=True)
class EngagementReport:
    people: list[PersonDays]
    planned_days: Decimal
    declared_days: Decimal
    validated_days: Decimal
    time_value_minor: int  # validated time at the agreed rate, as posted
    invoiced_minor: int
    margin_minor: int | None  # once invoiced: invoiced minus valued time


def engagement_report(engagement: Engagement) -> EngagementReport:
    """Planned vs declared days per person and in all, in three queries."""
    counted = ~Q(status=TimeStatus.REFUSED)
    hours = {
        row["user_id"]: row
        for row in TimeDeclaration.objects.filter(engagement=engagement)
        .values("user_id")
        .annotate(
            declared=Sum("hours", filter=counted),
            validated=Sum("hours", filter=Q(status=TimeStatus.VALIDATED)),
            value=Sum("value_minor", filter=Q(status=TimeStatus.VALIDATED)),
        )
    }
    rows = []
    for person in engagement.people.select_related("user").order_by("pk"):
        row = hours.get(person.user_id, {})
        rows.append(
            PersonDays(
                person,
                person.planned_days,
                hours_in_days(row.get("declared") or 0),
                hours_in_days(row.get("validated") or 0),
            )
        )
    total = {
        key: sum((row.get(key) or 0 for row in hours.values()), Decimal(0))
        for key in ("declared", "validated")
    }
    value = int(sum(row.get("value") or 0 for row in hours.values()))
    invoiced = engagement_invoiced_minor(engagement)
    return EngagementReport(
        people=rows,
        planned_days=sum((row.planned_days for row in rows), Decimal(0)),
        declared_days=hours_in_days(total["declared"]),
        validated_days=hours_in_days(total["validated"]),
        time_value_minor=value,
        invoiced_minor=invoiced,
        margin_minor=margin(invoiced, value) if invoiced else None,
    )


def engagement_invoiced_minor(engagement: Engagement) -> int:
    """What the engagement's issued invoices total without VAT, less their credit notes."""
    issued = Invoice.objects.filter(status=InvoiceStatus.ISSUED)
    invoiced = issued.filter(engagement_link__engagement=engagement).aggregate(
        total=Sum("net_minor")
    )["total"]
    credited = issued.filter(
        kind=InvoiceKind.CREDIT_NOTE, credit_for__engagement_link__engagement=engagement
    ).aggregate(total=Sum("net_minor"))["total"]
    return (invoiced or 0) - (credited or 0)


def engagement_invoices(engagement: Engagement):
    return engagement.invoices.select_related("invoice").order_by("pk")


def engagement_times(engagement: Engagement):
    return engagement.times.select_related("user", "decided_by").order_by("-date", "-pk")


def time_waiting():
    """Declarations waiting for a treasurer, oldest first, with their engagement."""
    return (
        TimeDeclaration.objects.filter(status=TimeStatus.DECLARED)
        .select_related("engagement__quote", "user")
        .order_by("date", "pk")
    )
