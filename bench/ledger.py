"""The books at scale: trial balance and sustainability report against raw SQL, and the page.

On the generated books (``--scale large``: 1,000,000 postings over 2023–2025 in eleven funds, and
the demo year), each measured path alternates with its baseline, the equivalent hand-written SQL
``GROUP BY`` on the same database, run through the same connection with rows fetched:

- ``trial_balance``: ``selectors.trial_balance(fund=None, on=…)`` against one ``GROUP BY``;
- ``sustainability``: ``selectors.sustainability_compute(fund=None, period=year)`` (no cache)
  against the same
  aggregates written by hand (resources by account, fund, commodity, day and source; spending;
  cash; burn over twelve months; budget lines);
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


def run(args) -> dict:
    from bench.common import instance, interleaved, summary

    vendor = instance(scale=args.scale)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from remix.ledger import maths, selectors
    from remix.ledger.models import Posting

    on = datetime.date(2025, 12, 31)
    year = maths.period_parse("2025")

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

    computations = interleaved(
        {
            "trial_balance_raw_sql": lambda: raw(RAW_TRIAL, [on]),
            "trial_balance": lambda: selectors.trial_balance(fund=None, on=on),
            "sustainability_raw_sql": raw_sustainability,
            "sustainability": lambda: selectors.sustainability_compute(fund=None, period=year),
        },
        rounds=max(3, args.rounds // 3),
        per_round=1,
        warmup=1,
    )

    client = Client()
    budget = "/budget/?fund=plateforme&period=2025"
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
    trial_summary = summary(
        {k: v for k, v in computations.items() if k.startswith("trial")},
        baseline="trial_balance_raw_sql",
    )
    sustainability_summary = summary(
        {k: v for k, v in computations.items() if k.startswith("sustainability")},
        baseline="sustainability_raw_sql",
    )
    return {
        "database": vendor,
        "scale": args.scale,
        "postings": Posting.objects.count(),
        "trial_balance": trial_summary,
        "sustainability": sustainability_summary,
        "pages": summary(pages, baseline="minimal"),
    }
