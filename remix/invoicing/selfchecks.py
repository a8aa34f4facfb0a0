"""Invoicing's invariants, checked by `remix check` and after every test."""

from django.db.models import Count, F, Max, Sum
from django.db.models.functions import Coalesce

from remix.core.selfchecks import selfcheck
from remix.invoicing.models import Invoice, InvoiceCounter, InvoiceStatus


@selfcheck("invoicing.numbers")
def check_numbers() -> list[str]:
    """Invoice and credit-note numbers run from 1 without a gap each year, as far as the year's
    counter."""
    problems = []
    years = (
        Invoice.objects.filter(status=InvoiceStatus.ISSUED)
        .values("year")
        .annotate(n=Count("pk"), top=Max("sequence"))
    )
    counters = dict(InvoiceCounter.objects.values_list("year", "last"))
    for row in years:
        if row["n"] != row["top"] or counters.get(row["year"]) != row["top"]:
            problems.append(
                f"invoices of {row['year']}: {row['n']} issued, numbers up to {row['top']}, "
                f"counter at {counters.get(row['year'])}"
            )
    return problems


@selfcheck("invoicing.totals")
def check_totals() -> list[str]:
    """An invoice's stored net total is the sum of its lines."""
    wrong = (
        Invoice.objects.annotate(lines_net=Coalesce(Sum("lines__net_minor"), 0))
        .exclude(lines_net=F("net_minor"))
        .values_list("pk", "net_minor", "lines_net")
    )
    return [f"invoice {pk}: net {net}, its lines sum to {lines}" for pk, net, lines in wrong]
