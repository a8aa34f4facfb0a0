"""The open books, one module a subject.

The **books** (``books``) are funds, accounts, transactions and their postings, with the needs,
exchange rates and closed periods around them; **bank imports** (``bank_imports``) are the
statement files whose rows land in the books as drafts; the **bank accounts** (``bank_accounts``)
are the accounts of the books held at a bank, with their holder; the **kept balances**
(``remix.ledger.kept``) are totals kept as the books are written.
"""

from remix.ledger.kept import KeptBalance, KeptCashOut, KeptSource
from remix.ledger.models.bank_accounts import BankAccount
from remix.ledger.models.bank_imports import BankImport, ImportStatus
from remix.ledger.models.books import (
    ACCOUNT_CODE,
    NON_MONETARY_NATURES,
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
    ImmutableQuerySet,
    NeedCategory,
    PeriodKind,
    Posting,
    PostingQuerySet,
    ResourceNature,
    Transaction,
    TransactionQuerySet,
    TransactionStatus,
    receipt_path,  # named by the first migration
)

__all__ = [
    "ACCOUNT_CODE",
    "NON_MONETARY_NATURES",
    "ROOT_TYPES",
    "Account",
    "AccountScope",
    "AccountType",
    "Attachment",
    "BankAccount",
    "BankImport",
    "BooksState",
    "BudgetLine",
    "ClosedPeriod",
    "ExchangeRate",
    "Fund",
    "FundKind",
    "ImmutableQuerySet",
    "ImportStatus",
    "KeptBalance",
    "KeptCashOut",
    "KeptSource",
    "NeedCategory",
    "PeriodKind",
    "Posting",
    "PostingQuerySet",
    "ResourceNature",
    "Transaction",
    "TransactionQuerySet",
    "TransactionStatus",
    "receipt_path",
]
