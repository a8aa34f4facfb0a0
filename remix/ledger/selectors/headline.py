"""The money headline of a fund over a period: what it needs, what it received, what is missing.

The home (the platform this month), the open budget (the period chosen) and the give page (the
fund this year) say it from this one read, always with its period: each is right about its own
period, and a reader sees which."""

from dataclasses import dataclass

from remix.ledger import maths
from remix.ledger.models import Fund
from remix.ledger.selectors.sustainability_report import sustainability


@dataclass(frozen=True)
class Headline:
    fund: Fund | None
    period: maths.Period
    currency: str
    needs: int  # minor units over the whole period
    resources: int  # monetary resources received in the period (transfers in included)
    missing: int  # needs not covered over the whole period; 0 when covered
    missing_per_month: int  # ``missing`` spread over the period's months

    @property
    def state(self) -> str:
        """ "missing", "covered", or "unknown" when no need is recorded for the period."""
        if not self.needs:
            return "unknown"
        return "missing" if self.missing else "covered"

    @property
    def months(self) -> int:
        return self.period.months


def money_headline(*, fund: Fund | None, period: maths.Period) -> Headline:
    """The headline of ``fund`` (None: every fund together) over ``period``, from the cached
    sustainability report: a read costs what the report's cache read costs."""
    report = sustainability(fund=fund, period=period)
    return Headline(
        fund=fund,
        period=period,
        currency=report.currency,
        needs=report.needs,
        resources=report.resources_monetary,
        missing=max(report.needs - report.resources_monetary, 0),
        missing_per_month=report.gap_per_month,
    )
