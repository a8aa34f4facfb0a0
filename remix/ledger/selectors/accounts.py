"""The chart of accounts as the treasurer's pages read it."""

from remix.ledger import chart
from remix.ledger.models import Account


def account_tree() -> list[dict]:
    """Rows of the chart as a tree: the parts of a code that are no account become headings."""
    rows, seen = [], set()
    for account in Account.objects.order_by("code"):
        parts = account.code.split(":")
        for depth in range(1, len(parts)):
            prefix = ":".join(parts[:depth])
            if prefix not in seen:
                seen.add(prefix)
                rows.append({"depth": depth - 1, "name": parts[depth - 1], "account": None})
        seen.add(account.code)
        rows.append({"depth": len(parts) - 1, "name": parts[-1], "account": account})
    return rows


def bank_account() -> Account | None:
    """The current bank account, where money sits unless said otherwise."""
    return Account.objects.filter(code=chart.BANK, is_cash=True).first()
