"""The books over HTTP: accounts, funds, transactions, trial balance and sustainability.

Reads are public: they show posted transactions only, and a giver who asked for anonymity is
never named, whoever asks. Writes need a treasurer's (or a steward's) token. Amounts travel as
decimal strings ("-50.00"), never as JSON numbers, so that no float ever touches them.
"""

import datetime
import functools
import re
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError

from remix.allies.models import Actor
from remix.api import common
from remix.api.auth import token_auth_for
from remix.api.common import (
    READ,
    ErrorOut,
    IdempotencyKey,
    Page,
    amount_text,
    retry_key,
    retry_record,
)
from remix.api.errors import error_body
from remix.core.dates import date_in_window, date_window
from remix.core.money import HOUR
from remix.core.permissions import can_keep_books
from remix.ledger import books, selectors, services
from remix.ledger.models import (
    NON_MONETARY_NATURES,
    Account,
    AccountScope,
    AccountType,
    Fund,
    FundKind,
    NeedCategory,
    Posting,
    ResourceNature,
    Transaction,
    TransactionStatus,
)

router = Router(tags=["ledger"])


ERRORS = {**common.ERRORS, 409: ErrorOut}


def _refusal(error: DjangoValidationError) -> Status:
    """A refused write as 422, its reasons in ``fields`` and, joined, in ``message`` too: a
    client that shows one line shows which commodity and which fund do not balance."""
    if hasattr(error, "error_dict"):
        items = [
            ("" if name == NON_FIELD_ERRORS else name, item)
            for name, errors in error.error_dict.items()
            for item in errors
        ]
    else:
        items = [("", item) for item in error.error_list]
    fields = [
        {"field": name, "code": item.code or "invalid", "reason": " ".join(item.messages)}
        for name, item in items
    ]
    message = " ".join(field["reason"] for field in fields) or _("The request is not valid.")
    return Status(422, error_body("validation_error", message, fields))


def _conflict(message: str) -> Status:
    return Status(409, error_body("conflict", message))


