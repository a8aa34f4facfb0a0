"""The books at scale: the reports read from the kept balances, against the same sums over the
postings and against Beancount.

On the generated books (``--scale large``: 1,000,000 postings over the three years before the
demo's, in eleven funds, and the demo's two years), each measured path alternates with its
baseline in the same run:

- ``trial_balance``: ``selectors.trial_balance(fund=None, on=…)`` (kept balances) against the
  hand-written ``GROUP BY`` over the postings that it replaces, rows fetched; and against
  ``bean-check`` on the same books exported (``remix export-beancount``), run ``--repeats`` times;
- ``account_balance``: the bank account's balance in the middle of a month against the same sum
  over its postings;
- ``sustainability``: ``selectors.sustainability_compute(fund=None, period=year)`` (no cache)
  against the aggregates it needs written by hand over the postings (resources by account, fund,
  commodity, day and source; spending; cash; burn over twelve months; budget lines);
- ``budget_page``: GET of the open budget page for the platform fund and a year (the report from
  the cache, as between two writes to the books), ``budget_page_cold`` the same with the cache
  emptied before each request (as after a write), and the minimal view as the floor.
"""

import datetime

RAW_TRIAL = """
SELECT account_id, commodity, SUM(amount_minor) FROM ledger_posting
WHERE posted AND date <= %s GROUP BY account_id, commodity
"""

# The month of a date, natively: {month} is replaced per database.
MONTH = {
    "sqlite": "date(p.date, 'start of month')",
    "postgresql": "CAST(date_trunc('month', p.date) AS date)",
}

RAW_SUSTAINABILITY = [
    (
        """SELECT p.account_id, p.fund_id, p.commodity,
                  CASE WHEN p.commodity = 'EUR' THEN {month} ELSE p.date END AS day,
                  SUM(p.amount_minor)
           FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
           WHERE p.posted AND p.date BETWEEN %s AND %s AND a.type = 'income'
           GROUP BY p.account_id, p.fund_id, p.commodity, day""",
        "period",
    ),
    (
        """SELECT t.counterparty_id, t.anonymous, p.commodity,
                  CASE WHEN p.commodity = 'EUR' THEN NULL ELSE p.date END AS day,
                  SUM(p.amount_minor)
           FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
                JOIN ledger_transaction t ON t.id = p.transaction_id
           WHERE p.posted AND p.date BETWEEN %s AND %s AND a.type = 'income'
           GROUP BY t.counterparty_id, t.anonymous, p.commodity, day""",
        "period",
    ),
    (
        """SELECT p.account_id, p.fund_id, p.commodity,
                  CASE WHEN p.commodity = 'EUR' THEN {month} ELSE p.date END AS day,
                  SUM(p.amount_minor)
           FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
           WHERE p.posted AND p.date BETWEEN %s AND %s AND a.type = 'expense'
           GROUP BY p.account_id, p.fund_id, p.commodity, day""",
        "period",
    ),
    (
        """SELECT p.commodity, SUM(p.amount_minor), MIN(p.date)
           FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
           WHERE p.posted AND p.date <= %s AND a.is_cash GROUP BY p.commodity""",
        "end",
    ),
    (
        """SELECT p.commodity, p.date, SUM(p.amount_minor)
           FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
                JOIN ledger_transaction t ON t.id = p.transaction_id
                LEFT JOIN ledger_transaction r ON r.reverses_id = t.id
           WHERE p.posted AND p.date BETWEEN %s AND %s AND a.is_cash AND p.amount_minor < 0
             AND NOT t.is_transfer AND t.reverses_id IS NULL AND r.id IS NULL
           GROUP BY p.commodity, p.date""",
        "period",
    ),
    (
        """SELECT fund_id, account_id, category, commodity, start, "end", amount_minor
           FROM ledger_budgetline WHERE start <= %s AND "end" >= %s""",
        "lines",
    ),
]


RAW_ACCOUNT = """
SELECT commodity, SUM(amount_minor) FROM ledger_posting
WHERE posted AND account_id = %s AND date <= %s GROUP BY commodity
"""


