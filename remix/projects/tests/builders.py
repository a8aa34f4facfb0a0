"""Projects for tests: one on its own new fund, and money in and out of that fund's books."""

import datetime

from remix.ledger.tests.builders import books_load
from remix.projects import services


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def project(slug: str = "la-fiesta", *, kind: str = "fiesta", budget: str = "1000", **extra):
    return services.project_create(
        slug=slug,
        kind=kind,
        title={"fr": f"Projet {slug}", "en": f"Project {slug}"},
        starts=day(extra.pop("starts", "2026-02-01")),
        budget=budget,
        **extra,
    )


def gift(fund_slug: str, amount: str, on: str = "2026-03-01", giver: str = "une-donatrice"):
    """A user's gift into ``fund_slug`` (the platform's: "")."""
    (transaction,) = books_load(
        f"""
        {on} * "Don {amount}" {giver}
          Assets:Bank:Current              {amount} EUR {fund_slug}
          Income:Contributions:Donations  -{amount} EUR {fund_slug}
        """
    )
    return transaction


def spend(fund_slug: str, amount: str, on: str = "2026-03-10"):
    """A bank payment for a meeting, an expense of ``fund_slug``."""
    (transaction,) = books_load(
        f"""
        {on} * "Dépense {amount}"
          Expenses:Events          {amount} EUR {fund_slug}
          Assets:Bank:Current     -{amount} EUR {fund_slug}
        """
    )
    return transaction
