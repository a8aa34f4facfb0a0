"""The books over HTTP: accounts, funds, transactions, trial balance and sustainability.

Reads are public: they show posted transactions only, and a giver who asked for anonymity is
never named, whoever asks. Writes need a treasurer's (or a steward's) token. Amounts travel as
decimal strings ("-50.00"), never as JSON numbers, so that no float ever touches them.

Each route parses (``params``), makes one call to a selector or a service, and renders
(``schemas``, ``remix.ledger.sustainability_json``). The routes live in this module: their
operation ids in the OpenAPI document are named after it (``remix_ledger_api_<route>``).
"""

import datetime

from django.db import transaction as db
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from remix.api import common
from remix.api.auth import token_auth_for
from remix.api.common import (
    READ,
    ErrorOut,
    IdempotencyKey,
    Page,
    Rows,
    actor_by_slug,
    refused,
    retry_key,
    retry_record,
)
from remix.core.permissions import can_keep_books, can_record_bank_account
from remix.ledger import chart, maths, selectors, services
from remix.ledger.api.params import (
    conflict,
    counterparty_param,
    fund_param,
    legs_param,
    period_param,
    refusals,
)
from remix.ledger.api.schemas import (
    AccountIn,
    AccountOut,
    BankAccountIn,
    BankAccountOut,
    FundIn,
    FundOut,
    ReverseIn,
    SustainabilityOut,
    TransactionChange,
    TransactionIn,
    TransactionOut,
    TrialBalanceOut,
    transaction_out,
    trial_balance_record,
)
from remix.ledger.models import Account, AccountType, Transaction, TransactionStatus
from remix.ledger.selectors import journal
from remix.ledger.sustainability_json import sustainability_record

router = Router(tags=["ledger"])


ERRORS = {**common.ERRORS, 409: ErrorOut}


# --- accounts ------------------------------------------------------------------------------------


@router.get(
    "/accounts",
    response=list[AccountOut],
    summary="The chart of accounts",
    description="Every account, by code. `type` keeps one type; `active=true` only open ones.",
)
@paginate(Page)
def accounts(request, type: AccountType | None = None, active: bool | None = None):
    return chart.account_list(type=type, active=active)


