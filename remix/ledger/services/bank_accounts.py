"""The platform's bank accounts: recorded by a treasurer or a steward, held from a day, and
passed from one holder to the next when the fiscal host's charge is handed over."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.allies.models import Actor, ActorKind
from remix.core.audit import as_recorder, audit_record
from remix.core.permissions import can_record_bank_account, require_recorder
from remix.ledger.iban import bic_valid, iban_compact, iban_valid
from remix.ledger.models import Account, BankAccount


def _details_check(*, account: Account, holder: Actor, iban: str, bic: str) -> None:
    errors = {}
    if not account.is_cash:
        errors["account"] = _("Choose a bank account of the books (an asset marked cash).")
    elif BankAccount.objects.filter(account=account).exists():
        errors["account"] = _("This account of the books is recorded already.")
    if holder.kind == ActorKind.PERSON:
        errors["holder"] = _("A bank account of the platform is held by an organisation.")
    if not iban_valid(iban):
        errors["iban"] = _("This IBAN is not valid: check its letters and digits.")
    elif BankAccount.objects.filter(iban=iban_compact(iban)).exists():
        errors["iban"] = _("This IBAN is recorded already.")
    if bic and not bic_valid(bic):
        errors["bic"] = _("A BIC has 8 or 11 letters and digits.")
    if errors:
        raise ValidationError(errors)


@db.atomic
def bank_account_record(
    *,
    account: Account,
    holder: Actor,
    iban: str,
    bic: str = "",
    holder_address: str = "",
    held_from: datetime.date | None = None,
    held_until: datetime.date | None = None,
    recorder=None,
) -> BankAccount:
    """Say that ``account`` of the books is a bank account, its IBAN and BIC, and who holds it:
    from ``held_from`` (left out, the account waits for a handover to pass it on), and until
    ``held_until`` for an account held in the past."""
    require_recorder(can_record_bank_account, recorder)
    account = Account.objects.select_for_update().get(pk=account.pk)
    _details_check(account=account, holder=holder, iban=iban, bic=bic)
    if held_until is not None and (held_from is None or held_until < held_from):
        raise ValidationError(
            {"held_until": _("An account is held until a day after the one it was held from.")}
        )
    bank = BankAccount.objects.create(
        account=account,
        holder=holder,
        iban=iban_compact(iban),
        bic=iban_compact(bic),
        holder_address=holder_address.strip(),
        held_from=held_from,
        held_until=held_until,
        created_by=as_recorder(recorder),
    )
    audit_record(
        action="ledger.bank_account.recorded",
        recorder=recorder,
        obj=bank,
        data={
            "account": account.code,
            "holder": holder.pk,
            "iban": bank.iban,
            "held_from": str(held_from) if held_from else None,
            "held_until": str(held_until) if held_until else None,
        },
    )
    return bank


@db.atomic
def bank_account_pass(
    *, from_account: Account, to_account: Account, holder: Actor, on: datetime.date, recorder=None
) -> dict:
    """The fiscal host's charge handed over on ``on``: the outgoing account is released the day
    before, and the incoming one, recorded for ``holder``, is held from that day. What changed,
    for the handover's event (an account not recorded as a bank account changes nothing)."""
    banks = {
        bank.account_id: bank
        for bank in BankAccount.objects.select_for_update().filter(
            account__in=[from_account, to_account]
        )
    }
    outgoing, incoming = banks.get(from_account.pk), banks.get(to_account.pk)
    if incoming is not None and incoming.holder_id != holder.pk:
        raise ValidationError(
            {"to_account": _("This account is held by %(holder)s.") % {"holder": incoming.holder}}
        )
    changed = {}
    if outgoing is not None and outgoing.held_until is None and outgoing.held_from is not None:
        outgoing.held_until = max(on - datetime.timedelta(days=1), outgoing.held_from)
        outgoing.save(update_fields=["held_until"])
        changed["released"] = {"iban": outgoing.iban, "held_until": str(outgoing.held_until)}
    if incoming is not None and incoming.held_from is None:
        incoming.held_from = on
        incoming.save(update_fields=["held_from"])
        changed["held"] = {"iban": incoming.iban, "held_from": str(on)}
    if changed:
        audit_record(
            action="ledger.bank_account.passed",
            recorder=recorder,
            obj=incoming or outgoing,
            data=changed,
        )
    return changed