def refusals(view):
    """Turn a service's ValidationError into the 422 above (the view's signature is kept)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DjangoValidationError as error:
            return _refusal(error)

    return wrapped


def _bad_parameter(name: str, message: str) -> DjangoValidationError:
    return DjangoValidationError({name: message}, code="invalid")


def _fund_param(slug: str) -> Fund | None:
    """``all`` or nothing means every fund (consolidated); an unknown slug is a bad request."""
    if slug in ("", "all"):
        return None
    fund = Fund.objects.filter(slug=slug).first()
    if fund is None:
        raise _bad_parameter("fund", _("Unknown fund: %(slug)s.") % {"slug": slug})
    return fund


def _period_param(text: str) -> books.Period:
    try:
        period = books.period_parse(text)
    except ValueError:
        raise _bad_parameter(
            "period",
            _("%(text)s is not a period: write 2026, 2026-Q3 or 2026-10.") % {"text": text},
        ) from None
    if not (date_in_window(period.start) and date_in_window(period.end)):
        first, last = date_window()
        raise _bad_parameter(
            "period",
            _("%(value)s is outside the years the books show (%(first)s – %(last)s).")
            % {"value": text, "first": first.year, "last": last.year},
        )
    return period


# --- amounts -------------------------------------------------------------------------------------

AMOUNT = re.compile(r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$")


def _decimal_text(value: str) -> str:
    if not AMOUNT.fullmatch(value):
        raise PydanticCustomError("decimal_parsing", "A decimal string is expected, e.g. -50.00.")
    return value


DecimalText = Annotated[
    str,
    AfterValidator(_decimal_text),
    Field(
        description="A decimal string, never a JSON number: `-50.00`.",
        examples=["-50.00"],
        json_schema_extra={"pattern": AMOUNT.pattern},
    ),
]


def _ratio(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


# --- accounts ------------------------------------------------------------------------------------


class AccountOut(Schema):
    code: str
    number: str
    type: AccountType
    name: dict[str, str]
    label: str = Field(description="The name in the reader's language (Accept-Language).")
    nature: ResourceNature | None = Field(None, description="Income accounts only.")
    need_category: NeedCategory | None = Field(None, description="Expense accounts only.")
    scope: AccountScope
    is_cash: bool
    is_suspense: bool
    active: bool

    @staticmethod
    def resolve_label(obj):
        return obj.label

    @staticmethod
    def resolve_nature(obj):
        return obj.nature or None

    @staticmethod
    def resolve_need_category(obj):
        return obj.need_category or None


class AccountIn(Schema):
    code: str = Field(
        max_length=200,
        description="Hierarchical, starting with Assets, Liabilities, Equity, Income or Expenses.",
        examples=["Income:Grants:Region"],
    )
    name: dict[str, str] = Field(description="One name per language.", examples=[{"fr": "Région"}])
    number: str = Field("", max_length=12, description="Its number in the French PCG.")
    nature: ResourceNature | None = Field(None, description="Required for income accounts.")
    need_category: NeedCategory | None = Field(None, description="Expense accounts only.")
    scope: AccountScope = AccountScope.ANY
    is_cash: bool = False


@router.get(
    "/accounts",
    response=list[AccountOut],
    summary="The chart of accounts",
    description="Every account, by code. `type` keeps one type; `active=true` only open ones.",
)
@paginate(Page)
def accounts(request, type: AccountType | None = None, active: bool | None = None):
    queryset = Account.objects.order_by("code")
    if type:
        queryset = queryset.filter(type=type)
    if active is not None:
        queryset = queryset.filter(active=active)
    return queryset


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


class FundOut(Schema):
    slug: str
    name: dict[str, str]
    label: str = Field(description="The name in the reader's language (Accept-Language).")
    description: dict[str, str]
    kind: FundKind
    reporting_currency: str
    active: bool

    @staticmethod
    def resolve_label(obj):
        return obj.label


class FundIn(Schema):
    slug: str = Field(pattern=r"^[-a-z0-9_]+$", max_length=80, examples=["fiesta-2026"])
    name: dict[str, str] = Field(description="One name per language.")
    kind: FundKind = Field(description="A mediation project's kind; the platform fund exists.")
    description: dict[str, str] = {}
    reporting_currency: str = Field("EUR", description="ISO 4217, the currency of its reports.")


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


# --- transactions --------------------------------------------------------------------------------


class PostingOut(Schema):
    account: str = Field(description="The account's code.")
    fund: str = Field(description="The fund's slug.")
    amount: str = Field(description="A decimal string; income negative, expenses positive.")
    commodity: str
    memo: str


class TransactionOut(Schema):
    id: int
    date: datetime.date
    description: str
    counterparty: str | None = Field(
        None, description="Who gave or was paid; “Anonymous” when they asked for anonymity."
    )
    counterparty_slug: str | None = Field(None, description="The actor; never for anonymous.")
    anonymous: bool
    reference: str
    status: TransactionStatus
    is_transfer: bool
    reverses: int | None = Field(None, description="The transaction this one reverses.")
    reversed_by: int | None = Field(None, description="The reversal of this one, if any.")
    reason: str
    posted_at: datetime.datetime | None
    postings: list[PostingOut]

    @staticmethod
    def resolve_counterparty(obj):
        return selectors.counterparty_public_name(obj) or None

    @staticmethod
    def resolve_description(obj):
        return selectors.public_description(obj)

    @staticmethod
    def resolve_reference(obj):
        return "" if obj.anonymous else obj.reference

    @staticmethod
    def resolve_reason(obj):
        # Typed by a treasurer, it may name the giver, like the reference and the memos.
        return "" if obj.anonymous else obj.reason

    @staticmethod
    def resolve_counterparty_slug(obj):
        if obj.anonymous or not obj.counterparty_id:
            return None
        return obj.counterparty.slug

    @staticmethod
    def resolve_reverses(obj):
        return obj.reverses_id

    @staticmethod
    def resolve_reversed_by(obj):
        reversal = getattr(obj, "reversed_by", None)
        return reversal.pk if reversal else None

    @staticmethod
    def resolve_postings(obj):
        return [
            {
                "account": posting.account.code,
                "fund": posting.fund.slug,
                "amount": amount_text(posting.amount_minor, posting.commodity),
                "commodity": posting.commodity,
                "memo": "" if obj.anonymous else posting.memo,
            }
            for posting in obj.postings.all()
        ]


class PostingIn(Schema):
    account: str = Field(description="An account code.", examples=["Assets:Bank:Current"])
    fund: str = Field("", description="A fund slug; the platform fund when left out.")
    amount: DecimalText
    commodity: str = Field("EUR", description="ISO 4217 or HOUR.", max_length=4)
    memo: str = Field("", max_length=200)


class TransactionIn(Schema):
    date: datetime.date
    description: str = Field(min_length=1, max_length=300)
    counterparty: str | None = Field(None, description="An actor's slug.")
    anonymous: bool = Field(False, description="The giver asked never to be named in public.")
    reference: str = Field("", max_length=120)
    is_transfer: bool = Field(False, description="Between two funds, each balanced.")
    postings: list[PostingIn] = Field(min_length=2)
    post: bool = Field(False, description="Post at once; otherwise a draft.")


class TransactionChange(Schema):
    """A draft's new values; what is left out stays. Postings, when given, replace them all."""

    date: datetime.date | None = None
    description: str | None = Field(None, min_length=1, max_length=300)
    counterparty: str | None = None
    anonymous: bool | None = None
    reference: str | None = Field(None, max_length=120)
    postings: list[PostingIn] | None = Field(None, min_length=2)