@router.post(
    "/accounts",
    response={201: AccountOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Add an account (treasurers)",
    description="The type follows the code's root. Every income account has a resource nature.",
)
@refusals
def account_create(request, payload: AccountIn):
    account = services.account_create(
        code=payload.code,
        name=payload.name,
        number=payload.number,
        nature=payload.nature or "",
        need_category=payload.need_category or "",
        scope=payload.scope,
        is_cash=payload.is_cash,
        recorder=request.auth,
    )
    return Status(201, account)


# --- funds ---------------------------------------------------------------------------------------


@router.get(
    "/funds",
    response=list[FundOut],
    summary="The funds: the platform's and one per mediation project",
    description="Each fund balances on its own; money crosses funds only by a transfer.",
)
@paginate(Page)
def funds(request):
    return selectors.fund_list()


@router.post(
    "/funds",
    response={201: FundOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Add a fund for a mediation project (treasurers)",
)
@refusals
def fund_create(request, payload: FundIn):
    fund = services.fund_create(
        slug=payload.slug,
        name=payload.name,
        kind=payload.kind,
        description=payload.description,
        reporting_currency=payload.reporting_currency,
        recorder=request.auth,
    )
    return Status(201, fund)


# --- bank accounts -------------------------------------------------------------------------------


@router.get(
    "/bank-accounts",
    response={200: list[BankAccountOut], 401: ErrorOut, 403: ErrorOut},
    auth=token_auth_for(can_record_bank_account),
    summary="The platform's bank accounts and who holds each (treasurers, stewards)",
    description="The latest held first; those waiting for a handover (no `held_from`) last.",
)
@paginate(Page)
def bank_accounts(request):
    return selectors.bank_account_list()


@router.post(
    "/bank-accounts",
    response={201: BankAccountOut, **ERRORS},
    auth=token_auth_for(can_record_bank_account),
    summary="Record a bank account of the books and its holder (treasurers, stewards)",
    description=(
        "The IBAN is checked (its country's length, its check digits); the account must be a "
        "cash account of the books not yet given bank details. Recorded without `held_from`, "
        "it waits for a handover of the fiscal host's charge."
    ),
)
@refusals
def bank_account_create(request, payload: BankAccountIn):
    account = Account.objects.filter(code=payload.account).first()
    if account is None:
        raise refused("account", _("Unknown account: %(code)s.") % {"code": payload.account})
    bank = services.bank_account_record(
        account=account,
        holder=actor_by_slug(payload.holder, "holder"),
        iban=payload.iban,
        bic=payload.bic,
        holder_address=payload.holder_address,
        held_from=payload.held_from,
        held_until=payload.held_until,
        recorder=request.auth,
    )
    return Status(201, bank)


# --- transactions --------------------------------------------------------------------------------


def _one(request, transaction_id: int) -> Transaction:
    return get_object_or_404(journal.transactions_visible(user=request.auth), pk=transaction_id)


def _written(transactions) -> list[dict]:
    """Transactions as the API shows them, read as plain rows."""
    return [transaction_out(row) for row in journal.transaction_rows(transactions)]


def _shown(found: Transaction) -> dict:
    """A transaction just found or written, as the API shows it."""
    return _written(Transaction.objects.filter(pk=found.pk))[0]


@router.get(
    "/transactions",
    response=list[TransactionOut],
    auth=READ,
    summary="Transactions, newest first",
    description=(
        "Posted transactions for everyone; with a treasurer's token, drafts too "
        "(`status=draft`). `fund` is a fund's slug, `period` 2026, 2026-Q3 or 2026-10. "
        "A giver who asked for anonymity is shown as “Anonymous”, to everyone."
    ),
)
@paginate(Page)
def transactions(
    request,
    fund: str = "",
    period: str = "",
    status: TransactionStatus | None = None,
):
    listed = journal.transaction_list(
        user=request.auth,
        fund=fund_param(fund),
        period=period_param(period) if period else None,
        status=status,
    )
    return Rows(listed, write_page=_written, domains=("books",))


@router.get(
    "/transactions/{transaction_id}",
    response={200: TransactionOut, 404: ErrorOut},
    auth=READ,
    summary="One transaction with its postings",
    description="A draft is found with a treasurer's token only.",
)
def transaction(request, transaction_id: int):
    found = _written(journal.transactions_visible(user=request.auth).filter(pk=transaction_id))
    if not found:
        raise Http404
    return found[0]


@router.post(
    "/transactions",
    response={201: TransactionOut, 200: TransactionOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Record a transaction (treasurers)",
    description=(
        'Amounts are decimal strings (`"-50.00"`), income negative and expenses positive; '
        "they must balance per commodity and per fund, or the answer is 422 and says which "
        "commodity in which fund does not. A draft unless `post` is true. With an "
        "`Idempotency-Key` header, a repeat with the same key returns the first transaction "
        "(200) and records nothing."
    ),
)
@refusals
def transaction_create(
    request,
    payload: TransactionIn,
    idempotency_key: IdempotencyKey = None,
):
    key = retry_key(request, idempotency_key)
    existing = journal.transaction_by_key(key)
    if existing:
        return Status(200, _shown(existing))
    legs = legs_param(payload.postings)
    with db.atomic():
        tx, created = services.transaction_create(
            date=payload.date,
            description=payload.description,
            legs=legs,
            counterparty=counterparty_param(payload.counterparty),
            anonymous=payload.anonymous,
            reference=payload.reference,
            external_key=key,
            is_transfer=payload.is_transfer,
            post=payload.post,
            recorder=request.auth,
        )
        if created:
            retry_record(request, key, tx)
    return Status(201 if created else 200, _shown(tx))


@router.patch(
    "/transactions/{transaction_id}",
    response={200: TransactionOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Change a draft (treasurers)",
    description=(
        "Only drafts change; a posted transaction is refused with 409: reverse it instead. "
        "Postings, when given, replace all of them."
    ),
)
@refusals
def transaction_update(request, transaction_id: int, payload: TransactionChange):
    tx = _one(request, transaction_id)
    if tx.is_posted:
        return conflict(_("A posted transaction cannot be changed: reverse it instead."))
    change = payload.model_dump(exclude_unset=True)
    if "postings" in change and payload.postings is not None:
        legs = legs_param(payload.postings)
    else:
        legs = services.legs_of(tx)
    counterparty = (
        counterparty_param(payload.counterparty) if "counterparty" in change else tx.counterparty
    )
    services.transaction_update(
        transaction=tx,
        date=payload.date or tx.date,
        description=payload.description or tx.description,
        legs=legs,
        counterparty=counterparty,
        anonymous=tx.anonymous if payload.anonymous is None else payload.anonymous,
        reference=tx.reference if payload.reference is None else payload.reference,
        recorder=request.auth,
    )
    return _shown(tx)


@router.delete(
    "/transactions/{transaction_id}",
    response={204: None, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Delete a draft (treasurers)",
    description="A posted transaction is never deleted (409): reverse it instead.",
)
@refusals
def transaction_delete(request, transaction_id: int):
    tx = _one(request, transaction_id)
    if tx.is_posted:
        return conflict(_("A posted transaction cannot be deleted: reverse it instead."))
    services.transaction_delete(transaction=tx, recorder=request.auth)
    return Status(204, None)


@router.post(
    "/transactions/{transaction_id}/post",
    response={200: TransactionOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Post a draft (treasurers)",
    description="Once posted it never changes. Posting a posted transaction returns it as it is.",
)
@refusals
def transaction_post(request, transaction_id: int):
    tx = _one(request, transaction_id)
    services.transaction_post(transaction=tx, recorder=request.auth)
    return _shown(tx)


@router.post(
    "/transactions/{transaction_id}/reverse",
    response={201: TransactionOut, 200: TransactionOut, **ERRORS},
    auth=token_auth_for(can_keep_books),
    summary="Reverse a posted transaction (treasurers)",
    description=(
        "A new posted transaction with every posting negated, linked to the original, with "
        "the reason. A repeat returns the existing reversal (200)."
    ),
)
@refusals
def transaction_reverse(request, transaction_id: int, payload: ReverseIn):
    tx = _one(request, transaction_id)
    existed = journal.transaction_is_reversed(tx)
    reversal = services.transaction_reverse(
        transaction=tx, reason=payload.reason, date=payload.date, recorder=request.auth
    )
    return Status(200 if existed else 201, _shown(reversal))


# --- reports -------------------------------------------------------------------------------------


@router.get(
    "/trial-balance",
    response={200: TrialBalanceOut, 422: ErrorOut},
    summary="Trial balance on a day, per fund or consolidated",
    description=(
        "Every account's balance per commodity on `on` (included; today when left out), from "
        "posted transactions. `fund` is a slug; left out or `all` for every fund together."
    ),
)
def trial_balance(request, fund: str = "", on: datetime.date | None = None):
    trial = selectors.trial_balance(fund=fund_param(fund), on=on or timezone.localdate())
    return trial_balance_record(trial)


@router.get(
    "/sustainability",
    response={200: SustainabilityOut, 422: ErrorOut},
    summary="Needs against resources, and the headline figures",
    description=(
        "What the open budget page shows, from the same computation: for a fund (or `all`) and a "
        "period (2026, 2026-Q3 or 2026-10; this year when left out), the needs, the resources by "
        "nature, monetary and valued apart and together, the top sources (anonymous givers never "
        "named), the monthly gap and the headline figures as decimal strings (null when there "
        "is nothing to divide by). Other currencies are converted with the rate of the day; "
        "`rates` says which were used and which were missing."
    ),
)
def sustainability(
    request,
    fund: str = "",
    period: str = "",
    top: int = Query(10, ge=1, le=1000, description="At most this many sources."),
):
    chosen = fund_param(fund)
    span = period_param(period) if period else maths.period_of("year", timezone.localdate())
    report = selectors.sustainability(fund=chosen, period=span)
    return sustainability_record(report, top=top)
