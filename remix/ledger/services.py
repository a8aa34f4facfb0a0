"""Every write to the books: atomic, locked then re-checked, audited.

A transaction is written as a draft, then posted; once posted it never changes and a correction
is a reversal. Every transaction balances per fund and commodity, drafts included.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check, date_in_window
from remix.core.i18ntext import text_clean
from remix.core.money import MoneyError, commodity_check, to_minor
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import books, chart
from remix.ledger.models import (
    ACCOUNT_CODE,
    ROOT_TYPES,
    Account,
    AccountScope,
    AccountType,
    Attachment,
    BooksState,
    BudgetLine,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    FundKind,
    Posting,
    Transaction,
    TransactionStatus,
)


def _record(**kwargs):
    """The audit event of a write to the books, and a new version of the books for the caches."""
    BooksState.objects.filter(pk=1).update(version=F("version") + 1)
    _reports_warm_on_commit()
    return audit_record(**kwargs)


def _reports_warm_on_commit() -> None:
    """Once per database transaction, however many writes it holds (an import writes thousands):
    the reports are computed again after the commit, in the background."""
    connection = db.get_connection()
    # Django keeps a transaction's pending callbacks as (savepoints, function, robust).
    if any(entry[1] is _reports_warm_enqueue for entry in connection.run_on_commit):
        return
    db.on_commit(_reports_warm_enqueue)


def _reports_warm_enqueue() -> None:
    from remix.ledger.tasks import reports_warm

    reports_warm.enqueue()


@dataclass(frozen=True)
class Leg:
    """One posting to write: ``amount`` is a decimal in the commodity (income negative)."""

    account: Account
    fund: Fund
    amount: Decimal | str | int
    commodity: str = "EUR"
    memo: str = ""


# --- funds and accounts --------------------------------------------------------------------------


def fund_create(
    *,
    slug: str,
    name: dict,
    kind: str,
    description: dict | None = None,
    reporting_currency: str = "EUR",
    recorder=None,
) -> Fund:
    fund = Fund(
        slug=slug,
        name=text_clean(name),
        kind=kind,
        description=text_clean(description),
        reporting_currency=_currency(reporting_currency, field="reporting_currency"),
    )
    fund.full_clean()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        fund.save()
        _record(
            action="ledger.fund.created",
            recorder=recorder,
            obj=fund,
            data={"slug": slug, "kind": kind},
        )
    return fund


def fund_update(*, fund: Fund, name: dict, description: dict, active: bool, recorder=None) -> Fund:
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
        fund.name, fund.description, fund.active = text_clean(name), text_clean(description), active
        fund.full_clean()
        fund.save()
        _record(action="ledger.fund.updated", recorder=recorder, obj=fund, data={"active": active})
    return fund


def account_create(
    *,
    code: str,
    name: dict,
    number: str = "",
    nature: str = "",
    need_category: str = "",
    scope: str = AccountScope.ANY,
    is_cash: bool = False,
    recorder=None,
) -> Account:
    code = (code or "").strip()
    root = code.split(":", 1)[0]
    account = Account(
        code=code,
        name=text_clean(name),
        number=number,
        nature=nature,
        need_category=need_category,
        scope=scope,
        is_cash=is_cash,
        type=ROOT_TYPES.get(root, ""),
    )
    if ACCOUNT_CODE.match(code) and account.type == AccountType.INCOME and not nature:
        raise ValidationError({"nature": _("Every income account has a resource nature.")})
    if account.type != AccountType.INCOME and nature:
        raise ValidationError({"nature": _("Only income accounts have a resource nature.")})
    account.full_clean()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        account.save()
        _record(
            action="ledger.account.created", recorder=recorder, obj=account, data={"code": code}
        )
    return account


def account_update(
    *,
    account: Account,
    name: dict,
    number: str,
    nature: str,
    need_category: str,
    scope: str,
    is_cash: bool,
    active: bool,
    recorder=None,
) -> Account:
    """Everything but the code and the type: postings keep meaning what they meant."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        account = Account.objects.select_for_update().get(pk=account.pk)
        account.name, account.number, account.scope = text_clean(name), number, scope
        account.nature, account.need_category = nature, need_category
        account.is_cash, account.active = is_cash, active
        if account.type == AccountType.INCOME and not nature:
            raise ValidationError({"nature": _("Every income account has a resource nature.")})
        account.full_clean()
        account.save()
        _record(
            action="ledger.account.updated",
            recorder=recorder,
            obj=account,
            data={"code": account.code, "active": active},
        )
    return account


def _currency(code: str, *, field: str) -> str:
    try:
        code = commodity_check(code)
    except MoneyError:
        raise ValidationError({field: _("Unknown currency: %(code)s.") % {"code": code}}) from None
    if code == "HOUR":
        raise ValidationError({field: _("Hours are not a currency.")})
    return code


# --- transactions --------------------------------------------------------------------------------


