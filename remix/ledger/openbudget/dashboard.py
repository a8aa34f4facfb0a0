"""The breakdowns the dashboard draws: month by month, and the flows from sources to needs."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _

from remix.core.formats import format_money
from remix.ledger import drawings, maths
from remix.ledger.models import AccountType, Fund, NeedCategory, Posting
from remix.ledger.openbudget.common import (
    SANKEY_SOURCES,
    category_label,
    decimal_text,
    nature_label,
    ratio_text,
)
from remix.ledger.selectors.conversions import Converter
from remix.ledger.selectors.sustainability_report import Sustainability


@dataclass
class ResourceDetail:
    by_month_nature: dict[tuple[datetime.date, str], int] = field(default_factory=dict)
    by_source_nature: dict[tuple[int | None, bool, str], int] = field(default_factory=dict)


def resource_detail(*, report: Sustainability) -> ResourceDetail:
    """Income per month and nature, and per source and nature, converted as the report did."""
    converter = Converter(report.currency)
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


def month_rows(report: Sustainability, detail: ResourceDetail) -> list[dict]:
    natures = list(report.by_nature)
    rows = []
    for month in report.months:
        rows.append(
            {
                **month,
                "resources": month["monetary"] + month["valued"],
                "coverage": maths.ratio(month["monetary"], month["needs"]),
                "by_nature": {
                    nature: detail.by_month_nature.get((month["month"], nature), 0)
                    for nature in natures
                },
            }
        )
    return rows


def month_records(report: Sustainability, rows: list[dict]) -> list[dict]:
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
        "needs": drawings.stacked_bars(
            [[row["monetary"], row["valued"]] for row in rows],
            line=[row["needs"] for row in rows],
        ),
        "natures": drawings.stacked_bars(
            [[row["by_nature"][nature] for nature in natures] for row in rows]
        ),
        "coverage": drawings.ratio_line([row["coverage"] for row in rows]),
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


class _Diagram:
    """The flows' nodes (the first one added under a key stays) and links (positive ones)."""

    def __init__(self):
        self.nodes: dict[str, drawings.SankeyNode] = {}
        self.links: list[drawings.SankeyLink] = []

    def node(self, key: str, column: int, label: str, css: str) -> None:
        if key not in self.nodes:
            self.nodes[key] = drawings.SankeyNode(key, column, label=label, css=css)

    def link(self, source: str, target: str, value: int, css: str) -> None:
        if value > 0:
            self.links.append(drawings.SankeyLink(source, target, value, css=css))


def flows(report: Sustainability, detail: ResourceDetail) -> drawings.Sankey:
    """The economic model as it ran: sources → natures → funds → needs, and what was kept.

    A fund that spent more than it received draws the difference from its reserves (a node
    beside the natures); inter-fund transfers are not income nor spending and do not show."""
    diagram = _Diagram()
    drawn, per_source = _sources_add(diagram, report, detail)
    _natures_add(diagram, report, detail, drawn=drawn, per_source=per_source)
    _merge_links(diagram.links)
    funds = {fund.slug: fund for fund in Fund.objects.all()}
    slugs = sorted(
        set(report.resources_by_fund) | set(report.spending_by_fund),
        key=lambda slug: (not funds[slug].is_platform, slug),
    )
    received = {slug: sum(report.resources_by_fund.get(slug, {}).values()) for slug in slugs}
    spent = {slug: sum(report.spending_by_fund.get(slug, {}).values()) for slug in slugs}
    _funds_add(diagram, report, funds, slugs, received=received, spent=spent)
    _needs_add(diagram, report, funds, slugs, received=received, spent=spent)
    layout = drawings.sankey(sorted(diagram.nodes.values(), key=lambda n: n.column), diagram.links)
    for item in layout.nodes:
        item.detail = format_money(item.value, report.currency)
    labels = {item.key: item.label for item in layout.nodes}
    for item in layout.links:
        item.label = f"{labels[item.source]} → {labels[item.target]}"
    return layout


def _sources_add(
    diagram: _Diagram, report: Sustainability, detail: ResourceDetail
) -> tuple[set, dict]:
    """The first column: the largest sources by name, the others together; returns the sources
    drawn on their own and what each source gave."""
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
            diagram.node("source:anonymous", 0, _("Anonymous"), "node-source")
        elif actor_id is None:
            diagram.node("source:unattributed", 0, _("Unattributed"), "node-source")
        else:
            label = names.get(actor_id, _("Unattributed"))
            diagram.node(f"source:{actor_id}", 0, label, "node-source")
    if len(drawn) < len(ranked):
        diagram.node("source:others", 0, _("Other sources"), "node-source")
    return drawn, per_source


def _natures_add(
    diagram: _Diagram, report: Sustainability, detail: ResourceDetail, *, drawn, per_source
) -> None:
    """The second column, one node per nature, and the links from the sources into it."""
    for nature in report.by_nature:
        diagram.node(f"nature:{nature}", 1, nature_label(nature), f"nature-{nature}")
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
        if key in diagram.nodes and f"nature:{nature}" in diagram.nodes:
            diagram.link(key, f"nature:{nature}", amount, f"flow-{nature}")


def _funds_add(diagram: _Diagram, report: Sustainability, funds, slugs, *, received, spent) -> None:
    """The third column, the platform first: what each fund received by nature, and what it
    drew from its reserves when it spent more."""
    if any(spent[slug] > received[slug] for slug in slugs):
        diagram.node("reserves", 1, _("Reserves"), "node-reserves")
    for slug in slugs:
        fund = funds[slug]
        css = "node-platform" if fund.is_platform else "node-project"
        diagram.node(f"fund:{slug}", 2, fund.label, css)
        for nature, amount in report.resources_by_fund.get(slug, {}).items():
            diagram.link(f"nature:{nature}", f"fund:{slug}", amount, f"flow-{nature}")
        diagram.link("reserves", f"fund:{slug}", spent[slug] - received[slug], "flow-reserves")


def _needs_add(diagram: _Diagram, report: Sustainability, funds, slugs, *, received, spent) -> None:
    """The last column: the needs each fund paid for, and what it kept."""
    for category in NeedCategory.values:
        if any(report.spending_by_fund.get(slug, {}).get(category) for slug in slugs):
            diagram.node(f"need:{category}", 3, category_label(category), "node-need")
    if any(received[slug] > spent[slug] for slug in slugs):
        diagram.node("kept", 3, _("Kept (not spent)"), "node-kept")
    for slug in slugs:
        fund_css = "flow-platform" if funds[slug].is_platform else "flow-project"
        for category, amount in report.spending_by_fund.get(slug, {}).items():
            diagram.link(f"fund:{slug}", f"need:{category}", amount, fund_css)
        diagram.link(f"fund:{slug}", "kept", received[slug] - spent[slug], "flow-kept")


def _merge_links(links: list[drawings.SankeyLink]) -> None:
    """Several small sources drawn as "others" give one link per nature, not one each."""
    merged: dict[tuple[str, str], drawings.SankeyLink] = {}
    for item in links:
        key = (item.source, item.target)
        if key in merged:
            merged[key].value += item.value
        else:
            merged[key] = item
    links[:] = list(merged.values())


def flow_table(layout: drawings.Sankey) -> list[dict]:
    """The flows for the table alternative: from, to, amount in minor units."""
    labels = {item.key: item.label for item in layout.nodes}
    return [
        {"source": labels[item.source], "target": labels[item.target], "value": item.value}
        for item in layout.links
    ]


def flow_records(layout: drawings.Sankey, currency: str) -> list[dict]:
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
