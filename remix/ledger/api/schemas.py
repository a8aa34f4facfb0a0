"""What the books' API reads and writes: the bodies, as the OpenAPI document shows them.

Amounts travel as decimal strings ("-50.00"), never as JSON numbers, so that no float ever
touches them.
"""

import datetime
import re
from types import SimpleNamespace
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError

from remix.api.common import amount_text
from remix.ledger import selectors
from remix.ledger.models import (
    AccountScope,
    AccountType,
    FundKind,
    NeedCategory,
    ResourceNature,
    TransactionStatus,
)

# --- amounts -------------------------------------------------------------------------------------

# Signed: income is negative.
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


# --- accounts and funds --------------------------------------------------------------------------


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


# --- bank accounts -------------------------------------------------------------------------------


class BankAccountOut(Schema):
    id: int
    account: str = Field(description="The account of the books it is (its code).")
    holder: str = Field(description="The slug of the organisation that holds it: the fiscal host.")
    holder_name: str
    iban: str
    bic: str
    holder_address: str
    held_from: datetime.date | None = Field(description="Empty until a handover passes it on.")
    held_until: datetime.date | None

    @staticmethod
    def resolve_account(obj):
        return obj.account.code

    @staticmethod
    def resolve_holder(obj):
        return obj.holder.slug

    @staticmethod
    def resolve_holder_name(obj):
        return obj.holder.name


class BankAccountIn(Schema):
    account: str = Field(max_length=200, description="The code of a cash account of the books.")
    holder: str = Field(max_length=200, description="The slug of the actor that holds it.")
    iban: str = Field(max_length=42, examples=["FR76 3000 6000 0112 3456 7890 189"])
    bic: str = Field("", max_length=11)
    holder_address: str = Field("", max_length=1000)
    held_from: datetime.date | None = Field(
        None, description="Left out, the account waits for a handover to pass it on."
    )
    held_until: datetime.date | None = None


# --- transactions --------------------------------------------------------------------------------


# A list of transactions is written once per page from plain rows (``journal.transaction_rows``):
# plain pydantic models, as ninja's Schema would read each field of each row through a Python
# getter.
class PostingOut(BaseModel):
    account: str = Field(description="The account's code.")
    fund: str = Field(description="The fund's slug.")
    amount: str = Field(description="A decimal string; income negative, expenses positive.")
    commodity: str
    memo: str


class TransactionOut(BaseModel):
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


def transaction_out(row: dict) -> dict:
    """A transaction's row (``journal.transaction_rows``) as the public may read it: a giver who
    asked for anonymity is named nowhere, nor are the words a treasurer typed about the gift
    (its reference, reason and memos), which may name them."""
    anonymous = row["anonymous"]
    masked = SimpleNamespace(
        anonymous=anonymous,
        description=row["description"],
        reverses_id=row["reverses_id"],
        external_key=row["external_key"],
        counterparty_id=row["counterparty_id"],
        counterparty=SimpleNamespace(name=row["counterparty__name"]),
    )
    return {
        **row,
        "description": selectors.public_description(masked),
        "counterparty": selectors.counterparty_public_name(masked) or None,
        "counterparty_slug": (
            None if anonymous or not row["counterparty_id"] else row["counterparty__slug"]
        ),
        "reference": "" if anonymous else row["reference"],
        "reason": "" if anonymous else row["reason"],
        "reverses": row["reverses_id"],
        "postings": [
            {
                "account": posting["account__code"],
                "fund": posting["fund__slug"],
                "amount": amount_text(posting["amount_minor"], posting["commodity"]),
                "commodity": posting["commodity"],
                "memo": "" if anonymous else posting["memo"],
            }
            for posting in row["postings"]
        ],
    }


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


# --- the trial balance ---------------------------------------------------------------------------


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


def trial_balance_record(trial: selectors.TrialBalance) -> dict:
    """The trial balance as ``TrialBalanceOut`` shows it: amounts as decimal strings."""
    return {
        "fund": trial.fund.slug if trial.fund else None,
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


# --- sustainability: the record of ``remix.ledger.sustainability_json`` ---------------------------


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
    transfers_in: str = Field(
        description="Received from other funds (a round's matching), counted in monetary."
    )
    unattributed: str = Field(
        description="Income with no known source, left out of the measures of sources."
    )


class NatureOut(BaseModel):
    nature: ResourceNature
    label: str
    amount: str
    monetary: bool


class SourceOut(BaseModel):
    name: str = Field(description="“Anonymous” for a giver who asked for anonymity.")
    actor_id: int | None
    anonymous: bool
    transfer: bool = Field(description="True for what other funds transferred.")
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