class ReverseIn(Schema):
    reason: str = Field(min_length=1, max_length=300)
    date: datetime.date | None = Field(None, description="Today when left out.")


def _transactions():
    return Transaction.objects.select_related("counterparty", "reversed_by").prefetch_related(
        Prefetch("postings", queryset=Posting.objects.select_related("account", "fund"))
    )


def _visible(user):
    """Treasurers see drafts; everyone else posted transactions only."""
    queryset = _transactions()
    return queryset if can_keep_books(user) else queryset.posted()


def _one(request, transaction_id: int) -> Transaction:
    return get_object_or_404(_visible(request.auth), pk=transaction_id)


def _counterparty(slug: str | None) -> Actor | None:
    if not slug:
        return None
    actor = Actor.objects.filter(slug=slug).first()
    if actor is None:
        raise _bad_parameter("counterparty", _("Unknown actor: %(slug)s.") % {"slug": slug})
    return actor


def _legs(postings: list[PostingIn]) -> list[services.Leg]:
    """Postings as the service takes them; every unknown account or fund said at once."""
    accounts = Account.objects.in_bulk({p.account for p in postings}, field_name="code")
    funds = Fund.objects.in_bulk({p.fund for p in postings if p.fund}, field_name="slug")
    platform = selectors.platform_fund() if any(not p.fund for p in postings) else None
    errors = {}
    for index, posting in enumerate(postings):
        if posting.account not in accounts:
            errors[f"postings.{index}.account"] = _("Unknown account: %(code)s.") % {
                "code": posting.account
            }
        if posting.fund and posting.fund not in funds:
            errors[f"postings.{index}.fund"] = _("Unknown fund: %(slug)s.") % {"slug": posting.fund}
    if errors:
        raise DjangoValidationError(errors)
    return [
        services.Leg(
            account=accounts[p.account],
            fund=funds[p.fund] if p.fund else platform,
            amount=p.amount,
            commodity=p.commodity,
            memo=p.memo,
        )
        for p in postings
    ]


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
    queryset = _visible(request.auth).order_by("-date", "-id")
    chosen = _fund_param(fund)
    if chosen is not None:
        queryset = queryset.filter(pk__in=Posting.objects.filter(fund=chosen).values("transaction"))
    if period:
        span = _period_param(period)
        queryset = queryset.filter(date__range=(span.start, span.end))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.get(
    "/transactions/{transaction_id}",
    response={200: TransactionOut, 404: ErrorOut},
    auth=READ,
    summary="One transaction with its postings",
    description="A draft is found with a treasurer's token only.",
)
def transaction(request, transaction_id: int):
    return _one(request, transaction_id)


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
    if key and Transaction.objects.filter(external_key=key).exists():
        return Status(200, _transactions().get(external_key=key))
    legs = _legs(payload.postings)
    try:
        with db.atomic():
            tx, created = services.transaction_create(
                date=payload.date,
                description=payload.description,
                legs=legs,
                counterparty=_counterparty(payload.counterparty),
                anonymous=payload.anonymous,
                reference=payload.reference,
                external_key=key,
                is_transfer=payload.is_transfer,
                post=payload.post,
                recorder=request.auth,
            )
            if created:
                retry_record(request, key, tx)
    except IntegrityError:
        # The same key raced in from a parallel retry: the first one won, answer with it.
        if not key or not Transaction.objects.filter(external_key=key).exists():
            raise
        tx, created = Transaction.objects.get(external_key=key), False
    return Status(201 if created else 200, _transactions().get(pk=tx.pk))


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
        return _conflict(_("A posted transaction cannot be changed: reverse it instead."))
    change = payload.model_dump(exclude_unset=True)
    if "postings" in change and payload.postings is not None:
        legs = _legs(payload.postings)
    else:
        legs = [
            services.Leg(p.account, p.fund, p.amount, p.commodity, p.memo)
            for p in tx.postings.all()
        ]
    counterparty = (
        _counterparty(payload.counterparty) if "counterparty" in change else tx.counterparty
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
    return _transactions().get(pk=tx.pk)


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
        return _conflict(_("A posted transaction cannot be deleted: reverse it instead."))
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
    return _transactions().get(pk=tx.pk)


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
    existed = Transaction.objects.filter(reverses=tx).exists()
    reversal = services.transaction_reverse(
        transaction=tx, reason=payload.reason, date=payload.date, recorder=request.auth
    )
    return Status(200 if existed else 201, _transactions().get(pk=reversal.pk))


# --- reports -------------------------------------------------------------------------------------


class TrialRowOut(BaseModel):
    account: str
    name: str
    type: AccountType
    commodity: str
    debit: str
    credit: str
    balance: str = Field(description="Debit positive, credit negative.")


class TrialTotalOut(BaseModel):
    commodity: str
    debit: str
    credit: str


class TrialBalanceOut(BaseModel):
    fund: str | None = Field(description="A fund's slug; null for all funds together.")
    on: datetime.date
    rows: list[TrialRowOut]
    totals: list[TrialTotalOut]
    balanced: bool = Field(description="Debits equal credits in every commodity.")


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
    chosen = _fund_param(fund)
    trial = selectors.trial_balance(fund=chosen, on=on or timezone.localdate())
    return {
        "fund": chosen.slug if chosen else None,
        "on": trial.on,
        "rows": [
            {
                "account": row.account.code,
                "name": row.account.label,
                "type": row.account.type,
                "commodity": row.commodity,
                "debit": amount_text(row.debit, row.commodity),
                "credit": amount_text(row.credit, row.commodity),
                "balance": amount_text(row.minor, row.commodity),
            }
            for row in trial.rows
        ],
        "totals": [
            {
                "commodity": commodity,
                "debit": amount_text(total["debit"], commodity),
                "credit": amount_text(total["credit"], commodity),
            }
            for commodity, total in trial.totals.items()
        ],
        "balanced": trial.balanced,
    }


class FiguresOut(BaseModel):
    coverage: str | None = Field(description="Monetary resources ÷ needs.")
    coverage_with_valued: str | None = Field(
        description="Monetary and valued resources (time, in-kind) ÷ needs."
    )
    contributions_share: str | None = Field(description="Users' contributions ÷ needs.")
    diversification_natures: str | None = Field(
        description="1 − Herfindahl index over the resource natures."
    )
    diversification_sources: str | None = Field(
        description="1 − Herfindahl index over the individual sources."
    )
    dependency: str | None = Field(description="The share of the largest source.")
    runway_months: str | None = Field(description="Cash ÷ average monthly burn.")


class NeedsOut(BaseModel):
    total: str
    by_category: dict[str, str]


class ResourcesOut(BaseModel):
    monetary: str
    valued: str = Field(description="Volunteer time and in-kind, valued.")
    total: str


class NatureOut(BaseModel):
    nature: ResourceNature
    label: str
    amount: str
    monetary: bool


class SourceOut(BaseModel):
    name: str = Field(description="“Anonymous” for a giver who asked for anonymity.")
    actor_id: int | None
    anonymous: bool
    amount: str
    share: str | None


class MonthOut(BaseModel):
    month: str
    needs: str
    monetary: str
    valued: str
    spending: str


class RateUsedOut(BaseModel):
    date: datetime.date
    commodity: str
    quote: str
    rate: str


class RateMissingOut(BaseModel):
    commodity: str
    date: datetime.date


class RatesOut(BaseModel):
    used: list[RateUsedOut]
    missing: list[RateMissingOut]


class SustainabilityOut(BaseModel):
    fund: str | None = Field(description="A fund's slug; null for all funds together.")
    period: str
    start: datetime.date
    end: datetime.date
    currency: str = Field(description="Every amount below is in this currency.")
    figures: FiguresOut
    needs: NeedsOut
    resources: ResourcesOut
    hours: str = Field(description="Volunteer hours given, before valuing them.")
    by_nature: list[NatureOut]
    sources: list[SourceOut]
    gap_per_month: str = Field(description="What is missing per month for monetary resources.")
    spending_by_category: dict[str, str]
    months: list[MonthOut]
    cash: str
    monthly_burn: str
    rates: RatesOut


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
    chosen = _fund_param(fund)
    span = _period_param(period) if period else books.period_of("year", timezone.localdate())
    report = selectors.sustainability(fund=chosen, period=span)
    currency = report.currency

    def money(minor) -> str:
        return amount_text(minor, currency)

    figures = report.figures()
    return {
        "fund": chosen.slug if chosen else None,
        "period": span.name,
        "start": span.start,
        "end": span.end,
        "currency": currency,
        "figures": {name: _ratio(value) for name, value in figures.items()},
        "needs": {
            "total": money(report.needs),
            "by_category": {name: money(v) for name, v in report.needs_by_category.items()},
        },
        "resources": {
            "monetary": money(report.resources_monetary),
            "valued": money(report.resources_valued),
            "total": money(report.resources_total),
        },
        "hours": amount_text(report.hours, HOUR),
        "by_nature": [
            {
                "nature": nature,
                "label": str(ResourceNature(nature).label),
                "amount": money(amount),
                "monetary": nature not in NON_MONETARY_NATURES,
            }
            for nature, amount in report.by_nature.items()
        ],
        "sources": [
            {
                "name": source["name"],
                "actor_id": source["actor_id"],
                "anonymous": source["anonymous"],
                "amount": money(source["amount"]),
                "share": _ratio(source["share"]),
            }
            for source in report.sources[:top]
        ],
        "gap_per_month": money(report.gap_per_month),
        "spending_by_category": {
            name: money(amount) for name, amount in sorted(report.spending_by_category.items())
        },
        "months": [
            {
                "month": f"{row['month']:%Y-%m}",
                **{key: money(row[key]) for key in ("needs", "monetary", "valued", "spending")},
            }
            for row in report.months
        ],
        "cash": money(report.cash),
        "monthly_burn": money(report.monthly_burn),
        "rates": {
            "used": [
                {**rate, "rate": format(rate["rate"].normalize(), "f")}
                for rate in report.rates["used"]
            ],
            "missing": report.rates["missing"],
        },
    }
