"""Writes the treasurer's pages make in one step: a draft saved (and posted at once), an imported
row categorised (and posted at once), volunteer time and in-kind gifts in their accounts.

Each composes the transaction services in one database transaction, so that a refused post
leaves the draft as it was; the services lock, check and write the audit events.
"""

import datetime
from decimal import Decimal

from django.db import transaction as db

from remix.core.money import HOUR
from remix.ledger import chart, services
from remix.ledger.models import Account, Fund, Transaction


def draft_save(
    *,
    draft: Transaction | None,
    date: datetime.date,
    description: str,
    legs: list[services.Leg],
    counterparty=None,
    anonymous: bool = False,
    reference: str = "",
    post: bool = False,
    recorder=None,
) -> Transaction:
    """A new draft (``draft`` None) or a draft changed; with ``post``, posted at once."""
    fields = {
        "date": date,
        "description": description,
        "legs": legs,
        "counterparty": counterparty,
        "anonymous": anonymous,
        "reference": reference,
        "recorder": recorder,
    }
    if draft is None:
        tx, _created = services.transaction_create(post=post, **fields)
        return tx
    with db.atomic():
        tx = services.transaction_update(transaction=draft, **fields)
        if post:
            tx = services.transaction_post(transaction=tx, recorder=recorder)
    return tx


def draft_categorise(
    *, draft: Transaction, account: Account, fund: Fund, post: bool = False, recorder=None
) -> Transaction:
    """An imported row's waiting leg to ``account``, the whole into ``fund``; with ``post``,
    posted at once."""
    with db.atomic():
        tx = services.transaction_categorise(
            transaction=draft, account=account, fund=fund, recorder=recorder
        )
        if post:
            tx = services.transaction_post(transaction=tx, recorder=recorder)
    return tx


def _community_record(
    *,
    accounts: tuple[str, str],
    amount: Decimal,
    commodity: str,
    date: datetime.date,
    fund: Fund,
    description: str,
    counterparty=None,
    anonymous: bool = False,
    post: bool = False,
    recorder=None,
) -> Transaction:
    """What the community gives without money: from an income account of class 8 to its
    expense twin (``accounts``: their codes), in one fund."""
    income, expense = accounts
    found = Account.objects.in_bulk([income, expense], field_name="code")
    tx, _created = services.transaction_create(
        date=date,
        description=description,
        legs=services.legs_read(
            {"account": account, "fund": fund, "amount": value, "commodity": commodity, "memo": ""}
            for account, value in ((found[income], -amount), (found[expense], amount))
        ),
        counterparty=counterparty,
        anonymous=anonymous,
        post=post,
        recorder=recorder,
    )
    return tx


def hours_record(*, hours: Decimal, **fields) -> Transaction:
    """Volunteer time, in HOUR: from Income:Community:Time to Expenses:Volunteering.

    ``fields``: the transaction's ``date``, ``fund``, ``description``, ``counterparty``,
    ``anonymous``, ``post`` and ``recorder``."""
    return _community_record(
        accounts=(chart.VOLUNTEER_INCOME, chart.VOLUNTEER_EXPENSE),
        amount=hours,
        commodity=HOUR,
        **fields,
    )


def in_kind_record(*, amount: Decimal, commodity: str, **fields) -> Transaction:
    """Goods or services given at their declared fair value: from Income:Community:In-kind to
    Expenses:In-kind; ``fields`` as for ``hours_record``."""
    return _community_record(
        accounts=(chart.IN_KIND_INCOME, chart.IN_KIND_EXPENSE),
        amount=amount,
        commodity=commodity,
        **fields,
    )
