"""The chart of accounts as the treasurer's pages read it, and the bank accounts held."""

import datetime

from django.db.models import F
from django.utils import timezone

from remix.ledger import chart
from remix.ledger.models import Account, BankAccount


def account_tree() -> list[dict]:
    """Rows of the chart as a tree: the parts of a code that are no account become headings."""
    rows, seen = [], set()
    for account in Account.objects.order_by("code"):
        parts = account.code.split(":")
        for depth in range(1, len(parts)):
            prefix = ":".join(parts[:depth])
            if prefix not in seen:
                seen.add(prefix)
                rows.append({"depth": depth - 1, "name": parts[depth - 1], "account": None})
        seen.add(account.code)
        rows.append({"depth": len(parts) - 1, "name": parts[-1], "account": account})
    return rows


def bank_account_held(*, on: datetime.date | None = None) -> BankAccount | None:
    """The bank account held on ``on`` (today when left out), with its holder: where gifts by
    transfer are expected that day. Holdings follow each other; were two to overlap, the one
    held since the later day is the one given out."""
    on = on or timezone.localdate()
    return (
        BankAccount.objects.select_related("account", "holder")
        .filter(held_from__lte=on)
        .exclude(held_until__lt=on)
        .order_by("-held_from", "-pk")
        .first()
    )


def bank_account_list():
    """Every bank account recorded, with its account and holder: the latest held first, those
    waiting for a handover (held from no day yet) last."""
    return BankAccount.objects.select_related("account", "holder").order_by(
        F("held_from").desc(nulls_last=True), "-pk"
    )


def bank_accounts_of(holder) -> list[BankAccount]:
    """The accounts ``holder`` holds or will hold (recorded, not released), newest first."""
    return list(
        BankAccount.objects.select_related("account")
        .filter(holder=holder, held_until__isnull=True)
        .order_by("-held_from", "-pk")
    )


def bank_account(*, on: datetime.date | None = None) -> Account | None:
    """The bank account of the books where money sits unless said otherwise: the one held on
    ``on`` (``bank_account_held``), else the chart's current account."""
    held = bank_account_held(on=on)
    if held is not None:
        return held.account
    return Account.objects.filter(code=chart.BANK, is_cash=True).first()
