"""Every read of the books that pages, API and exports share, by subject.

- ``sums``: posted postings, their sum, the first of a month (the pieces of every query);
- ``funds``, ``accounts``: the platform's fund, the lists, the chart as a tree, the bank
  account held on a day;
- ``conversions``: amounts converted at the rate of their day (``Converter``), the rates;
- ``balances``: the trial balance, the income statement, the balance sheet;
- ``budget``: needs per year and per month;
- ``movements``, ``sustainability_report``: the sustainability report, cached per version;
- ``headline``: the money headline of a fund over a period, which every page says alike;
- ``transactions``: the treasurer's list and detail, and what public pages may say;
- ``periods``: the months, their closings, the treasurer's home.

The names below are the package's public reads; other apps import them from here.
"""

from remix.ledger.selectors.accounts import (
    account_tree,
    bank_account,
    bank_account_held,
    bank_account_list,
    bank_accounts_of,
)
from remix.ledger.selectors.balances import (
    BalanceRow,
    TrialBalance,
    account_balance,
    balance_sheet,
    balance_sheet_sections,
    commodity_totals,
    income_statement,
    income_statement_sections,
    trial_balance,
)
from remix.ledger.selectors.budget import budget_lines_of_year, needs_by_month
from remix.ledger.selectors.conversions import Converter, commodities_convertible, rates_recent
from remix.ledger.selectors.funds import fund_list, funds_counted, platform_fund, reporting_currency
from remix.ledger.selectors.headline import Headline, money_headline
from remix.ledger.selectors.periods import books_overview, months_recent, periods_closed
from remix.ledger.selectors.sums import MonthStart
from remix.ledger.selectors.sustainability_report import (
    Sustainability,
    books_version,
    source_known,
    sustainability,
    sustainability_compute,
)
from remix.ledger.selectors.transactions import (
    counterparty_public_name,
    public_description,
    public_transactions,
    transaction_detail,
    transactions_filtered,
    transactions_linked,
    transactions_sized,
    transactions_waiting,
)

__all__ = [
    "BalanceRow",
    "Converter",
    "Headline",
    "MonthStart",
    "Sustainability",
    "TrialBalance",
    "account_balance",
    "account_tree",
    "balance_sheet",
    "balance_sheet_sections",
    "bank_account",
    "bank_account_held",
    "bank_account_list",
    "bank_accounts_of",
    "books_overview",
    "books_version",
    "budget_lines_of_year",
    "commodities_convertible",
    "commodity_totals",
    "counterparty_public_name",
    "fund_list",
    "funds_counted",
    "income_statement",
    "income_statement_sections",
    "money_headline",
    "months_recent",
    "needs_by_month",
    "periods_closed",
    "platform_fund",
    "public_description",
    "public_transactions",
    "rates_recent",
    "reporting_currency",
    "source_known",
    "sustainability",
    "sustainability_compute",
    "transaction_detail",
    "transactions_filtered",
    "transactions_linked",
    "transactions_sized",
    "transactions_waiting",
    "trial_balance",
]
