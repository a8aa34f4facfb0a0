"""Transactions: written as a draft, then posted; once posted one never changes, and a correction
is a reversal. Every transaction balances per fund and commodity, drafts included."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder
from remix.core.dates import date_check, date_in_window
from remix.core.money import Money, MoneyError
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import chart
from remix.ledger.labels import REVERSAL, label_write
from remix.ledger.models import (
    Account,
    Attachment,
    Fund,
    Posting,
    Transaction,
    TransactionStatus,
)
from remix.ledger.services.audit import books_record
from remix.ledger.services.checks import Leg, legs_check, open_date_check


def legs_of(transaction: Transaction) -> list[Leg]:
    """A written transaction's postings as the legs that would write them again."""
    return [
        Leg(p.account, p.fund, p.money, p.memo)
        for p in transaction.postings.select_related("account", "fund")
    ]


def transaction_create(
    *,
    date: datetime.date,
    description: str,
    legs: list[Leg],
    counterparty=None,
    anonymous: bool = False,
    reference: str = "",
    external_key: str | None = None,
    is_transfer: bool = False,
    post: bool = False,
    recorder=None,
    bank_import=None,
) -> tuple[Transaction, bool]:
    """A new draft (or posted, with ``post``); a repeated ``external_key`` returns the first one,
    also when the repeat raced the first in parallel (the key is unique in the database)."""
    existing = _keyed(external_key)
    if existing:
        return existing, False
    if not (description or "").strip():
        raise ValidationError({"description": _("Say what the transaction is.")})
    date_check(date)
    postings = legs_check(legs, is_transfer=is_transfer)
    require_recorder(can_keep_books, recorder)
    header = Transaction(
        date=date,
        description=description.strip()[:300],
        counterparty=counterparty,
        anonymous=anonymous,
        reference=reference[:120],
        external_key=external_key or None,
        is_transfer=is_transfer,
        created_by=as_recorder(recorder),
        bank_import=bank_import,
    )
    try:
        with db.atomic():
            tx = _transaction_write(header, postings, recorder=recorder)
            if post:
                tx = transaction_post(transaction=tx, recorder=recorder)
    except IntegrityError:
        # The same key raced in from a parallel call, which won: answer with its transaction.
        existing = _keyed(external_key)
        if existing is None:
            raise
        return existing, False
    return tx, True


def _transaction_write(tx: Transaction, postings: list[Posting], *, recorder) -> Transaction:
    """A new transaction and its postings, dated as it is."""
    tx.save(force_insert=True)
    for posting in postings:
        posting.transaction, posting.date = tx, tx.date
    Posting.objects.bulk_create(postings)
    books_record(
        action="ledger.transaction.created",
        recorder=recorder,
        obj=tx,
        data={"date": str(tx.date), "postings": len(postings)},
    )
    return tx


def _keyed(external_key: str | None) -> Transaction | None:
    if not external_key:
        return None
    return Transaction.objects.filter(external_key=external_key).first()


def transaction_update(
    *,
    transaction: Transaction,
    date: datetime.date,
    description: str,
    legs: list[Leg],
    counterparty=None,
    anonymous: bool = False,
    reference: str = "",
    recorder=None,
) -> Transaction:
    """A draft changes freely; a posted transaction never does."""
    date_check(date)
    postings = legs_check(legs, is_transfer=transaction.is_transfer)
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
        if tx.is_posted:
            raise ValidationError(_("A posted transaction cannot be changed: reverse it instead."))
        tx.date, tx.description, tx.reference = date, description.strip()[:300], reference[:120]
        tx.counterparty, tx.anonymous = counterparty, anonymous
        tx.save()
        tx.postings.all().delete()
        for posting in postings:
            posting.transaction, posting.date = tx, date
        Posting.objects.bulk_create(postings)
        books_record(
            action="ledger.transaction.updated",
            recorder=recorder,
            obj=tx,
            data={"date": str(date), "postings": len(postings)},
        )
    return tx


def transaction_categorise(
    *, transaction: Transaction, account: Account, fund: Fund, recorder=None
) -> Transaction:
    """An imported row: its waiting leg goes to ``account``, the whole of it into ``fund``."""
    legs = [
        Leg(
            account=account if leg.account.is_suspense else leg.account,
            fund=fund,
            money=leg.money,
            memo=leg.memo,
        )
        for leg in legs_of(transaction)
    ]
    return transaction_update(
        transaction=transaction,
        date=transaction.date,
        description=transaction.description,
        legs=legs,
        counterparty=transaction.counterparty,
        anonymous=transaction.anonymous,
        reference=transaction.reference,
        recorder=recorder,
    )


def transaction_delete(*, transaction: Transaction, recorder=None) -> None:
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
        if tx.is_posted:
            raise ValidationError(_("A posted transaction cannot be deleted: reverse it instead."))
        books_record(
            action="ledger.transaction.deleted",
            recorder=recorder,
            obj=tx,
            data={"date": str(tx.date), "description": tx.description},
        )
        tx.postings.all().delete()
        tx.delete()


