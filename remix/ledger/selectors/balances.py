"""Balances and the three reports: the trial balance, the income statement, the balance sheet.

Sums are read from the kept balances (``selectors/kept.py``): whole months and the days of a
month cut short, never the postings themselves; drafts, which the kept balances leave out, are
summed from their postings when asked for.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from remix.ledger import maths
from remix.ledger.models import Account, AccountType, Fund, Posting
from remix.ledger.selectors.kept import kept
from remix.ledger.selectors.sums import total_minor


@dataclass
class BalanceRow:
    account: Account
    commodity: str
    minor: int

    @property
    def debit(self) -> int:
        return self.minor if self.minor > 0 else 0

    @property
    def credit(self) -> int:
        return -self.minor if self.minor < 0 else 0


@dataclass
class TrialBalance:
    fund: Fund | None
    on: datetime.date
    rows: list[BalanceRow]
    totals: dict[str, dict] = field(default_factory=dict)  # commodity → debit, credit

    @property
    def balanced(self) -> bool:
        return all(total["debit"] == total["credit"] for total in self.totals.values())


def commodity_totals(rows, attribute: str) -> dict[str, int]:
    """The sum of ``attribute`` over rows that have a ``commodity``, per commodity."""
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row.commodity] += getattr(row, attribute)
    return dict(sorted(totals.items()))


def trial_balance(*, fund: Fund | None, on: datetime.date) -> TrialBalance:
    """Every account's balance per commodity on a day (included): debits equal credits."""
    sums = (
        kept(None, on, fund=fund)
        .values_list("account_id", "commodity")
        .annotate(total=total_minor())
        .order_by()
    )
    accounts = Account.objects.in_bulk()
    rows = [
        BalanceRow(accounts[account_id], commodity, total)
        for account_id, commodity, total in sums
        if total
    ]
    rows.sort(key=lambda row: (row.account.code, row.commodity))
    totals: dict[str, dict] = {}
    for row in rows:
        total = totals.setdefault(row.commodity, {"debit": 0, "credit": 0})
        total["debit"] += row.debit
        total["credit"] += row.credit
    return TrialBalance(fund=fund, on=on, rows=rows, totals=dict(sorted(totals.items())))


def account_balance(
    *, account: Account, on: datetime.date, fund: Fund | None = None, drafts: bool = False
) -> dict[str, int]:
    """An account's balance per commodity on a day, across funds unless one is given."""
    rows = kept(None, on, fund=fund).filter(account=account)
    totals = dict(rows.values_list("commodity").annotate(total=total_minor()).order_by())
    if drafts:
        postings = Posting.objects.filter(account=account, date__lte=on, posted=False)
        if fund is not None:
            postings = postings.filter(fund=fund)
        drafted = postings.values_list("commodity").annotate(total=total_minor()).order_by()
        for commodity, total in drafted:
            totals[commodity] = totals.get(commodity, 0) + total
    return totals


def income_statement(*, fund: Fund | None, period: maths.Period) -> list[BalanceRow]:
    """Income and expenses of a period, per account and commodity (income negative)."""
    sums = (
        kept(period.start, period.end, fund=fund)
        .filter(account__type__in=[AccountType.INCOME, AccountType.EXPENSE])
        .values_list("account_id", "commodity")
        .annotate(total=total_minor())
        .order_by()
    )
    accounts = Account.objects.in_bulk()
    rows = [BalanceRow(accounts[a], c, t) for a, c, t in sums if t]
    return sorted(rows, key=lambda row: (row.account.code, row.commodity))


def income_statement_sections(*, fund: Fund | None, period: maths.Period) -> dict:
    """The income statement as the page shows it: income and expenses apart, each with its
    totals per commodity, and the result (income positive)."""
    rows = income_statement(fund=fund, period=period)
    income = [row for row in rows if row.account.type == AccountType.INCOME]
    expenses = [row for row in rows if row.account.type == AccountType.EXPENSE]
    return {
        "income": income,
        "expenses": expenses,
        "income_totals": {c: -m for c, m in commodity_totals(income, "minor").items()},
        "expense_totals": commodity_totals(expenses, "minor"),
        "result": {c: -m for c, m in commodity_totals(rows, "minor").items()},
    }


def balance_sheet(*, fund: Fund | None, on: datetime.date) -> dict:
    """Assets, liabilities and equity on a day; the result to date stands in the equity."""
    trial = trial_balance(fund=fund, on=on)
    sections = {"asset": [], "liability": [], "equity": []}
    result: dict[str, int] = defaultdict(int)
    for row in trial.rows:
        if row.account.type in sections:
            sections[row.account.type].append(row)
        else:
            result[row.commodity] += row.minor
    return {"on": on, "fund": fund, "sections": sections, "result": dict(result)}


def balance_sheet_sections(*, fund: Fund | None, on: datetime.date) -> dict:
    """The balance sheet as the page shows it: assets against what claims them (liabilities,
    equity and the result to date), each side with its totals per commodity."""
    sheet = balance_sheet(fund=fund, on=on)
    sections = sheet["sections"]
    assets = commodity_totals(sections["asset"], "minor")
    claims: dict[str, int] = defaultdict(int)
    for row in sections["liability"] + sections["equity"]:
        claims[row.commodity] -= row.minor
    for commodity, minor in sheet["result"].items():
        claims[commodity] -= minor
    return {
        "sheet": sheet,
        "assets": sections["asset"],
        "liabilities": sections["liability"],
        "equity": sections["equity"],
        "asset_totals": assets,
        "result": {c: -m for c, m in sorted(sheet["result"].items()) if m},
        "claim_totals": {c: m for c, m in sorted(claims.items()) if m or c in assets},
    }
