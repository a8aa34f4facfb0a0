"""A granted application's money, read from the books: what the funder still owes (the grant's
receivable less the payments posted against it), and what may be received now (all of it but the
withheld share, until the final report is accepted)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from remix.grants.models import Application
from remix.ledger import chart
from remix.ledger.models import Posting


def payment_key_prefix(application: Application) -> str:
    """How the external key of each payment of a grant begins: ``grant:<id>:payment:<n>``."""
    return f"grant:{application.pk}:payment:"


def _payment_postings(application: Application) -> QuerySet[Posting]:
    return Posting.objects.filter(
        transaction__external_key__startswith=payment_key_prefix(application),
        account__code=chart.GRANTS_RECEIVABLE,
    )


def grant_outstanding(application: Application) -> int:
    """What the funder still owes on a granted application, in minor units."""
    if application.receivable_id is None:
        return 0
    paid = -sum(
        _payment_postings(application).filter(posted=True).values_list("amount_minor", flat=True)
    )
    return (application.amount_granted_minor or 0) - paid


def grant_payments_count(application: Application) -> int:
    """How many payments of the grant the books hold."""
    return _payment_postings(application).values("transaction").distinct().count()


@dataclass(frozen=True)
class GrantDue:
    outstanding: int  # what the funder still owes, in minor units
    waiting: int  # the withheld share, until the final report is accepted

    @property
    def payable(self) -> int:
        """What may be received now."""
        return self.outstanding - self.waiting


def grant_due(application: Application) -> GrantDue:
    return GrantDue(
        outstanding=grant_outstanding(application),
        waiting=application.withheld_minor if application.report_accepted_on is None else 0,
    )
