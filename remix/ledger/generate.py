"""Scale data for the books: three years of transactions over the platform and ten projects.

Two postings per transaction (``--scale large``: 1,000,000 postings), mostly EUR with some XOF,
CAD and volunteer hours, counterparties among the generated actors. Rows are inserted as drafts
and then posted in bulk, the way the database's triggers allow.
"""

import datetime
import random

from django.db.models import F

from remix.allies.models import Actor
from remix.core.generate import Scale, generator
from remix.ledger.models import (
    Account,
    AccountScope,
    AccountType,
    BooksState,
    BudgetLine,
    ExchangeRate,
    Fund,
    FundKind,
    Posting,
    Transaction,
)

BATCH = 20_000
# Before the demo's year, whose first months the demo closes.
YEARS = (2023, 2024, 2025)
PROJECT_KINDS = [FundKind.PUBLICATION, FundKind.MEETING, FundKind.FIESTA, FundKind.PRODUCTION]


def _funds(start: int) -> list[Fund]:
    projects = Fund.objects.bulk_create(
        [
            Fund(
                slug=f"gen-project-{start + n:03d}",
                kind=PROJECT_KINDS[n % len(PROJECT_KINDS)],
                name={"fr": f"Projet {start + n}", "en": f"Project {start + n}"},
            )
            for n in range(10)
        ]
    )
    return [Fund.objects.get(kind=FundKind.PLATFORM), *projects]


def _rates() -> None:
    for year in YEARS:
        for commodity, quote, rate in (
            ("EUR", "XOF", "655.957"),
            ("CAD", "EUR", "0.67"),
            ("HOUR", "EUR", "12"),
        ):
            ExchangeRate.objects.get_or_create(
                date=datetime.date(year, 1, 1),
                commodity=commodity,
                quote=quote,
                defaults={"rate": rate},
            )


@generator(order=40, name="ledger.postings")
def generate_books(rng: random.Random, scale: Scale) -> int:
    start = Fund.objects.filter(slug__startswith="gen-project-").count()
    funds = _funds(start)
    _rates()
    accounts = list(Account.objects.filter(active=True, is_suspense=False))
    cash = [a for a in accounts if a.code == "Assets:Bank:Current"][0]
    incomes = [
        a for a in accounts if a.type == AccountType.INCOME and a.code != "Income:Community:Time"
    ]
    expenses = [
        a
        for a in accounts
        if a.type == AccountType.EXPENSE and a.code not in ("Expenses:Volunteering",)
    ]
    time_in = Account.objects.get(code="Income:Community:Time")
    time_out = Account.objects.get(code="Expenses:Volunteering")
    actors = list(Actor.objects.values_list("pk", flat=True)[:5000]) or [None]
    first_day = datetime.date(YEARS[0], 1, 1)
    days = (datetime.date(YEARS[-1], 12, 31) - first_day).days

    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                fund=fund,
                period_kind="year",
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
                account=account,
                category=account.need_category,
                commodity="EUR",
                amount_minor=rng.randrange(100_000, 5_000_000),
            )
            for fund in funds
            for year in YEARS
            for account in expenses
            if (account.scope == AccountScope.PROJECTS) == (fund.kind != FundKind.PLATFORM)
        ]
    )

    transactions = scale.postings // 2
    done = 0
    while done < transactions:
        count = min(BATCH, transactions - done)
        specs = []
        for _n in range(count):
            fund = rng.choice(funds)
            date = first_day + datetime.timedelta(days=rng.randrange(days + 1))
            roll = rng.random()
            if roll < 0.1:
                specs.append((date, fund, time_out, time_in, "HOUR", rng.randrange(100, 2_000)))
                continue
            commodity = "EUR" if roll < 0.9 else rng.choice(["XOF", "CAD"])
            minor = (
                rng.randrange(100, 500_000) if commodity != "XOF" else rng.randrange(500, 50_000)
            )
            if roll < 0.45:
                specs.append((date, fund, cash, rng.choice(incomes), commodity, minor))
            else:
                candidates = [
                    e
                    for e in expenses
                    if (e.scope == AccountScope.PROJECTS) == (fund.kind != FundKind.PLATFORM)
                    or e.scope == AccountScope.ANY
                ]
                specs.append((date, fund, rng.choice(candidates), cash, commodity, minor))
        rows = Transaction.objects.bulk_create(
            [
                Transaction(
                    date=date,
                    description=f"Opération générée {done + n}",
                    counterparty_id=rng.choice(actors),
                    anonymous=rng.random() < 0.05,
                    external_key=f"gen:{start}:{done + n}",
                )
                for n, (date, *_rest) in enumerate(specs)
            ]
        )
        if rows[0].pk is None:  # backends that do not return ids from bulk inserts
            keys = [f"gen:{start}:{done + n}" for n in range(count)]
            ids = dict(
                Transaction.objects.filter(external_key__in=keys).values_list("external_key", "pk")
            )
            for n, row in enumerate(rows):
                row.pk = ids[keys[n]]
        postings = []
        for tx, (date, fund, debit, credit, commodity, minor) in zip(rows, specs, strict=True):
            postings.append(
                Posting(
                    transaction=tx,
                    account=debit,
                    fund=fund,
                    commodity=commodity,
                    amount_minor=minor,
                    date=date,
                )
            )
            postings.append(
                Posting(
                    transaction=tx,
                    account=credit,
                    fund=fund,
                    commodity=commodity,
                    amount_minor=-minor,
                    date=date,
                )
            )
        Posting.objects.bulk_create(postings, batch_size=5_000)
        # Post in bulk: postings first, then the transactions (the trigger checks each balance).
        first, last = rows[0].pk, rows[-1].pk  # one bulk insert: consecutive ids
        Posting.objects.filter(transaction__gte=first, transaction__lte=last).update(posted=True)
        Transaction.objects.filter(pk__range=(first, last)).update(
            status="posted", posted_at=datetime.datetime.now(datetime.UTC)
        )
        done += count
    BooksState.objects.filter(pk=1).update(version=F("version") + 1)
    return transactions * 2
