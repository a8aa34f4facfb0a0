"""The report of a fund and a period, as the page, its JSON and its CSV show it."""

from decimal import Decimal

from django.utils.translation import gettext as _

from remix.core.money import HOUR, round_minor
from remix.ledger import maths
from remix.ledger.models import NON_MONETARY_NATURES, Fund, FundKind, NeedCategory
from remix.ledger.openbudget.common import (
    category_label,
    decimal_text,
    figure_labels,
    fund_key,
    nature_label,
    ratio_text,
)
from remix.ledger.selectors.budget import needs_by_month
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.sustainability_report import Sustainability, sustainability


def hourly_rates(report: Sustainability) -> list[dict]:
    """The rates that valued volunteer hours, and whether some hours had none."""
    return [rate for rate in report.rates.get("used", []) if rate["commodity"] == HOUR]


def nature_rows(report: Sustainability) -> list[dict]:
    total = report.resources_total
    return [
        {
            "nature": nature,
            "label": nature_label(nature),
            "non_monetary": nature in NON_MONETARY_NATURES,
            "amount": amount,
            "share": maths.ratio(amount, total),
        }
        for nature, amount in report.by_nature.items()
    ]


def category_rows(report: Sustainability) -> list[dict]:
    """Needs and spending side by side, per need category."""
    categories = [
        category
        for category in NeedCategory.values
        if report.needs_by_category.get(category) or report.spending_by_category.get(category)
    ]
    return [
        {
            "category": category,
            "label": category_label(category),
            "needs": report.needs_by_category.get(category, 0),
            "spending": report.spending_by_category.get(category, 0),
        }
        for category in categories
    ]


def funds_table(*, consolidated: Sustainability) -> list[dict]:
    """Each fund on its own line: the platform first, then the mediation projects."""
    converter = Converter(consolidated.currency)
    rows = []
    funds = sorted(Fund.objects.all(), key=lambda fund: (not fund.is_platform, fund.slug))
    for fund in funds:
        natures = consolidated.resources_by_fund.get(fund.slug, {})
        monthly = needs_by_month(fund=fund, period=consolidated.period, converter=converter)
        needs = sum(round_minor(sum(c.values(), Decimal(0))) for c in monthly.values())
        row = {
            "fund": fund,
            "slug": fund.slug,
            "label": fund.label,
            "kind": fund.kind,
            "kind_label": str(FundKind(fund.kind).label),
            "is_platform": fund.is_platform,
            "needs": needs,
            "monetary": sum(a for n, a in natures.items() if n not in NON_MONETARY_NATURES),
            "valued": sum(a for n, a in natures.items() if n in NON_MONETARY_NATURES),
            "spending": sum(consolidated.spending_by_fund.get(fund.slug, {}).values()),
        }
        row["resources"] = row["monetary"] + row["valued"]
        row["result"] = row["resources"] - row["spending"]
        row["coverage"] = maths.ratio(row["monetary"], row["needs"])
        if fund.active or any(row[key] for key in ("needs", "resources", "spending")):
            rows.append(row)
    return rows


def projects_beside(*, period: maths.Period) -> dict:
    """What the mediation projects' funds received and spent over ``period``, each and together,
    to show **beside** the platform's own budget, never inside it: the rows of ``funds_table``
    (the consolidated report's, cached) but the platform's."""
    consolidated = sustainability(fund=None, period=period)
    rows = [row for row in funds_table(consolidated=consolidated) if not row["is_platform"]]
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("needs", "monetary", "valued", "resources", "spending", "result")
    }
    return {"rows": rows, "totals": totals, "currency": consolidated.currency}


def summary_record(report: Sustainability, funds: list[dict]) -> dict:
    """The report as JSON: amounts as decimal strings in the report's currency."""
    currency = report.currency
    categories = _category_records(report)

    def money(minor):
        return decimal_text(minor, currency)

    return {
        "fund": fund_key(report.fund),
        "fund_name": report.fund.label if report.fund else _("All funds"),
        "period": report.period.name,
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
        "currency": currency,
        "needs": money(report.needs),
        "resources": {
            "monetary": money(report.resources_monetary),
            "valued": money(report.resources_valued),
            "total": money(report.resources_total),
        },
        "gap_per_month": money(report.gap_per_month),
        "volunteer_hours": decimal_text(report.hours, HOUR),
        "hourly_rates": [
            {"date": rate["date"].isoformat(), "rate": str(rate["rate"]), "currency": currency}
            for rate in hourly_rates(report)
        ],
        "figures": {key: ratio_text(value) for key, value in report.figures().items()},
        "needs_by_category": categories["needs_by_category"],
        "resources_by_nature": _nature_records(report),
        "sources": _source_records(report),
        "spending_by_category": categories["spending_by_category"],
        "funds": _fund_records(funds, currency),
        "cash": money(report.cash),
        "monthly_burn": money(report.monthly_burn),
        "rates": _rate_records(report),
    }


