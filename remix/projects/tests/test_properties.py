"""The proof the issue asks for: a project's spending never changes the platform fund's figures.

Each example starts from a platform with needs, gifts and expenses of its own, reads its figures
through the open budget's selectors (the sustainability report: needs, resources, coverage,
monthly gap, diversification, dependency, cash, burn, runway; and the money headline), then runs
random operations on mediation projects through the services and the books: projects created,
gifts into a project's fund, expenses of it, transfers within its fund (bank to cash) and between
two projects' funds. Afterwards the platform's figures are the same, to the minor unit; the
self-checks find nothing. Each example runs in a savepoint rolled back at its end."""

import dataclasses

from django.core.cache import cache
from django.db import transaction as db_transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remix.core.selfchecks import selfchecks_run
from remix.ledger import maths
from remix.ledger.selectors.funds import platform_fund
from remix.ledger.selectors.headline import money_headline
from remix.ledger.selectors.sustainability_report import sustainability_compute
from remix.ledger.services.budget import budget_line_create
from remix.ledger.tests.builders import books_load
from remix.projects.tests.builders import gift, project, spend

PROPERTIES = settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
YEAR = maths.period_parse("2026")
PROJECTS = 3

amount = st.integers(min_value=1, max_value=500_000).map(lambda cents: f"{cents / 100:.2f}")
month = st.integers(1, 12).map(lambda m: f"2026-{m:02d}-15")
operation = st.one_of(
    st.tuples(st.just("gift"), st.integers(0, PROJECTS - 1), amount, month),
    st.tuples(st.just("spend"), st.integers(0, PROJECTS - 1), amount, month),
    st.tuples(st.just("within"), st.integers(0, PROJECTS - 1), amount, month),
    st.tuples(st.just("between"), st.integers(0, PROJECTS - 1), amount, month),
    st.tuples(st.just("create"), st.integers(0, 100), st.just("0"), month),
)


def _platform_figures() -> dict:
    report = sustainability_compute(fund=platform_fund(), period=YEAR)
    cache.clear()  # the headline reads the cached report: computed again, not remembered
    return {
        "report": {
            name: value
            for name, value in dataclasses.asdict(report).items()
            if name not in ("fund", "period")
        },
        "figures": report.figures(),
        "gap_per_month": report.gap_per_month,
        "headline": money_headline(fund=platform_fund(), period=YEAR),
    }


def _within(fund: str, value: str, on: str) -> None:
    books_load(
        f"""
        {on} * "Retrait en caisse {value}"
          Assets:Cash             {value} EUR {fund}
          Assets:Bank:Current    -{value} EUR {fund}
        """
    )


def _between(source: str, target: str, value: str, on: str) -> None:
    books_load(
        f"""
        {on} * "Virement entre projets {value}"
          Equity:Transfers        {value} EUR {source}
          Assets:Bank:Current    -{value} EUR {source}
          Assets:Bank:Current     {value} EUR {target}
          Equity:Transfers       -{value} EUR {target}
        """
    )


@PROPERTIES
@given(operations=st.lists(operation, min_size=1, max_size=8))
def test_a_project_s_money_never_changes_the_platform_s_figures(db, operations):
    with db_transaction.atomic():
        savepoint = db_transaction.savepoint()
        platform = platform_fund()
        budget_line_create(fund=platform, period=YEAR, amount="12000", category="hosting")
        gift("", "3000", on="2026-02-01", giver="un-donateur")
        gift("", "500", on="2026-05-01", giver="une-fondation")
        spend("", "1200", on="2026-04-01")
        funds = [project(f"projet-{n}").fund.slug for n in range(PROJECTS)]
        before = _platform_figures()

        for kind, index, value, on in operations:
            if kind == "create":
                funds.append(project(f"nouveau-{index}-{len(funds)}").fund.slug)
            elif kind == "gift":
                gift(funds[index], value, on=on, giver=f"donatrice-{index}")
            elif kind == "spend":
                spend(funds[index], value, on=on)
            elif kind == "within":
                _within(funds[index], value, on)
            else:
                _between(funds[index], funds[(index + 1) % len(funds)], value, on)

        assert _platform_figures() == before
        assert not selfchecks_run()
        db_transaction.savepoint_rollback(savepoint)