def legs_check(legs: list[Leg], *, is_transfer: bool) -> list[Posting]:
    """Turn legs into unsaved postings, or say in the reader's words what is wrong."""
    if len(legs) < 2:
        raise ValidationError({"postings": _("A transaction has at least two postings.")})
    postings = []
    for index, leg in enumerate(legs, start=1):
        try:
            commodity = commodity_check(leg.commodity)
            minor = to_minor(leg.amount, commodity)
        except MoneyError as error:
            raise ValidationError(
                {"postings": _("Posting %(n)s: %(reason)s") % {"n": index, "reason": error}}
            ) from None
        if minor == 0:
            raise ValidationError({"postings": _("Posting %(n)s is zero.") % {"n": index}})
        if not leg.account.active:
            raise ValidationError(
                {"postings": _("Account %(code)s is closed.") % {"code": leg.account.code}}
            )
        if leg.account.scope == AccountScope.PROJECTS and leg.fund.kind == FundKind.PLATFORM:
            raise ValidationError(
                {
                    "postings": _(
                        "%(code)s is a mediation project's cost: it cannot land in the platform "
                        "fund. Choose the project's fund."
                    )
                    % {"code": leg.account.code}
                }
            )
        postings.append(
            Posting(
                account=leg.account,
                fund=leg.fund,
                commodity=commodity,
                amount_minor=minor,
                memo=leg.memo[:200],
            )
        )
    wrong = books.imbalances((p.fund, p.commodity, p.amount_minor) for p in postings)
    if wrong:
        raise ValidationError(
            {"postings": [_imbalance_message(key, total) for key, total in wrong.items()]}
        )
    funds = {p.fund_id for p in postings}
    if is_transfer and len(funds) != 2:
        raise ValidationError({"postings": _("A transfer moves money between two funds.")})
    if not is_transfer and len(funds) != 1:
        raise ValidationError(
            {"postings": _("Money crosses funds only by an inter-fund transfer.")}
        )
    return postings


def _imbalance_message(key, total: int) -> str:
    from remix.core.formats import format_money

    fund, commodity = key
    return _("%(commodity)s does not balance in the fund %(fund)s: off by %(amount)s.") % {
        "commodity": commodity,
        "fund": fund.slug,
        "amount": format_money(total, commodity),
    }


