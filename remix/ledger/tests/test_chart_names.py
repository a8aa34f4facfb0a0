"""The accounts the code writes to are named once, in the chart of accounts, and exist there."""

from remix.ledger import chart


def test_every_account_the_code_names_is_a_row_of_the_chart():
    codes = {row[0] for row in chart.CHART}
    named = {
        name: value
        for name, value in vars(chart).items()
        if name.isupper() and isinstance(value, str) and ":" in value
    }
    assert len(named) == 14
    assert {name: code for name, code in named.items() if code not in codes} == {}
