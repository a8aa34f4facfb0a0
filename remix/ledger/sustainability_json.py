"""The sustainability report as JSON: one shape for the API and the open budget's download.

``GET /api/v1/ledger/sustainability`` answers with ``sustainability_record``; the open budget's
``/budget/summary.json`` with ``budget_record``, which is the same record and a few fields more.
Amounts are decimal strings in the report's ``currency`` (``"12000.00"``), never JSON numbers;
ratios are decimal strings too, or null when there is nothing to divide by; dates are ISO days.

The record::

    fund                  the fund's slug; null for all funds together
    period, start, end    the period's name (2026, 2026-Q3, 2026-10) and its first and last day
    currency              the currency of every amount below
    figures               {coverage, coverage_with_valued, contributions_share,
                           diversification_natures, diversification_sources, dependency,
                           runway_months}: ratios
    needs                 {total, by_category: {category: amount}}
    resources             {monetary, valued, total, transfers_in, unattributed}: valued is
                          volunteer time and in-kind; transfers_in what a single fund received
                          from other funds (a round's matching), counted in monetary;
                          unattributed the income with no known source, which the measures of
                          sources (diversification_sources, dependency) leave out
    hours                 volunteer hours given, before valuing them (a decimal string)
    by_nature             [{nature, label, amount, monetary}]: label in the reader's language,
                          monetary false for volunteer time and in-kind
    sources               [{name, actor_id, anonymous, transfer, amount, share}], the largest
                          first; an anonymous giver is "Anonymous" in the reader's language, no
                          actor_id; transfer true for the other funds' transfers
    gap_per_month         what monetary resources miss per month to cover the needs
    spending_by_category  {category: amount}
    months                [{month: "2026-03", needs, monetary, valued, spending}]
    cash, monthly_burn    cash on the last day; average spending per month
    rates                 {used: [{date, commodity, quote, rate}], missing: [{commodity, date}]}

``budget_record`` adds what the open budget page shows besides: ``fund_name`` (in the reader's
language) and ``funds``, each fund side by side when all funds are shown together (else empty):
``[{fund, name, kind, needs, resources_monetary, resources_valued, spending, result}]``.

Deprecated in ``budget_record``, kept one release for the readers of the older download (the
same figures under their former names): ``volunteer_hours`` (read ``hours``),
``needs_by_category`` (read ``needs.by_category``), ``resources_by_nature`` (read ``by_nature``),
``hourly_rates`` (read the ``HOUR`` rows of ``rates.used``).
"""

from decimal import Decimal

from remix.api.common import amount_text
from remix.core.money import HOUR
from remix.ledger import openbudget
from remix.ledger.models import NON_MONETARY_NATURES, ResourceNature
from remix.ledger.selectors import Sustainability

# What the open budget's download adds to the record.
BUDGET_FIELDS = ("fund_name", "funds")
# The download's former names of figures the record carries: deprecated, kept one release.
BUDGET_DEPRECATED_FIELDS = (
    "volunteer_hours",
    "needs_by_category",
    "resources_by_nature",
    "hourly_rates",
)


def sustainability_record(report: Sustainability, *, top: int | None = None) -> dict:
    """The report as the record above; ``top`` keeps only the largest sources."""
    return {
        "fund": report.fund.slug if report.fund else None,
        "period": report.period.name,
        "start": report.period.start,
        "end": report.period.end,
        "currency": report.currency,
        "figures": {name: _ratio(value) for name, value in report.figures().items()},
        "needs": _needs(report),
        "resources": _resources(report),
        "hours": amount_text(report.hours, HOUR),
        "by_nature": _natures(report),
        "sources": _sources(report, top=top),
        "gap_per_month": _money(report, report.gap_per_month),
        "spending_by_category": {
            name: _money(report, amount)
            for name, amount in sorted(report.spending_by_category.items())
        },
        "months": _months(report),
        "cash": _money(report, report.cash),
        "monthly_burn": _money(report, report.monthly_burn),
        "rates": _rates(report),
    }


def budget_record(report: Sustainability, funds: list[dict]) -> dict:
    """The open budget's download: the record, every source, and the page's own fields (with
    the deprecated ones) as ``openbudget.summary_record`` writes them for the CSV twin."""
    page = openbudget.summary_record(report, funds)
    return {
        **sustainability_record(report),
        **{name: page[name] for name in BUDGET_FIELDS + BUDGET_DEPRECATED_FIELDS},
    }


def _money(report: Sustainability, minor: int) -> str:
    return amount_text(minor, report.currency)


def _ratio(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _needs(report: Sustainability) -> dict:
    return {
        "total": _money(report, report.needs),
        "by_category": {
            name: _money(report, amount) for name, amount in report.needs_by_category.items()
        },
    }


def _resources(report: Sustainability) -> dict:
    return {
        "monetary": _money(report, report.resources_monetary),
        "valued": _money(report, report.resources_valued),
        "total": _money(report, report.resources_total),
        "transfers_in": _money(report, report.transfers_in),
        "unattributed": _money(report, report.unattributed),
    }


def _natures(report: Sustainability) -> list[dict]:
    return [
        {
            "nature": nature,
            "label": str(ResourceNature(nature).label),
            "amount": _money(report, amount),
            "monetary": nature not in NON_MONETARY_NATURES,
        }
        for nature, amount in report.by_nature.items()
    ]


def _sources(report: Sustainability, *, top: int | None) -> list[dict]:
    return [
        {
            "name": source["name"],
            "actor_id": source["actor_id"],
            "anonymous": source["anonymous"],
            "transfer": bool(source.get("transfer")),
            "amount": _money(report, source["amount"]),
            "share": _ratio(source["share"]),
        }
        for source in report.sources[:top]
    ]


MONTH_FIELDS = ("needs", "monetary", "valued", "spending")


def _months(report: Sustainability) -> list[dict]:
    return [
        {
            "month": f"{row['month']:%Y-%m}",
            **{
                key: _money(report, row[key]) for key in ("needs", "monetary", "valued", "spending")
            },
        }
        for row in report.months
    ]


def _rates(report: Sustainability) -> dict:
    return {
        "used": [
            {
                "date": rate["date"],
                "commodity": rate["commodity"],
                "quote": rate["quote"],
                "rate": format(rate["rate"].normalize(), "f"),
            }
            for rate in report.rates.get("used", [])
        ],
        "missing": [
            {"commodity": rate["commodity"], "date": rate["date"]}
            for rate in report.rates.get("missing", [])
        ],
    }
