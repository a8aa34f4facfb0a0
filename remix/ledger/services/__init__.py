"""Every write to the books: atomic, locked then re-checked, audited.

A transaction is written as a draft, then posted; once posted it never changes and a correction
is a reversal. Every transaction balances per fund and commodity, drafts included.

By subject: ``accounts`` (funds and accounts), ``bank_accounts`` (their IBAN and holder),
``transactions`` (drafts, posting, reversals, transfers, receipts), ``budget`` (needs),
``rates`` (exchange rates), ``periods`` (closing);
``checks`` holds the checks they share and ``audit`` what every write leaves behind. Other apps
call them through this package: ``from remix.ledger import services``.
"""

from remix.ledger.services.accounts import account_create, account_update, fund_create, fund_update
from remix.ledger.services.bank_accounts import bank_account_pass, bank_account_record
from remix.ledger.services.budget import budget_line_create, budget_line_delete
from remix.ledger.services.checks import Leg, legs_check, legs_read
from remix.ledger.services.periods import period_close
from remix.ledger.services.rates import rate_record
from remix.ledger.services.transactions import (
    attachment_add,
    legs_of,
    transaction_categorise,
    transaction_create,
    transaction_delete,
    transaction_post,
    transaction_reverse,
    transaction_update,
    transfer_record,
)

__all__ = [
    "Leg",
    "account_create",
    "account_update",
    "attachment_add",
    "bank_account_pass",
    "bank_account_record",
    "budget_line_create",
    "budget_line_delete",
    "fund_create",
    "fund_update",
    "legs_check",
    "legs_read",
    "legs_of",
    "period_close",
    "rate_record",
    "transaction_categorise",
    "transaction_create",
    "transaction_delete",
    "transaction_post",
    "transaction_reverse",
    "transaction_update",
    "transfer_record",
]
