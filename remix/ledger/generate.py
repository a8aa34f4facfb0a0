"""Scale data for the books: three years of transactions over the platform and ten projects,
the three before the demo's (``generated_years``).

Two postings per transaction (``--scale large``: 1,000,000 postings), mostly EUR with some XOF,
CAD and volunteer hours, counterparties among the generated actors. Rows are inserted as drafts
and then posted in bulk, the way the database's triggers allow.
"""

import datetime
import random
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

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


def generated_years() -> tuple[int, int, int]:
    """The three years before the demo's two (last year, whose months the demo closes, and this
    one): generated books never land in a closed month, whatever the day they are made."""
    this_year = timezone.localdate().year
    return (this_year - 4, this_year - 3, this_year - 2)


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
    for year in generated_years():
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


@dataclass(frozen=True)
class _Accounts:
    """The accounts generated transactions use: cash against income or expenses, and volunteer
    time on its own pair."""

    cash: Account
    incomes: list[Account]
    expenses: list[Account]
    time_in: Account
    time_out: Account

    @classmethod
    def read(cls) -> "_Accounts":
        accounts = list(Account.objects.filter(active=True, is_suspense=False))
        return cls(
            cash=[a for a in accounts if a.code == "Assets:Bank:Current"][0],
            incomes=[
                a
                for a in accounts
                if a.type == AccountType.INCOME and a.code != "Income:Community:Time"
            ],
            expenses=[
                a
                for a in accounts
                if a.type == AccountType.EXPENSE and a.code not in ("Expenses:Volunteering",)
            ],
            time_in=Account.objects.get(code="Income:Community:Time"),
            time_out=Account.objects.get(code="Expenses:Volunteering"),
        )

    def expenses_of(self, fund: Fund) -> list[Account]:
        """The expense accounts a fund may use: projects' own in projects, the others anywhere."""
        return [
            e
            for e in self.expenses
            if (e.scope == AccountScope.PROJECTS) == (fund.kind != FundKind.PLATFORM)
            or e.scope == AccountScope.ANY
        ]


@generator(order=40, name="ledger.postings")
def generate_books(rng: random.Random, scale: Scale) -> int:
    start = Fund.objects.filter(slug__startswith="gen-project-").count()
    funds = _funds(start)
    _rates()
    accounts = _Accounts.read()
    actors = list(Actor.objects.values_list("pk", flat=True)[:5000]) or [None]
    _needs(rng, funds, accounts.expenses)
    transactions = scale.postings // 2
    years = generated_years()
    first = datetime.date(years[0], 1, 1)
    days = (datetime.date(years[-1], 12, 31) - first).days
    done = 0
    while done < transactions:
        count = min(BATCH, transactions - done)
        specs = [_spec(rng, funds, accounts, first, days) for _n in range(count)]
        rows = _transactions_insert(rng, specs, key=f"gen:{start}", first=done, actors=actors)
        _postings_insert(rows, specs)
        done += count
    BooksState.objects.filter(pk=1).update(version=F("version") + 1)
    return transactions * 2


def _needs(rng: random.Random, funds: list[Fund], expenses: list[Account]) -> None:
    """A yearly need per fund and expense account of its kind."""
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
            for year in generated_years()
            for account in expenses
            if (account.scope == AccountScope.PROJECTS) == (fund.kind != FundKind.PLATFORM)
        ]
    )


def _spec(
    rng: random.Random, funds: list[Fund], accounts: _Accounts, first: datetime.date, days: int
) -> tuple:
    """One transaction to generate: (date, fund, debit, credit, commodity, minor units).

    One in ten is volunteer time; of money, 90 % in EUR; a little less than half is income."""
    fund = rng.choice(funds)
    date = first + datetime.timedelta(days=rng.randrange(days + 1))
    roll = rng.random()
    if roll < 0.1:
        return (date, fund, accounts.time_out, accounts.time_in, "HOUR", rng.randrange(100, 2_000))
    commodity = "EUR" if roll < 0.9 else rng.choice(["XOF", "CAD"])
    minor = rng.randrange(100, 500_000) if commodity != "XOF" else rng.randrange(500, 50_000)
    if roll < 0.45:
        return (date, fund, accounts.cash, rng.choice(accounts.incomes), commodity, minor)
    return (date, fund, rng.choice(accounts.expenses_of(fund)), accounts.cash, commodity, minor)


def _transactions_insert(
    rng: random.Random, specs: list[tuple], *, key: str, first: int, actors: list
) -> list[Transaction]:
    """The batch's transactions, as drafts, with their ids."""
    rows = Transaction.objects.bulk_create(
        [
            Transaction(
                date=date,
                description=f"Opération générée {first + n}",
                counterparty_id=rng.choice(actors),
                anonymous=rng.random() < 0.05,
                external_key=f"{key}:{first + n}",
            )
            for n, (date, *_rest) in enumerate(specs)
        ]
    )
    if rows[0].pk is None:  # backends that do not return ids from bulk inserts
        keys = [f"{key}:{first + n}" for n in range(len(specs))]
        ids = dict(
            Transaction.objects.filter(external_key__in=keys).values_list("external_key", "pk")
        )
        for n, row in enumerate(rows):
            row.pk = ids[keys[n]]
    return rows


def _postings_insert(rows: list[Transaction], specs: list[tuple]) -> None:
    """Two postings per transaction, then the whole batch posted in bulk: postings first, then
    the transactions (the trigger checks each balance)."""
    postings = []
    for tx, (date, fund, debit, credit, commodity, minor) in zip(rows, specs, strict=True):
        for account, amount in ((debit, minor), (credit, -minor)):
            postings.append(
                Posting(
                    transaction=tx,
                    account=account,
                    fund=fund,
                    commodity=commodity,
                    amount_minor=amount,
                    date=date,
                )
            )
    Posting.objects.bulk_create(postings, batch_size=5_000)
    first, last = rows[0].pk, rows[-1].pk  # one bulk insert: consecutive ids
    Posting.objects.filter(transaction__gte=first, transaction__lte=last).update(posted=True)
    Transaction.objects.filter(pk__range=(first, last)).update(
        status="posted", posted_at=datetime.datetime.now(datetime.UTC)
    )