def transaction_post(*, transaction: Transaction, recorder=None) -> Transaction:
    """Post a draft; posting it again is a no-op."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
        if tx.is_posted:
            return tx
        legs = legs_of(tx)
        if any(leg.account.is_suspense for leg in legs):
            raise ValidationError(
                _("This transaction is still waiting to be categorised: choose its account first.")
            )
        legs_check(legs, is_transfer=tx.is_transfer)
        date_check(tx.date)
        open_date_check(tx.date)
        # Postings first, then the transaction: the database checks the balance at that moment.
        Posting.objects.filter(transaction=tx, posted=False).update(posted=True)
        tx.status, tx.posted_at, tx.posted_by = (
            TransactionStatus.POSTED,
            timezone.now(),
            as_recorder(recorder),
        )
        tx.save(update_fields=["status", "posted_at", "posted_by"])
        books_record(action="ledger.transaction.posted", recorder=recorder, obj=tx)
    return tx


def transaction_reverse(
    *, transaction: Transaction, reason: str, date: datetime.date | None = None, recorder=None
) -> Transaction:
    """A new posted transaction with every posting negated, linked to the original; reversing a
    reversed transaction again returns the first reversal.

    One dated outside the accepted window (written before the rule) is reversed inside it, even
    before its own date: otherwise a slip dated 9999-12-31 could never be undone."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the transaction is reversed.")})
    date = date or timezone.localdate()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        original = Transaction.objects.select_for_update().get(pk=transaction.pk)
        if not original.is_posted:
            raise ValidationError(_("Only a posted transaction is reversed; a draft is edited."))
        existing = Transaction.objects.filter(reverses=original).first()
        if existing:
            return existing
        _reversal_date_check(date, original=original)
        reversal = _reversal_write(original, date=date, reason=reason, recorder=recorder)
        books_record(
            action="ledger.transaction.reversed",
            recorder=recorder,
            obj=original,
            data={"reversal": reversal.pk, "reason": reason},
        )
        return transaction_post(transaction=reversal, recorder=recorder)


def _reversal_date_check(date: datetime.date, *, original: Transaction) -> None:
    """A reversal is dated in the window, in an open period, and not before the original (unless
    the original lies outside the window)."""
    date_check(date)
    if date < original.date and date_in_window(original.date):
        raise ValidationError({"date": _("A reversal cannot be dated before the original.")})
    open_date_check(date)


def _reversal_write(
    original: Transaction, *, date: datetime.date, reason: str, recorder
) -> Transaction:
    """The reversal as a draft: the original's header, linked to it, and its postings negated."""
    description = label_write(REVERSAL, description=original.description)
    reversal = Transaction.objects.create(
        date=date,
        description=description[:300],
        counterparty=original.counterparty,
        anonymous=original.anonymous,
        reference=original.reference,
        is_transfer=original.is_transfer,
        reverses=original,
        reason=reason[:300],
        created_by=as_recorder(recorder),
    )
    Posting.objects.bulk_create(
        [
            Posting(
                transaction=reversal,
                account=posting.account,
                fund=posting.fund,
                commodity=posting.commodity,
                amount_minor=-posting.amount_minor,
                memo=posting.memo,
                date=date,
            )
            for posting in original.postings.select_related("account", "fund")
        ]
    )
    return reversal


def _transfer_amount(amount, commodity: str) -> Money:
    """The typed amount of a transfer as money: positive, with no more decimals than the
    currency has."""
    try:
        money = Money.of(amount, commodity)
    except MoneyError as error:
        raise ValidationError({"amount": str(error)}) from None
    if money.minor <= 0:
        raise ValidationError({"amount": _("A transfer moves a positive amount.")})
    return money


def transfer_record(
    *,
    date: datetime.date,
    from_fund: Fund,
    to_fund: Fund,
    amount: Decimal | str,
    commodity: str = "EUR",
    account: Account | None = None,
    description: str = "",
    post: bool = True,
    external_key: str | None = None,
    recorder=None,
) -> Transaction:
    """Money moves from one fund to another, and only this way: each fund stays balanced.

    A repeated ``external_key`` returns the first transfer."""
    require_recorder(can_keep_books, recorder)
    if from_fund.pk == to_fund.pk:
        raise ValidationError({"to_fund": _("A transfer moves money between two funds.")})
    account = account or Account.objects.get(code=chart.BANK)
    transfers = Account.objects.get(code=chart.TRANSFERS)
    amount = _transfer_amount(amount, commodity)
    legs = [
        Leg(account, from_fund, -amount),
        Leg(transfers, from_fund, amount),
        Leg(account, to_fund, amount),
        Leg(transfers, to_fund, -amount),
    ]
    description = description or _("Transfer from %(source)s to %(target)s") % {
        "source": from_fund.label,
        "target": to_fund.label,
    }
    tx, _created = transaction_create(
        date=date,
        description=description,
        legs=legs,
        is_transfer=True,
        post=post,
        external_key=external_key,
        recorder=recorder,
    )
    return tx


def attachment_add(*, transaction: Transaction, upload, name: str, recorder=None) -> Attachment:
    """A receipt joins a transaction, posted or not: it changes no figure."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        attachment = Attachment(
            transaction=transaction,
            name=(name or upload.name)[:200],
            uploaded_by=as_recorder(recorder),
        )
        attachment.file.save(get_valid_filename(upload.name), upload, save=False)
        attachment.save()
        books_record(
            action="ledger.attachment.added",
            recorder=recorder,
            obj=transaction,
            data={"attachment": attachment.pk, "name": attachment.name},
        )
    return attachment
