"""Small builders for productions' tests: a production, its lines, time given to it."""

import datetime

from remix.contributions import services as contributions
from remix.ledger import services as ledger
from remix.ledger.tests.builders import fund_project
from remix.productions import services


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def film(slug: str = "le-film", *, own_fund: bool = True, **extra):
    fund = fund_project(slug, "production") if own_fund else None
    return services.production_create(
        slug=slug,
        kind="film",
        title={"fr": f"Film {slug}", "en": f"Film {slug}"},
        starts=day("2026-02-01"),
        fund=fund,
        **extra,
    )


def hourly_rate(rate: str = "12", on: str = "2026-01-01"):
    return ledger.rate_record(date=day(on), commodity="HOUR", quote="EUR", rate=rate)


def time_given(production, user, hours: str, on: str = "2026-03-15", role: str = "", **extra):
    """Time declared by ``user``, recorded in the books, counted for ``production``."""
    declared, _new = contributions.contribution_declare(
        giver=contributions.Giver(user=user),
        fund=production.fund or fund_project(),
        kind="time",
        amount=hours,
        description="Tournage",
        date=day(on),
        **extra,
    )
    recorded = contributions.contribution_validate(contribution=declared)
    return services.time_link(production=production, contribution=recorded, role=role)


def expense(production, amount: str, on: str = "2026-03-10", *, post: bool = True):
    """A bank payment for the production, an expense of its fund."""
    from remix.ledger.tests.builders import books_load

    fund = production.fund.slug if production.fund_id else ""
    flag = "*" if post else "!"
    (transaction,) = books_load(
        f"""
        {on} {flag} "Dépense du film {amount}"
          Expenses:Mediation:Productions  {amount} EUR {fund}
          Assets:Bank:Current            -{amount} EUR {fund}
        """
    )
    return transaction
