"""The treasurer's pages under /budget/books/: the routes, each to its page family.

Treasurers and stewards only. Each view parses its input, makes one call to a service or a
selector and renders; what a service refuses comes back next to the field it concerns, with
everything typed still in the form.

- ``books_periods``: the home, closing months and years;
- ``books_accounts``: the chart of accounts and the funds;
- ``books_bank_accounts``: the platform's bank accounts and their holders;
- ``books_transactions``: the list, the detail, drafts written, posted, categorised, reversed;
- ``books_quick``: volunteer time, in-kind, transfers;
- ``books_reports``: needs, rates, the three reports;
- ``books_shared``: what they share.
"""

from django.urls import path

from remix.ledger.views.books_accounts import (
    account_create,
    account_edit,
    account_list,
    fund_create,
    fund_edit,
    fund_list,
)
from remix.ledger.views.books_bank_accounts import bank_account_list
from remix.ledger.views.books_periods import closing, home
from remix.ledger.views.books_quick import (
    actor_search,
    hours_record,
    in_kind_record,
    transfer_record,
)
from remix.ledger.views.books_reports import (
    balance_sheet,
    income_statement,
    need_create,
    need_delete,
    need_list,
    rate_list,
    trial_balance,
)
from remix.ledger.views.books_transactions import (
    attachment_create,
    transaction_categorise,
    transaction_create,
    transaction_delete,
    transaction_detail,
    transaction_edit,
    transaction_list,
    transaction_post,
    transaction_reverse,
)

TX = "books/transactions/<int:pk>/"

urlpatterns = [
    path("books/", home, name="books"),
    path("books/accounts/", account_list, name="books_accounts"),
    path("books/accounts/new/", account_create, name="books_account_create"),
    path("books/accounts/<int:pk>/edit/", account_edit, name="books_account_edit"),
    path("books/bank-accounts/", bank_account_list, name="books_bank_accounts"),
    path("books/funds/", fund_list, name="books_funds"),
    path("books/funds/new/", fund_create, name="books_fund_create"),
    path("books/funds/<slug:slug>/edit/", fund_edit, name="books_fund_edit"),
    path("books/transactions/", transaction_list, name="books_transactions"),
    path("books/transactions/new/", transaction_create, name="books_transaction_create"),
    path("books/transactions/hours/", hours_record, name="books_hours"),
    path("books/transactions/in-kind/", in_kind_record, name="books_in_kind"),
    path("books/transactions/transfer/", transfer_record, name="books_transfer"),
    path(TX, transaction_detail, name="books_transaction"),
    path(f"{TX}edit/", transaction_edit, name="books_transaction_edit"),
    path(f"{TX}post/", transaction_post, name="books_transaction_post"),
    path(f"{TX}categorise/", transaction_categorise, name="books_transaction_categorise"),
    path(f"{TX}reverse/", transaction_reverse, name="books_transaction_reverse"),
    path(f"{TX}delete/", transaction_delete, name="books_transaction_delete"),
    path(f"{TX}attachments/", attachment_create, name="books_attachment_create"),
    path("books/needs/", need_list, name="books_needs"),
    path("books/needs/new/", need_create, name="books_need_create"),
    path("books/needs/<int:pk>/delete/", need_delete, name="books_need_delete"),
    path("books/rates/", rate_list, name="books_rates"),
    path("books/reports/trial-balance/", trial_balance, name="books_trial_balance"),
    path("books/reports/income-statement/", income_statement, name="books_income_statement"),
    path("books/reports/balance-sheet/", balance_sheet, name="books_balance_sheet"),
    path("books/closing/", closing, name="books_closing"),
    path("books/actors.json", actor_search, name="books_actor_search"),
]
