"""The books' months and closings, and the treasurer's home page that shows them."""

from django.utils import timezone

from remix.ledger import maths
from remix.ledger.models import BankImport, ClosedPeriod, Transaction
from remix.ledger.selectors.transactions import transactions_waiting


def months_recent(*, count: int = 12) -> list[dict]:
    """The last ``count`` months, this one first, each with the closing that covers it."""
    closed = list(ClosedPeriod.objects.all())
    first = timezone.localdate().replace(day=1)
    months = []
    for back in range(count):
        start = maths.add_months(first, -back)
        period = maths.period_of("month", start)
        covering = next((c for c in closed if c.start <= start and period.end <= c.end), None)
        months.append({"period": period, "start": start, "closed": covering})
    return months


def periods_closed():
    """Every closing, with who closed it."""
    return ClosedPeriod.objects.select_related("closed_by")


def books_overview() -> dict:
    """The treasurer's home: drafts and rows waiting, the last imports, the months and years."""
    return {
        "drafts": Transaction.objects.drafts().count(),
        "waiting": transactions_waiting().count(),
        "imports": BankImport.objects.select_related("account", "fund")[:5],
        "months": months_recent(),
        "closed_years": ClosedPeriod.objects.filter(kind="year"),
    }
