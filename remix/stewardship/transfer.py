"""The balance of the outgoing carrier's bank account, moved in the books to the incoming
carrier's: one posted transaction per commodity and fund (the books keep a transaction within
one fund), each balanced. A zero balance moves nothing."""

import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from remix.core.money import Money
from remix.ledger.models import Fund, Posting
from remix.ledger.services.checks import Leg
from remix.ledger.services.transactions import transaction_create


def account_balances(*, account, on: datetime.date) -> dict[str, list[tuple[int, int]]]:
    """The account's posted balance on a day, per commodity: ``[(fund id, minor units)]`` for
    each fund where it is not zero."""
    rows = (
        Posting.objects.filter(account=account, posted=True, date__lte=on)
        .values_list("commodity", "fund")
        .annotate(total=Sum("amount_minor"))
        .order_by("commodity", "fund")
    )
    balances: dict[str, list[tuple[int, int]]] = {}
    for commodity, fund_id, total in rows:
        if total:
            balances.setdefault(commodity, []).append((fund_id, total))
    return balances


def _description(handover) -> str:
    # The books are written in the platform's language, whoever reads the page.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Handover: %(outgoing)s → %(incoming)s") % {
            "outgoing": handover.outgoing.carrier,
            "incoming": handover.incoming,
        }


def balance_transfer(*, handover, on: datetime.date, recorder=None) -> dict:
    """Post the transfer of ``handover.from_account``'s balance to ``handover.to_account``; what
    moved, per commodity, with its transaction (nothing when the handover names no account)."""
    if handover.from_account is None:
        return {"transactions": {}}
    balances = account_balances(account=handover.from_account, on=on)
    funds = Fund.objects.in_bulk({fund_id for rows in balances.values() for fund_id, _t in rows})
    moved = {}
    # The books keep each transaction within one fund (only an inter-fund transfer crosses
    # funds): one transaction per commodity and fund.
    for commodity, rows in balances.items():
        for fund_id, total in rows:
            fund = funds[fund_id]
            transaction, _created = transaction_create(
                date=on,
                description=_description(handover),
                legs=[
                    Leg(handover.to_account, fund, Money(total, commodity)),
                    Leg(handover.from_account, fund, Money(-total, commodity)),
                ],
                counterparty=handover.incoming,
                reference=f"handover-{handover.pk}",
                external_key=f"stewardship-handover-{handover.pk}-{commodity}-{fund.slug}",
                post=True,
                recorder=recorder,
            )
            moved[f"{commodity} {fund.slug}"] = {
                "transaction": transaction.pk,
                "amount_minor": total,
            }
    return {"transactions": moved}