def _bean_check(path, repeats: int) -> list[float]:
    """Milliseconds of ``bean-check`` reading the exported books, each run in its own process."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    bean_check = Path(sys.executable).parent / "bean-check"
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([str(bean_check), str(path)], check=True, capture_output=True)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _row(path, remix, baseline, baseline_ms, target, met) -> dict:
    return {
        "path": path,
        "remix_ms": round(remix, 3),
        "baseline": baseline,
        "baseline_ms": round(baseline_ms, 3),
        "ratio": round(remix / baseline_ms, 4),
        "target": target,
        "met": met,
    }


def run(args) -> dict:
    import statistics
    import tempfile
    from pathlib import Path

    from bench.common import instance, interleaved, summary

    vendor = instance(scale=args.scale)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from remix.ledger import maths, selectors
    from remix.ledger.beancount import beancount_write
    from remix.ledger.generate import generated_years
    from remix.ledger.models import Account, Posting

    last = generated_years()[-1]  # the last generated year, whole
    on = datetime.date(last, 12, 31)
    mid_month = datetime.date(last, 6, 17)
    bank = Account.objects.get(code="Assets:Bank:Current")
    year = maths.period_parse(str(last))

    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def raw_sustainability():
        for template, kind in RAW_SUSTAINABILITY:
            sql = template.replace("{month}", MONTH[vendor])
            params = {
                "period": [year.start, year.end],
                "end": [year.end],
                "lines": [year.end, year.start],
            }[kind]
            raw(sql, params)

    trial = selectors.trial_balance(fund=None, on=on)
    assert trial.balanced
    check = {(a, c): t for a, c, t in raw(RAW_TRIAL, [on]) if t}
    assert check == {(row.account.pk, row.commodity): row.minor for row in trial.rows}
    assert selectors.account_balance(account=bank, on=mid_month) == {
        c: t for c, t in raw(RAW_ACCOUNT, [bank.pk, mid_month])
    }

    computations = interleaved(
        {
            "trial_balance_raw_sql": lambda: raw(RAW_TRIAL, [on]),
            "trial_balance": lambda: selectors.trial_balance(fund=None, on=on),
            "account_balance_raw_sql": lambda: raw(RAW_ACCOUNT, [bank.pk, mid_month]),
            "account_balance": lambda: selectors.account_balance(account=bank, on=mid_month),
            "sustainability_raw_sql": raw_sustainability,
            "sustainability": lambda: selectors.sustainability_compute(fund=None, period=year),
        },
        rounds=max(3, args.rounds // 3),
        per_round=1,
        warmup=1,
    )

    client = Client()
    budget = f"/budget/?fund=plateforme&period={last}"
    assert client.get("/bench/minimal/").status_code == 200
    assert client.get(budget).status_code == 200

    def budget_cold():
        cache.clear()  # the report computed again, as after any write to the books
        return client.get(budget)

    pages = interleaved(
        {
            "minimal": lambda: client.get("/bench/minimal/"),
            "budget_page": lambda: client.get(budget),
            "budget_page_cold": budget_cold,
        },
        rounds=args.rounds,
        per_round=max(1, args.per_round // 4),
    )
    ledger_file = Path(tempfile.mkdtemp(prefix="remix-bench-beancount-")) / "books.beancount"
    with ledger_file.open("w") as out:
        beancount_write(out)
    bean_check = _bean_check(ledger_file, args.repeats)

    def median(name):
        return statistics.median(computations[name])

    pages_summary = summary(pages, baseline="minimal")
    cold = pages_summary["median_ms"]["budget_page_cold"]
    minimal = pages_summary["median_ms"]["minimal"]
    trial_ms, bean_ms = median("trial_balance"), statistics.median(bean_check)
    rows = [
        _row(
            "trial balance, 1M postings",
            trial_ms,
            "GROUP BY over the postings",
            median("trial_balance_raw_sql"),
            "≤ 50 ms",
            trial_ms <= 50,
        ),
        _row(
            "trial balance against bean-check",
            trial_ms,
            "bean-check of the exported books",
            bean_ms,
            "≥ 1,000× faster",
            bean_ms / trial_ms >= 1000,
        ),
        _row(
            "an account's balance at a date",
            median("account_balance"),
            "SUM over its postings",
            median("account_balance_raw_sql"),
            "≤ 5 ms",
            median("account_balance") <= 5,
        ),
        _row(
            "sustainability report",
            median("sustainability"),
            "its aggregates over the postings",
            median("sustainability_raw_sql"),
            "≤ 50 ms",
            median("sustainability") <= 50,
        ),
        _row("open budget page, cold", cold, "minimal view", minimal, "≤ 50 ms", cold <= 50),
    ]
    return {
        "database": vendor,
        "scale": args.scale,
        "postings": Posting.objects.count(),
        "rows": rows,
        "trial_balance": summary(
            {k: v for k, v in computations.items() if k.startswith("trial")},
            baseline="trial_balance_raw_sql",
        ),
        "account_balance": summary(
            {k: v for k, v in computations.items() if k.startswith("account")},
            baseline="account_balance_raw_sql",
        ),
        "sustainability": summary(
            {k: v for k, v in computations.items() if k.startswith("sustainability")},
            baseline="sustainability_raw_sql",
        ),
        "bean_check_ms": [round(value, 1) for value in bean_check],
        "pages": pages_summary,
    }
