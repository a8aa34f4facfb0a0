"""The treasurer's forms: they parse what was typed (amounts in the reader's locale) and nothing
more; the services decide what may be written and say why not.

By subject: ``fields`` (amounts, currencies, periods, dates, choices), ``accounts`` (accounts
and funds), ``transactions`` (a transaction, its rows, its actions), ``quick`` (time, in-kind,
transfers), ``reports`` (needs, rates, reports, closing). Other apps' forms reuse the fields
named below.
"""

from remix.ledger.forms.fields import (
    AccountChoiceField,
    AmountField,
    CommodityField,
    FundChoiceField,
    PeriodField,
    decimal_parse,
)

__all__ = [
    "AccountChoiceField",
    "AmountField",
    "CommodityField",
    "FundChoiceField",
    "PeriodField",
    "decimal_parse",
]
