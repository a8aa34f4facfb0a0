"""Stewardship's invariants, checked by `remix check` and after every test."""

from django.utils import timezone

from remix.core.selfchecks import selfcheck
from remix.ledger.selectors import bank_account_held
from remix.stewardship.models import Charge, Term


@selfcheck("stewardship.bank_holder")
def check_bank_holder() -> list[str]:
    """The bank account held today is the fiscal host's: held by the carrier of the fiscal-host
    term that covers today, when the books record one and a term covers today."""
    today = timezone.localdate()
    held = bank_account_held(on=today)
    term = (
        Term.objects.filter(charge=Charge.FISCAL_HOST, start_date__lte=today)
        .exclude(end_date__lt=today)
        .select_related("carrier")
        .first()
    )
    if held is None or term is None or held.holder_id == term.carrier_id:
        return []
    return [
        f"the bank account {held.iban_grouped} is held by {held.holder}, "
        f"but {term.carrier} carries the fiscal host's charge"
    ]
