"""What the open budget and the dashboard show, shaped once for the page, its JSON and its CSV.

Every figure comes from ``selectors.sustainability()``, the report the API serves too. Two
breakdowns the report does not keep — resources per month *and* nature, and per source *and*
nature — come from ``resource_detail()``, the same income postings converted by the same
``Converter``, so that its totals are the report's.

Amounts stay ints of minor units here; JSON and CSV write them as decimal strings, pages format
them in the reader's locale. Nobody who asked for anonymity is ever named: sources come from the
report (which never names them) and transactions go through ``counterparty_public_name``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from remix.core.formats import format_money
from remix.core.money import HOUR, from_minor, round_minor
from remix.ledger import books, charts, selectors
from remix.ledger.models import (
    NON_MONETARY_NATURES,
    AccountType,
    BudgetLine,
    Fund,
    FundKind,
    NeedCategory,
    Posting,
    ResourceNature,
    Transaction,
)

ALL_FUNDS = "all"
TOP_SOURCES = 10  # listed on the page; the JSON and CSV list every source
SANKEY_SOURCES = 6  # drawn as their own node; the others are drawn together


def decimal_text(minor: int | None, commodity: str) -> str | None:
    """Minor units as the decimal string JSON and CSV carry: 5000 EUR → "50.00"."""
    return None if minor is None else str(from_minor(minor, commodity))


def ratio_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def nature_label(nature: str) -> str:
    return str(ResourceNature(nature).label) if nature in ResourceNature.values else nature


def category_label(category: str) -> str:
    return str(NeedCategory(category).label) if category in NeedCategory.values else category


def years_with_books(today: datetime.date) -> list[int]:
    """The years a visitor can choose: from the first transaction or need to this year."""
    # The first and the last date each in a query of their own: SQLite reads them off the index.
    dates = Transaction.objects.values_list("date", flat=True)
    needs = BudgetLine.objects.values_list("start", flat=True)
    known = [
        day.year
        for day in (
            dates.order_by("date").first(),
            dates.order_by("-date").first(),
            needs.order_by("start").first(),
            needs.order_by("-start").first(),
        )
        if day is not None
    ]
    first, last = min(known + [today.year]), max(known + [today.year])
    return list(range(last, first - 1, -1))


# --- the report ----------------------------------------------------------------------------------


def hourly_rates(report: selectors.Sustainability) -> list[dict]:
    """The rates that valued volunteer hours, and whether some hours had none."""
    return [rate for rate in report.rates.get("used", []) if rate["commodity"] == HOUR]


def nature_rows(report: selectors.Sustainability) -> list[dict]:
    total = report.resources_total
    return [
        {
            "nature": nature,
            "label": nature_label(nature),
            "non_monetary": nature in NON_MONETARY_NATURES,
            "amount": amount,
            "share": books.ratio(amount, total),
        }
        for nature, amount in report.by_nature.items()
    ]


def category_rows(report: selectors.Sustainability) -> list[dict]:
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


def funds_table(*, consolidated: selectors.Sustainability) -> list[dict]:
    """Each fund on its own line: the platform first, then the mediation projects."""
    converter = selectors.Converter(consolidated.currency)
    rows = []
    funds = sorted(Fund.objects.all(), key=lambda fund: (not fund.is_platform, fund.slug))
    for fund in funds:
        natures = consolidated.resources_by_fund.get(fund.slug, {})
        monthly = selectors.needs_by_month(
            fund=fund, period=consolidated.period, converter=converter
        )
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
        row["coverage"] = books.ratio(row["monetary"], row["needs"])
        if fund.active or any(row[key] for key in ("needs", "resources", "spending")):
            rows.append(row)
    return rows


def fund_key(fund: Fund | None) -> str:
    return fund.slug if fund is not None else ALL_FUNDS


def summary_record(report: selectors.Sustainability, funds: list[dict]) -> dict:
    """The report as JSON: amounts as decimal strings in the report's currency."""
    currency = report.currency

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
        "needs_by_category": [
            {"category": row["category"], "label": row["label"], "needs": money(row["needs"])}
            for row in category_rows(report)
            if row["needs"]
        ],
        "resources_by_nature": [
            {
                "nature": row["nature"],
                "label": row["label"],
                "kind": "valued" if row["non_monetary"] else "monetary",
                "amount": money(row["amount"]),
            }
            for row in nature_rows(report)
        ],
        "sources": [
            {
                "name": source["name"],
                "anonymous": source["anonymous"],
                "amount": money(source["amount"]),
                "share": ratio_text(source["share"]),
            }
            for source in report.sources
        ],
        "spending_by_category": [
            {"category": row["category"], "label": row["label"], "amount": money(row["spending"])}
            for row in category_rows(report)
            if row["spending"]
        ],
        "funds": [
            {
                "fund": row["slug"],
                "name": row["label"],
                "kind": row["kind"],
                "needs": money(row["needs"]),
                "resources_monetary": money(row["monetary"]),
                "resources_valued": money(row["valued"]),
                "spending": money(row["spending"]),
                "result": money(row["result"]),
            }
            for row in funds
        ],
        "cash": money(report.cash),
        "monthly_burn": money(report.monthly_burn),
        "rates": {
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
        },
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