def _open_date_check(day: datetime.date) -> None:
    closed = ClosedPeriod.objects.filter(start__lte=day, end__gte=day).first()
    if closed:
        raise ValidationError(
            {
                "date": _(
                    "%(date)s is in a closed period (%(start)s – %(end)s): date it in an open one."
                )
                % {"date": day, "start": closed.start, "end": closed.end}
            }
        )


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
    """A new draft (or posted, with ``post``); a repeated ``external_key`` returns the first one."""
    if external_key:
        existing = Transaction.objects.filter(external_key=external_key).first()
        if existing:
            return existing, False
    if not (description or "").strip():
        raise ValidationError({"description": _("Say what the transaction is.")})
    date_check(date)
    postings = legs_check(legs, is_transfer=is_transfer)
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        tx = Transaction.objects.create(
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
        for posting in postings:
            posting.transaction, posting.date = tx, date
        Posting.objects.bulk_create(postings)
        _record(
            action="ledger.transaction.created",
            recorder=recorder,
            obj=tx,
            data={"date": str(date), "postings": len(postings)},
        )
        if post:
            tx = transaction_post(transaction=tx, recorder=recorder)
    return tx, True


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
        _record(
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
            account=account if p.account.is_suspense else p.account,
            fund=fund,
            amount=p.amount,
            commodity=p.commodity,
            memo=p.memo,
        )
        for p in transaction.postings.select_related("account")
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
        _record(
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
        postings = list(tx.postings.select_related("account", "fund"))
        if any(p.account.is_suspense for p in postings):
            raise ValidationError(
                _("This transaction is still waiting to be categorised: choose its account first.")
            )
        legs_check(
            [Leg(p.account, p.fund, p.amount, p.commodity) for p in postings],
            is_transfer=tx.is_transfer,
        )
        date_check(tx.date)
        _open_date_check(tx.date)
        # Postings first, then the transaction: the database checks the balance at that moment.
        Posting.objects.filter(transaction=tx, posted=False).update(posted=True)
        tx.status, tx.posted_at, tx.posted_by = (
            TransactionStatus.POSTED,
            timezone.now(),
            as_recorder(recorder),
        )
        tx.save(update_fields=["status", "posted_at", "posted_by"])
        _record(action="ledger.transaction.posted", recorder=recorder, obj=tx)
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
        date_check(date)
        if date < original.date and date_in_window(original.date):
            raise ValidationError({"date": _("A reversal cannot be dated before the original.")})
        _open_date_check(date)
        legs = [
            Leg(p.account, p.fund, -p.amount, p.commodity, p.memo)
            for p in original.postings.select_related("account", "fund")
        ]
        reversal = Transaction.objects.create(
            date=date,
            description=(_("Reversal: %(description)s") % {"description": original.description})[
                :300
            ],
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
                    account=leg.account,
                    fund=leg.fund,
                    commodity=leg.commodity,
                    amount_minor=to_minor(leg.amount, leg.commodity),
                    memo=leg.memo,
                    date=date,
                )
                for leg in legs
            ]
        )
        _record(
            action="ledger.transaction.reversed",
            recorder=recorder,
            obj=original,
            data={"reversal": reversal.pk, "reason": reason},
        )
        reversal = transaction_post(transaction=reversal, recorder=recorder)
    return reversal


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
    amount = Decimal(str(amount))
    if amount <= 0:
        raise ValidationError({"amount": _("A transfer moves a positive amount.")})
    legs = [
        Leg(account, from_fund, -amount, commodity),
        Leg(transfers, from_fund, amount, commodity),
        Leg(account, to_fund, amount, commodity),
        Leg(transfers, to_fund, -amount, commodity),
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
        _record(
            action="ledger.attachment.added",
            recorder=recorder,
            obj=transaction,
            data={"attachment": attachment.pk, "name": attachment.name},
        )
    return attachment


# --- needs, rates, closing -----------------------------------------------------------------------


def budget_line_create(
    *,
    fund: Fund,
    period: books.Period,
    amount: Decimal | str,
    commodity: str = "EUR",
    account: Account | None = None,
    category: str = "",
    note: dict | None = None,
    recorder=None,
) -> BudgetLine:
    commodity = _currency(commodity, field="commodity")
    date_check(period.start, field="period")
    date_check(period.end, field="period")
    try:
        minor = to_minor(amount, commodity)
    except MoneyError as error:
        raise ValidationError({"amount": str(error)}) from None
    if account is not None and account.type != AccountType.EXPENSE:
        raise ValidationError({"account": _("A need is an expense account.")})
    line = BudgetLine(
        fund=fund,
        period_kind=period.kind,
        start=period.start,
        end=period.end,
        account=account,
        category=category or (account.need_category if account else ""),
        commodity=commodity,
        amount_minor=minor,
        note=text_clean(note),
    )
    if minor <= 0:
        raise ValidationError({"amount": _("A need is a positive amount.")})
    line.full_clean()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        line.save()
        _record(
            action="ledger.budget_line.created",
            recorder=recorder,
            obj=line,
            data={"fund": fund.slug, "period": period.name, "amount": str(amount)},
        )
    return line


def budget_line_delete(*, line: BudgetLine, recorder=None) -> None:
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        _record(
            action="ledger.budget_line.deleted",
            recorder=recorder,
            obj=line,
            data={"fund": line.fund.slug, "amount": str(line.amount), "start": str(line.start)},
        )
        line.delete()


def rate_record(
    *, date: datetime.date, commodity: str, quote: str, rate: Decimal | str, recorder=None
) -> ExchangeRate:
    """Record (or correct) the rate of one day; reports say which rates they used."""
    date_check(date)
    try:
        commodity = commodity_check(commodity)
    except MoneyError:
        raise ValidationError(
            {"commodity": _("Unknown currency: %(code)s.") % {"code": commodity}}
        ) from None
    quote = _currency(quote, field="quote")
    rate = Decimal(str(rate))
    if rate <= 0:
        raise ValidationError({"rate": _("A rate is positive.")})
    if commodity == quote:
        raise ValidationError({"quote": _("A rate converts between two commodities.")})
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        record, created = ExchangeRate.objects.update_or_create(
            date=date,
            commodity=commodity,
            quote=quote,
            defaults={"rate": rate, "recorded_by": as_recorder(recorder)},
        )
        _record(
            action="ledger.rate.recorded",
            recorder=recorder,
            obj=record,
            data={"rate": str(rate), "corrected": not created},
        )
    return record


def period_close(*, period: books.Period, recorder=None) -> ClosedPeriod:
    """Close a reconciled month or year; closing it again is a no-op."""
    if period.kind not in ("month", "year"):
        raise ValidationError({"period": _("A month or a year is closed, not a quarter.")})
    require_recorder(can_keep_books, recorder)
    date_check(period.start, field="period")
    with db.atomic():
        existing = ClosedPeriod.objects.filter(start=period.start, end=period.end).first()
        if existing:
            return existing
        drafts = Transaction.objects.drafts().filter(date__range=(period.start, period.end))
        count = drafts.count()
        if count:
            raise ValidationError(
                _(
                    "%(count)s draft transactions are dated in %(period)s: post or delete them "
                    "before closing."
                )
                % {"count": count, "period": period.name}
            )
        closed = ClosedPeriod.objects.create(
            kind=period.kind, start=period.start, end=period.end, closed_by=as_recorder(recorder)
        )
        _record(
            action="ledger.period.closed",
            recorder=recorder,
            obj=closed,
            data={"period": period.name},
        )
    return closed
