"""What the open budget and the dashboard show, shaped once for the page, its JSON and its CSV.

Every figure comes from ``selectors.sustainability()``, the report the API serves too. Two
breakdowns the report does not keep — resources per month *and* nature, and per source *and*
nature — come from ``resource_detail()``, the same income postings converted by the same
``Converter``, so that its totals are the report's.

Amounts stay ints of minor units here; JSON and CSV write them as decimal strings, pages format
them in the reader's locale. Nobody who asked for anonymity is ever named: sources come from the
report (which never names them) and transactions go through ``counterparty_public_name``.
"""

from remix.ledger.openbudget.common import (
    ALL_FUNDS,
    SANKEY_SOURCES,
    TOP_SOURCES,
    category_label,
    decimal_text,
    figure_labels,
    fund_key,
    nature_label,
    ratio_text,
    years_with_books,
)
from remix.ledger.openbudget.dashboard import (
    ResourceDetail,
    flow_records,
    flow_table,
    flows,
    month_charts,
    month_records,
    month_rows,
    resource_detail,
)
from remix.ledger.openbudget.report import (
    SUMMARY_COLUMNS,
    category_rows,
    funds_table,
    hourly_rates,
    nature_rows,
    projects_beside,
    summary_record,
    summary_rows,
)
from remix.ledger.openbudget.transactions import (
    TRANSACTION_COLUMNS,
    transaction_csv_rows,
    transaction_records,
    transaction_rows,
    transactions_count,
    transactions_listed,
    transactions_page,
)

__all__ = [
    "ALL_FUNDS",
    "ResourceDetail",
    "SANKEY_SOURCES",
    "SUMMARY_COLUMNS",
    "TOP_SOURCES",
    "TRANSACTION_COLUMNS",
    "category_label",
    "category_rows",
    "decimal_text",
    "figure_labels",
    "flow_records",
    "flow_table",
    "flows",
    "fund_key",
    "funds_table",
    "hourly_rates",
    "projects_beside",
    "month_charts",
    "month_records",
    "month_rows",
    "nature_label",
    "nature_rows",
    "ratio_text",
    "resource_detail",
    "summary_record",
    "summary_rows",
    "transaction_csv_rows",
    "transaction_records",
    "transaction_rows",
    "transactions_count",
    "transactions_listed",
    "transactions_page",
    "years_with_books",
]