def figure_labels() -> dict[str, str]:
    return {
        "coverage": _("Coverage"),
        "coverage_with_valued": _("Coverage with valued time and in-kind"),
        "contributions_share": _("Share of needs covered by users' contributions"),
        "diversification_natures": _("Diversification over natures"),
        "diversification_sources": _("Diversification over sources"),
        "dependency": _("Dependency on the largest source"),
        "runway_months": _("Runway (months)"),
    }


# --- the breakdowns the dashboard draws ----------------------------------------------------------


@dataclass
class ResourceDetail:
    by_month_nature: dict[tuple[datetime.date, str], int] = field(default_factory=dict)
    by_source_nature: dict[tuple[int | None, bool, str], int] = field(default_factory=dict)


def resource_detail(*, report: selectors.Sustainability) -> ResourceDetail:
    """Income per month and nature, and per source and nature, converted as the report did."""
    converter = selectors.Converter(report.currency)
    postings = Posting.objects.filter(
        posted=True,
        date__range=(report.period.start, report.period.end),
        account__type=AccountType.INCOME,
    )
    if report.fund is not None:
        postings = postings.filter(fund=report.fund)
    rows = (
        postings.values_list(
            "account__nature",
            "commodity",
            "date",
            "transaction__counterparty_id",
            "transaction__anonymous",
        )
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    by_month: dict = defaultdict(int)
    by_source: dict = defaultdict(int)
    for nature, commodity, day, counterparty_id, anonymous, total in rows:
        amount = converter.minor(-total, commodity, day)
        if amount is None:
            continue
        by_month[(day.replace(day=1), nature)] += amount
        by_source[(None if anonymous else counterparty_id, anonymous, nature)] += amount
    return ResourceDetail(dict(by_month), dict(by_source))


def month_rows(report: selectors.Sustainability, detail: ResourceDetail) -> list[dict]:
    natures = list(report.by_nature)
    rows = []
    for month in report.months:
        rows.append(
            {
                **month,
                "resources": month["monetary"] + month["valued"],
                "coverage": books.ratio(month["monetary"], month["needs"]),
                "by_nature": {
                    nature: detail.by_month_nature.get((month["month"], nature), 0)
                    for nature in natures
                },
            }
        )
    return rows


def month_records(report: selectors.Sustainability, rows: list[dict]) -> list[dict]:
    def money(minor):
        return decimal_text(minor, report.currency)

    return [
        {
            "month": row["month"].strftime("%Y-%m"),
            "needs": money(row["needs"]),
            "resources_monetary": money(row["monetary"]),
            "resources_valued": money(row["valued"]),
            "spending": money(row["spending"]),
            "coverage": ratio_text(row["coverage"]),
            "by_nature": {nature: money(amount) for nature, amount in row["by_nature"].items()},
        }
        for row in rows
    ]


def month_charts(rows: list[dict], natures: list[str]) -> dict:
    """The three monthly charts; under each month, its bars and its row for the tooltips."""
    drawn = {
        "needs": charts.stacked_bars(
            [[row["monetary"], row["valued"]] for row in rows],
            line=[row["needs"] for row in rows],
        ),
        "natures": charts.stacked_bars(
            [[row["by_nature"][nature] for nature in natures] for row in rows]
        ),
        "coverage": charts.ratio_line([row["coverage"] for row in rows]),
    }
    for chart in drawn.values():
        points = {point.x: point for point in chart.points}
        chart.slots = [
            {
                "x": center,
                "row": row,
                "bars": chart.bars[index] if chart.bars else [],
                "point": points.get(center),
            }
            for index, (center, row) in enumerate(zip(chart.centers, rows, strict=True))
        ]
    return drawn


def flows(report: selectors.Sustainability, detail: ResourceDetail) -> charts.Sankey:
    """The economic model as it ran: sources → natures → funds → needs, and what was kept.

    A fund that spent more than it received draws the difference from its reserves (a node
    beside the natures); inter-fund transfers are not income nor spending and do not show."""
    currency = report.currency
    nodes: dict[str, charts.SankeyNode] = {}
    links: list[charts.SankeyLink] = []

    def node(key, column, label, css):
        if key not in nodes:
            nodes[key] = charts.SankeyNode(key, column, label=label, css=css)
        return key

    def link(source, target, value, css):
        if value > 0:
            links.append(charts.SankeyLink(source, target, value, css=css))

    names = {source["actor_id"]: source["name"] for source in report.sources if source["actor_id"]}
    per_source: dict = defaultdict(int)
    for (actor_id, anonymous, _nature), amount in detail.by_source_nature.items():
        per_source[(actor_id, anonymous)] += amount
    ranked = sorted(
        (key for key, amount in per_source.items() if amount > 0),
        key=lambda key: (-per_source[key], names.get(key[0], "")),
    )
    drawn = set(ranked[:SANKEY_SOURCES])
    if len(ranked) == SANKEY_SOURCES + 1:  # "others" for a single one would hide it for nothing
        drawn = set(ranked)
    for actor_id, anonymous in ranked:
        if (actor_id, anonymous) not in drawn:
            continue
        if anonymous:
            node("source:anonymous", 0, _("Anonymous"), "node-source")
        elif actor_id is None:
            node("source:unattributed", 0, _("Unattributed"), "node-source")
        else:
            node(f"source:{actor_id}", 0, names.get(actor_id, _("Unattributed")), "node-source")
    if len(drawn) < len(ranked):
        node("source:others", 0, _("Other sources"), "node-source")

    for nature in report.by_nature:
        node(f"nature:{nature}", 1, nature_label(nature), f"nature-{nature}")
    for (actor_id, anonymous, nature), amount in sorted(
        detail.by_source_nature.items(), key=lambda item: str(item[0])
    ):
        if (actor_id, anonymous) not in drawn and per_source[(actor_id, anonymous)] > 0:
            key = "source:others"
        elif anonymous:
            key = "source:anonymous"
        elif actor_id is None:
            key = "source:unattributed"
        else:
            key = f"source:{actor_id}"
        if key in nodes and f"nature:{nature}" in nodes:
            link(key, f"nature:{nature}", amount, f"flow-{nature}")
    _merge_links(links)

    funds = {fund.slug: fund for fund in Fund.objects.all()}
    slugs = sorted(
        set(report.resources_by_fund) | set(report.spending_by_fund),
        key=lambda slug: (not funds[slug].is_platform, slug),
    )
    received = {slug: sum(report.resources_by_fund.get(slug, {}).values()) for slug in slugs}
    spent = {slug: sum(report.spending_by_fund.get(slug, {}).values()) for slug in slugs}
    if any(spent[slug] > received[slug] for slug in slugs):
        node("reserves", 1, _("Reserves"), "node-reserves")
    for slug in slugs:
        fund = funds[slug]
        css = "node-platform" if fund.is_platform else "node-project"
        node(f"fund:{slug}", 2, fund.label, css)
        for nature, amount in report.resources_by_fund.get(slug, {}).items():
            link(f"nature:{nature}", f"fund:{slug}", amount, f"flow-{nature}")
        link("reserves", f"fund:{slug}", spent[slug] - received[slug], "flow-reserves")
    for category in NeedCategory.values:
        if any(report.spending_by_fund.get(slug, {}).get(category) for slug in slugs):
            node(f"need:{category}", 3, category_label(category), "node-need")
    if any(received[slug] > spent[slug] for slug in slugs):
        node("kept", 3, _("Kept (not spent)"), "node-kept")
    for slug in slugs:
        fund_css = "flow-platform" if funds[slug].is_platform else "flow-project"
        for category, amount in report.spending_by_fund.get(slug, {}).items():
            link(f"fund:{slug}", f"need:{category}", amount, fund_css)
        link(f"fund:{slug}", "kept", received[slug] - spent[slug], "flow-kept")

    ordered = sorted(nodes.values(), key=lambda item: item.column)
    layout = charts.sankey(ordered, links)
    for item in layout.nodes:
        item.detail = format_money(item.value, currency)
    labels = {item.key: item.label for item in layout.nodes}
    for item in layout.links:
        item.label = f"{labels[item.source]} → {labels[item.target]}"
    return layout


def _merge_links(links: list[charts.SankeyLink]) -> None:
    """Several small sources drawn as "others" give one link per nature, not one each."""
    merged: dict[tuple[str, str], charts.SankeyLink] = {}
    for item in links:
        key = (item.source, item.target)
        if key in merged:
            merged[key].value += item.value
        else:
            merged[key] = item
    links[:] = list(merged.values())


def flow_table(layout: charts.Sankey) -> list[dict]:
    """The flows for the table alternative: from, to, amount in minor units."""
    labels = {item.key: item.label for item in layout.nodes}
    return [
        {"source": labels[item.source], "target": labels[item.target], "value": item.value}
        for item in layout.links
    ]


def flow_records(layout: charts.Sankey, currency: str) -> list[dict]:
    labels = {item.key: item.label for item in layout.nodes}
    return [
        {
            "source": item.source,
            "source_label": labels[item.source],
            "target": item.target,
            "target_label": labels[item.target],
            "amount": decimal_text(item.value, currency),
        }
        for item in layout.links
    ]


# --- transactions --------------------------------------------------------------------------------


def transactions_listed(*, fund: Fund | None, period: books.Period):
    """The posted transactions of the period that touch the fund, newest first.

    The selector's, with the fund tested by ``EXISTS`` rather than a join and ``DISTINCT``: a
    page of 25 then reads 25 rows off the date index instead of sorting the whole year."""
    transactions = selectors.public_transactions(fund=None, period=period)
    if fund is not None:
        transactions = transactions.filter(
            Exists(Posting.objects.filter(transaction=OuterRef("pk"), fund=fund))
        )
    return transactions


def transactions_count(*, fund: Fund | None, period: books.Period) -> int:
    """How many: counted on the postings' (posted, fund, date) index when a fund is chosen."""
    if fund is None:
        return Transaction.objects.posted().filter(date__range=(period.start, period.end)).count()
    return (
        Posting.objects.filter(posted=True, fund=fund, date__range=(period.start, period.end))
        .values("transaction")
        .distinct()
        .count()
    )


def transactions_page(*, fund: Fund | None, period: books.Period, number: int, size: int):
    """One page without counting them all: (rows, whether a next page exists)."""
    offset = (number - 1) * size
    found = list(transactions_listed(fund=fund, period=period)[offset : offset + size + 1])
    return found[:size], len(found) > size


FLOW_TYPES = {AccountType.INCOME, AccountType.EXPENSE, AccountType.EQUITY}
LINE_ORDER = {AccountType.INCOME: 0, AccountType.EQUITY: 1, AccountType.EXPENSE: 2}


def transaction_rows(transactions, fund: Fund | None) -> list[dict]:
    """Each transaction with the lines a reader follows: what came in (+) or went out (−).

    The lines are its income, expense and inter-fund postings in the fund shown; a transaction
    with none of those (a supplier paid, a receivable collected) shows its cash postings.
    A giver who asked for anonymity is not named, and neither is the description written about
    their gift (it may hold their name)."""
    transactions = list(transactions)
    postings = (
        Posting.objects.filter(transaction__in=transactions)
        .select_related("account", "fund")
        .order_by("id")
    )
    by_transaction = defaultdict(list)
    for posting in postings:
        if fund is None or posting.fund_id == fund.pk:
            by_transaction[posting.transaction_id].append(posting)
    rows = []
    for transaction in transactions:
        legs = by_transaction[transaction.pk]
        shown = [leg for leg in legs if leg.account.type in FLOW_TYPES]
        shown = shown or [leg for leg in legs if leg.account.is_cash] or legs
        shown.sort(key=lambda leg: LINE_ORDER.get(leg.account.type, 9))  # stable: money in first
        lines = [
            {
                "account": leg.account.code,
                "account_label": leg.account.label,
                "fund": leg.fund.slug,
                "fund_label": leg.fund.label,
                "commodity": leg.commodity,
                # Cash comes in positive; income (negative in the books) is money in as well.
                "amount": leg.amount_minor
                if leg.account.type == AccountType.ASSET
                else -leg.amount_minor,
            }
            for leg in shown
        ]
        rows.append(
            {
                "id": transaction.pk,
                "date": transaction.date,
                "description": selectors.public_description(transaction),
                "counterparty": selectors.counterparty_public_name(transaction),
                "is_transfer": transaction.is_transfer,
                "reverses": transaction.reverses_id,
                "lines": lines,
            }
        )
    return rows


def transaction_records(rows: list[dict]) -> list[dict]:
    return [
        {
            "id": row["id"],
            "date": row["date"].isoformat(),
            "description": row["description"],
            "counterparty": row["counterparty"],
            "is_transfer": row["is_transfer"],
            "reverses": row["reverses"],
            "lines": [
                {
                    "account": line["account"],
                    "account_name": line["account_label"],
                    "fund": line["fund"],
                    "amount": decimal_text(line["amount"], line["commodity"]),
                    "commodity": line["commodity"],
                }
                for line in row["lines"]
            ],
        }
        for row in rows
    ]


TRANSACTION_COLUMNS = [
    "id",
    "date",
    "description",
    "counterparty",
    "account",
    "account_name",
    "fund",
    "amount",
    "commodity",
]


def transaction_csv_rows(rows: list[dict]):
    for record in transaction_records(rows):
        for line in record["lines"]:
            yield [
                record["id"],
                record["date"],
                record["description"],
                record["counterparty"],
                line["account"],
                line["account_name"],
                line["fund"],
                line["amount"],
                line["commodity"],
            ]