def _category_records(report: Sustainability) -> dict:
    """Needs and spending per category, each list with the categories that have some."""
    rows = category_rows(report)
    return {
        "needs_by_category": [
            {
                "category": row["category"],
                "label": row["label"],
                "needs": decimal_text(row["needs"], report.currency),
            }
            for row in rows
            if row["needs"]
        ],
        "spending_by_category": [
            {
                "category": row["category"],
                "label": row["label"],
                "amount": decimal_text(row["spending"], report.currency),
            }
            for row in rows
            if row["spending"]
        ],
    }


def _nature_records(report: Sustainability) -> list[dict]:
    return [
        {
            "nature": row["nature"],
            "label": row["label"],
            "kind": "valued" if row["non_monetary"] else "monetary",
            "amount": decimal_text(row["amount"], report.currency),
        }
        for row in nature_rows(report)
    ]


def _source_records(report: Sustainability) -> list[dict]:
    return [
        {
            "name": source["name"],
            "anonymous": source["anonymous"],
            "amount": decimal_text(source["amount"], report.currency),
            "share": ratio_text(source["share"]),
        }
        for source in report.sources
    ]


def _fund_records(funds: list[dict], currency: str) -> list[dict]:
    return [
        {
            "fund": row["slug"],
            "name": row["label"],
            "kind": row["kind"],
            **{
                key: decimal_text(row[column], currency)
                for key, column in (
                    ("needs", "needs"),
                    ("resources_monetary", "monetary"),
                    ("resources_valued", "valued"),
                    ("spending", "spending"),
                    ("result", "result"),
                )
            },
        }
        for row in funds
    ]


def _rate_records(report: Sustainability) -> dict:
    """The rates the report used, and the days it found none."""
    return {
        "used": [
            {
                "date": rate["date"].isoformat(),
                "commodity": rate["commodity"],
                "quote": rate["quote"],
                "rate": str(rate["rate"]),
            }
            for rate in report.rates.get("used", [])
        ],
        "missing": [
            {"commodity": rate["commodity"], "date": rate["date"].isoformat()}
            for rate in report.rates.get("missing", [])
        ],
    }


SUMMARY_COLUMNS = ["section", "key", "label", "amount", "unit"]


def summary_rows(record: dict) -> list[list]:
    """The same record as a flat table a spreadsheet opens: one figure per line."""
    currency = record["currency"]
    rows = [
        ["fund", record["fund"], record["fund_name"], "", ""],
        ["period", record["period"], f"{record['start']} – {record['end']}", "", ""],
        ["needs", "", _("Needs"), record["needs"], currency],
    ]
    for key, label in (
        ("monetary", _("Monetary resources")),
        ("valued", _("Valued non-monetary resources")),
        ("total", _("All resources")),
    ):
        rows.append(["resources", key, label, record["resources"][key], currency])
    rows.append(["gap_per_month", "", _("Missing per month"), record["gap_per_month"], currency])
    rows.append(["volunteer_hours", "", _("Volunteer hours"), record["volunteer_hours"], HOUR])
    for rate in record["hourly_rates"]:
        rows.append(["hourly_rate", rate["date"], _("Value of an hour"), rate["rate"], currency])
    labels = figure_labels()
    for key, value in record["figures"].items():
        unit = "months" if key == "runway_months" else "ratio"
        rows.append(["figure", key, labels[key], value or "", unit])
    for row in record["needs_by_category"]:
        rows.append(["needs_by_category", row["category"], row["label"], row["needs"], currency])
    for row in record["resources_by_nature"]:
        rows.append([f"resources_{row['kind']}", row["nature"], row["label"], row["amount"]])
        rows[-1].append(currency)
    for source in record["sources"]:
        rows.append(["source", "", source["name"], source["amount"], currency])
    for row in record["spending_by_category"]:
        rows.append(["spending", row["category"], row["label"], row["amount"], currency])
    for row in record["funds"]:
        for key in ("needs", "resources_monetary", "resources_valued", "spending", "result"):
            rows.append([f"fund_{key}", row["fund"], row["name"], row[key], currency])
    rows.append(["cash", "", _("Cash at the end of the period"), record["cash"], currency])
    rows.append(["monthly_burn", "", _("Average monthly spending"), record["monthly_burn"]])
    rows[-1].append(currency)
    for rate in record["rates"]["used"]:
        rows.append(["rate", rate["commodity"], rate["date"], rate["rate"], rate["quote"]])
    for rate in record["rates"]["missing"]:
        rows.append(["rate_missing", rate["commodity"], rate["date"], "", currency])
    return rows
