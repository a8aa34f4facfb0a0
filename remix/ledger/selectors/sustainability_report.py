"""The sustainability report: needs against resources for a fund (or all) over a period.

Other currencies are converted to the fund's reporting currency with the rate at the
transaction date, and the report says which rates it used and which were missing.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _

from remix.core.money import HOUR, round_minor
from remix.ledger import chart, maths
from remix.ledger.models import (
    NON_MONETARY_NATURES,
    Account,
    BooksState,
    Fund,
    NeedCategory,
    ResourceNature,
)
from remix.ledger.selectors.budget import needs_by_month
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.funds import reporting_currency
from remix.ledger.selectors.movements import (
    cash_and_burn,
    resource_rows,
    source_names,
    source_rows,
    spending_rows,
)


@dataclass
class Sustainability:
    fund: Fund | None
    period: maths.Period
    currency: str
    needs: int = 0
    needs_by_category: dict[str, int] = field(default_factory=dict)
    resources_monetary: int = 0  # inter-fund transfers received included
    transfers_in: int = 0  # received from other funds (a round's matching), a single fund's only
    resources_valued: int = 0  # volunteer time and in-kind, valued
    hours: int = 0  # hundredths of an hour
    by_nature: dict[str, int] = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)
    spending_by_category: dict[str, int] = field(default_factory=dict)
    spending_by_fund: dict[str, dict[str, int]] = field(default_factory=dict)
    resources_by_fund: dict[str, dict[str, int]] = field(default_factory=dict)
    months: list[dict] = field(default_factory=list)
    cash: int = 0
    monthly_burn: int = 0  # minor units
    rates: dict = field(default_factory=dict)

    @property
    def resources_total(self) -> int:
        return self.resources_monetary + self.resources_valued

    @property
    def gap_per_month(self) -> int:
        missing = self.needs - self.resources_monetary
        return round_minor(Decimal(missing) / self.period.months) if missing > 0 else 0

    @property
    def unattributed(self) -> int:
        """Income with no counterparty: its source is unknown."""
        return sum(source["amount"] for source in self.sources if not source_known(source))

    def figures(self) -> dict:
        # An unknown source may be one giver or many: it is left out of the measures of sources.
        amounts = [source["amount"] for source in self.sources if source_known(source)]
        return {
            "coverage": maths.ratio(self.resources_monetary, self.needs),
            "coverage_with_valued": maths.ratio(self.resources_total, self.needs),
            "contributions_share": maths.ratio(
                self.by_nature.get(ResourceNature.CONTRIBUTIONS, 0), self.needs
            ),
            "diversification_natures": maths.diversification(self.by_nature.values()),
            "diversification_sources": maths.diversification(amounts),
            "dependency": maths.dependency(amounts),
            "runway_months": maths.runway_months(self.cash, self.monthly_burn),
        }


def source_known(source: dict) -> bool:
    """A named giver, one who asked for anonymity, or another fund; not income without a
    counterparty."""
    return bool(source["actor_id"] or source["anonymous"] or source.get("transfer"))


def books_version() -> int:
    return BooksState.objects.values_list("version", flat=True).filter(pk=1).first() or 0


def sustainability(*, fund: Fund | None, period: maths.Period) -> Sustainability:
    """Needs against resources for a fund (or all of them) over a period, and the figures.

    Public pages ask for the same few reports again and again while the books change a few times
    a day: a report is cached for the version of the books it was computed on (every write bumps
    it), and a task computes the usual ones again after each write (``tasks.reports_warm``)."""
    key = ":".join(
        (
            "ledger:sustainability",
            str(books_version()),
            str(fund.pk) if fund is not None else "all",
            period.name,
        )
    )
    report = cache.get(key)
    if report is None:
        report = sustainability_compute(fund=fund, period=period)
        cache.set(key, report, timeout=3600)
    return _sources_named(report)


def _sources_named(report: Sustainability) -> Sustainability:
    """The report as the reader's language names who is not named: the cached report is the
    same in every language."""
    return dataclasses.replace(
        report,
        sources=[
            source if source["name"] else {**source, "name": _source_name(source)}
            for source in report.sources
        ],
    )


def _source_name(source: dict) -> str:
    if source.get("transfer"):
        return _("Other funds (transfers, a round's matching)")
    return _("Anonymous") if source["anonymous"] else _("Unattributed")


def sustainability_compute(*, fund: Fund | None, period: maths.Period) -> Sustainability:
    """The report itself, from the books (no cache): needs, resources, sources, spending, cash.

    Each step adds its figures to the report and to the rows of the months."""
    currency = reporting_currency(fund)
    converter = Converter(currency)
    report = Sustainability(fund=fund, period=period, currency=currency)
    accounts = Account.objects.in_bulk()
    slugs = {pk: found.slug for pk, found in Fund.objects.in_bulk().items()}
    months = {
        month: {"month": month, "needs": 0, "monetary": 0, "valued": 0, "spending": 0}
        for month in period.month_starts()
    }
    _needs_add(report, months, needs_by_month(fund=fund, period=period, converter=converter))
    _resources_add(report, months, converter, accounts=accounts, slugs=slugs)
    report.sources = _sources(
        _amounts_by_source(report, converter),
        source_names(fund, period, converter),
        transfers=report.transfers_in,
    )
    _spending_add(report, months, converter, accounts=accounts, slugs=slugs)
    report.months = list(months.values())
    report.cash, report.monthly_burn = cash_and_burn(fund, period.end, converter)
    report.rates = converter.report()
    return report


def _needs_add(report: Sustainability, months: dict, needs: dict) -> None:
    """The needs of the period, per month and per category.

    Yearly needs spread over months are not whole cents: each month gets the rounded running
    total minus the months before, so months add up exactly to the rounded whole."""
    running, rounded_before = Decimal(0), 0
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    for month, categories in needs.items():
        running += sum(categories.values(), Decimal(0))
        months[month]["needs"] = round_minor(running) - rounded_before
        rounded_before = round_minor(running)
        for category, amount in categories.items():
            by_category[category] += amount
    report.needs_by_category = {
        category: round_minor(amount) for category, amount in sorted(by_category.items())
    }
    report.needs = rounded_before


def _resources_add(
    report: Sustainability, months: dict, converter: Converter, *, accounts: dict, slugs: dict
) -> None:
    """Income per nature and per fund, monetary or valued per month, and the hours given."""
    currency = report.currency
    by_nature: dict[str, int] = defaultdict(int)
    by_fund: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = resource_rows(report.fund, report.period, converter)
    transfers: dict = defaultdict(int)
    for account_id, fund_id, commodity, day, total in rows:
        if accounts[account_id].code == chart.TRANSFERS:
            transfers[(commodity, day)] += total
            continue
        if commodity == currency:
            amount = -total
        else:
            if commodity == HOUR:
                report.hours -= total
            amount = converter.minor(-total, commodity, day)
            if amount is None:
                continue
        nature = accounts[account_id].nature
        kind = "valued" if nature in NON_MONETARY_NATURES else "monetary"
        months[day.replace(day=1)][kind] += amount
        by_nature[nature] += amount
        by_fund[slugs[fund_id]][nature] += amount
    report.by_nature = {
        nature: by_nature[nature] for nature in ResourceNature.values if by_nature.get(nature)
    }
    report.resources_monetary = sum(
        amount for nature, amount in by_nature.items() if nature not in NON_MONETARY_NATURES
    )
    report.resources_valued = sum(
        amount for nature, amount in by_nature.items() if nature in NON_MONETARY_NATURES
    )
    report.resources_by_fund = {slug: dict(natures) for slug, natures in sorted(by_fund.items())}
    _transfers_add(report, months, converter, transfers)


def _transfers_add(
    report: Sustainability, months: dict, converter: Converter, transfers: dict
) -> None:
    """What a single fund received from other funds (a round's matching moves this way), month
    by month, as monetary resources; a month that sent more than it received adds nothing."""
    by_month: dict = defaultdict(int)
    for (commodity, day), total in transfers.items():
        amount = -total if commodity == report.currency else converter.minor(-total, commodity, day)
        if amount is not None:
            by_month[day.replace(day=1)] += amount
    for month, amount in by_month.items():
        if amount > 0:
            months[month]["monetary"] += amount
            report.transfers_in += amount
    report.resources_monetary += report.transfers_in


def _amounts_by_source(report: Sustainability, converter: Converter) -> dict[tuple, int]:
    """Income per (counterparty, anonymous), converted."""
    currency = report.currency
    by_source: dict[tuple, int] = defaultdict(int)
    rows = source_rows(report.fund, report.period, converter)
    for counterparty_id, anonymous, commodity, day, total in rows:
        amount = -total if commodity == currency else converter.minor(-total, commodity, day)
        if amount is not None:
            by_source[(counterparty_id, anonymous)] += amount
    return by_source


def _sources(by_source: dict[tuple, int], names: dict[int, str], *, transfers: int) -> list[dict]:
    """Each giver with what they gave, and the other funds with what they transferred; those
    who asked for anonymity are never named."""
    total = sum(amount for amount in by_source.values() if amount > 0) + transfers
    sources = []
    if transfers:
        sources.append(
            {
                "name": None,
                "actor_id": None,
                "anonymous": False,
                "transfer": True,
                "amount": transfers,
                "share": maths.ratio(transfers, total),
            }
        )
    for (pk, anonymous), amount in by_source.items():
        if amount <= 0:
            continue
        if anonymous:
            name, actor_id = None, None  # named in the reader's language by _sources_named
        elif pk:
            name, actor_id = names[pk], pk
        else:
            name, actor_id = None, None
        sources.append(
            {
                "name": name,
                "actor_id": actor_id,
                "anonymous": anonymous,
                "amount": amount,
                "share": maths.ratio(amount, total),
            }
        )
    sources.sort(key=lambda source: (-source["amount"], source["name"] or ""))
    return sources


def _spending_add(
    report: Sustainability, months: dict, converter: Converter, *, accounts: dict, slugs: dict
) -> None:
    """Spending per fund and need category, per category alone, and per month."""
    currency = report.currency
    spending: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for account_id, fund_id, commodity, day, total in spending_rows(
        report.fund, report.period, converter
    ):
        amount = total if commodity == currency else converter.minor(total, commodity, day)
        if amount is None:
            continue
        category = accounts[account_id].need_category or NeedCategory.OTHER
        spending[slugs[fund_id]][category] += amount
        months[day.replace(day=1)]["spending"] += amount
    report.spending_by_fund = {slug: dict(c) for slug, c in sorted(spending.items())}
    for categories in spending.values():
        for category, amount in categories.items():
            report.spending_by_category[category] = (
                report.spending_by_category.get(category, 0) + amount
            )
