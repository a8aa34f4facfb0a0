"""The dashboard's chart geometry, drawn as SVG on the server: pure Python, no Django.

Values come in as ints (minor units) or ``Decimal`` ratios. The maths runs on exact fractions and
every coordinate comes out as a ``Decimal`` rounded to a tenth of a viewBox unit, so the same data
always draws the same picture and tests compare literal values. Templates write the numbers with
``{% localize off %}``: SVG wants "12.5", never the French "12,5".
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

TENTH = Decimal("0.1")


def unit(value: Fraction | int) -> Decimal:
    """An exact value as a coordinate: a tenth of a unit, rounded half to even."""
    value = Fraction(value)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TENTH, rounding=ROUND_HALF_EVEN
    )


def _text(value: Decimal) -> str:
    """A coordinate for a path: no exponent, no trailing ".0"."""
    text = format(value, "f")
    return text[:-2] if text.endswith(".0") else text


# --- axes ----------------------------------------------------------------------------------------


def nice_step(maximum: int, count: int = 4) -> int:
    """The 1, 2, 2.5 or 5 × 10ⁿ step that cuts ``0…maximum`` into at most ``count`` intervals
    (2.5 only where it stays a whole number of minor units)."""
    raw = Fraction(max(maximum, 1), count)
    magnitude = 1
    while magnitude * 10 <= raw:
        magnitude *= 10
    for factor in (1, 2, Fraction(5, 2), 5, 10):
        step = Fraction(factor) * magnitude
        if step.denominator == 1 and step >= raw:
            return int(step)
    raise AssertionError("unreachable: 10 × magnitude > raw")


def ticks(maximum: int, count: int = 4) -> list[int]:
    """Round values from 0 to the first step at or above ``maximum``: the axis and its top."""
    step = nice_step(maximum, count)
    top = -(-max(maximum, 1) // step) * step
    return list(range(0, top + step, step))


def ratio_ticks(maximum: Decimal | None) -> list[Decimal]:
    """Ticks of a ratio axis: up to 100 % at least, by quarters, halves or wholes as it grows."""
    top = max(Decimal(1), maximum or Decimal(0))
    step = Decimal("0.25") if top <= 1 else Decimal("0.5") if top <= 2 else Decimal(1)
    count = math.ceil(top / step)  # Decimal's // truncates towards zero: not a ceiling
    return [step * n for n in range(count + 1)]


# --- the frame of a monthly chart ----------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """The viewBox and the plot inside it: room on the left for the axis labels, below for the
    months."""

    width: int = 720
    height: int = 300
    left: int = 88
    right: int = 12
    top: int = 12
    bottom: int = 36

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom

    @property
    def baseline(self) -> Decimal:
        return unit(self.height - self.bottom)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def tick_label_x(self) -> int:
        return self.left - 8

    @property
    def month_label_y(self) -> int:
        return self.height - self.bottom + 22

    def y(self, value, top_value) -> Fraction:
        """The height of ``value`` on an axis that ends at ``top_value``."""
        return self.top + self.plot_height * (1 - Fraction(value) / Fraction(top_value))


@dataclass(frozen=True)
class Tick:
    y: Decimal
    value: int | Decimal


@dataclass(frozen=True)
class Rect:
    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    series: int
    value: int


@dataclass(frozen=True)
class Point:
    x: Decimal
    y: Decimal
    value: int | Decimal


@dataclass
class MonthlyChart:
    """Bars stacked per month, and optionally a line over them (the needs)."""

    frame: Frame
    ticks: list[Tick]
    centers: list[Decimal]
    bars: list[list[Rect]] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    path: str = ""
    reference: Decimal | None = None  # the y of the 100 % line on a ratio chart
    slots: list = field(default_factory=list)  # what the caller writes under each month


BAR_SHARE = Fraction(3, 5)  # of each month's band
BAR_MAX = 48


def _bands(frame: Frame, count: int) -> tuple[Fraction, Fraction]:
    band = Fraction(frame.plot_width, max(count, 1))
    return band, min(band * BAR_SHARE, Fraction(BAR_MAX))


def _centers(frame: Frame, count: int) -> list[Fraction]:
    band, _bar = _bands(frame, count)
    return [frame.left + band * index + band / 2 for index in range(count)]


def _line_path(points: list[Point | None]) -> str:
    """One path through the points; a missing point breaks it (a new "M" after the gap)."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{_text(point.x)} {_text(point.y)}")
        pen_down = True
    return " ".join(parts)


def stacked_bars(
    stacks: list[list[int]], *, line: list[int] | None = None, frame: Frame | None = None
) -> MonthlyChart:
    """One stack of bars per month (series bottom to top) and a line over them.

    Negative values draw nothing: a month where refunds exceed gifts shows an empty bar."""
    frame = frame or Frame()
    count = len(stacks)
    highest = max(
        [sum(max(value, 0) for value in stack) for stack in stacks] + [max(line or [0])] + [1]
    )
    axis = ticks(highest)
    top_value = axis[-1]
    _band, bar = _bands(frame, count)
    centers = _centers(frame, count)
    chart = MonthlyChart(
        frame=frame,
        ticks=[Tick(unit(frame.y(value, top_value)), value) for value in axis],
        centers=[unit(center) for center in centers],
    )
    for center, stack in zip(centers, stacks, strict=True):
        rects, below = [], 0
        for series, value in enumerate(stack):
            if value <= 0:
                continue
            y_top = frame.y(below + value, top_value)
            y_bottom = frame.y(below, top_value)
            rects.append(
                Rect(
                    x=unit(center - bar / 2),
                    y=unit(y_top),
                    width=unit(bar),
                    height=unit(y_bottom - y_top),
                    series=series,
                    value=value,
                )
            )
            below += value
        chart.bars.append(rects)
    if line is not None:
        chart.points = [
            Point(unit(center), unit(frame.y(max(value, 0), top_value)), value)
            for center, value in zip(centers, line, strict=True)
        ]
        chart.path = _line_path(chart.points)
    return chart


def ratio_line(values: list[Decimal | None], *, frame: Frame | None = None) -> MonthlyChart:
    """A ratio per month (coverage), with its 100 % line; months without a ratio leave a gap."""
    frame = frame or Frame()
    axis = ratio_ticks(max((value for value in values if value is not None), default=None))
    top_value = axis[-1]
    centers = _centers(frame, len(values))
    points = [
        None if value is None else Point(unit(center), unit(frame.y(value, top_value)), value)
        for center, value in zip(centers, values, strict=True)
    ]
    return MonthlyChart(
        frame=frame,
        ticks=[Tick(unit(frame.y(value, top_value)), value) for value in axis],
        centers=[unit(center) for center in centers],
        points=[point for point in points if point is not None],
        path=_line_path(points),
        reference=unit(frame.y(1, top_value)),
    )


# --- the Sankey flow diagram ---------------------------------------------------------------------


@dataclass
class SankeyNode:
    key: str
    column: int
    value: int = 0
    x: Decimal = Decimal(0)
    y: Decimal = Decimal(0)
    width: Decimal = Decimal(0)
    height: Decimal = Decimal(0)
    label_y: Decimal = Decimal(0)  # the label's middle, moved apart from its neighbours'
    label_x: Decimal = Decimal(0)  # left of the first column, right of the others
    anchor: str = "start"
    label: str = ""
    detail: str = ""
    css: str = ""


@dataclass
class SankeyLink:
    source: str
    target: str
    value: int
    width: Decimal = Decimal(0)
    path: str = ""
    label: str = ""
    css: str = ""


@dataclass
class Sankey:
    width: int
    height: int
    nodes: list[SankeyNode]
    links: list[SankeyLink]
    columns: int
    column_x: list[Decimal] = field(default_factory=list)  # the middle of each column's nodes

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class SankeyFrame:
    width: int = 1100
    height: int = 560
    left: int = 200  # the first column's labels are on its left
    right: int = 200  # the last column's on its right
    top: int = 34  # room for the columns' headings
    bottom: int = 10
    node_width: int = 14
    gap: int = 14  # between the nodes of a column
    label_gap: int = 30  # between two labels' middles (a name and an amount, on two lines)


def sankey(
    nodes: list[SankeyNode], links: list[SankeyLink], *, frame: SankeyFrame | None = None
) -> Sankey:
    """Lay out a flow diagram: nodes in columns, heights proportional to what flows through.

    Nodes keep the order given within their column. A node's value is the larger of what flows
    in and what flows out. One scale serves every column: the fullest column fills the height
    and the others are centred. Each link leaves its source below the previous ones (ordered by
    where its target sits) and arrives likewise, as a cubic Bézier stroked to its width.
    """
    frame = frame or SankeyFrame()
    links = [link for link in links if link.value > 0]
    nodes = _nodes_valued(nodes, links)
    columns = max((node.column for node in nodes), default=0) + 1
    stacks: list[list[SankeyNode]] = [[] for _column in range(columns)]
    for node in nodes:
        stacks[node.column].append(node)
    scale = _sankey_scale(stacks, frame)
    span = Fraction(frame.width - frame.left - frame.right - frame.node_width, max(columns - 1, 1))
    exact_y: dict[str, Fraction] = {}
    for column, stack in enumerate(stacks):
        exact_y.update(_column_place(stack, column, scale=scale, span=span, frame=frame))
    kept = [link for link in links if link.source in exact_y and link.target in exact_y]
    by_key = {node.key: node for node in nodes}
    starts, ends = _link_ends(kept, nodes, exact_y, scale)
    for link in kept:
        _link_draw(
            link,
            by_key[link.source].column,
            by_key[link.target].column,
            y0=starts[id(link)],
            y1=ends[id(link)],
            scale=scale,
            span=span,
            frame=frame,
        )
    middles = [
        frame.left + span * column + Fraction(frame.node_width, 2) for column in range(columns)
    ]
    return Sankey(
        width=frame.width,
        height=frame.height,
        nodes=nodes,
        links=kept,
        columns=columns,
        column_x=[unit(middle) for middle in middles],
    )


def _nodes_valued(nodes: list[SankeyNode], links: list[SankeyLink]) -> list[SankeyNode]:
    """Each node's value, the larger of what flows in and out; the nodes with a value."""
    incoming = {node.key: 0 for node in nodes}
    outgoing = {node.key: 0 for node in nodes}
    for link in links:
        outgoing[link.source] += link.value
        incoming[link.target] += link.value
    for node in nodes:
        node.value = max(incoming[node.key], outgoing[node.key])
    return [node for node in nodes if node.value > 0]


def _sankey_scale(stacks: list[list[SankeyNode]], frame: SankeyFrame) -> Fraction:
    """Height per unit of value: the fullest column, its gaps included, fills the height."""
    inner_height = frame.height - frame.top - frame.bottom
    return min(
        (
            Fraction(inner_height - frame.gap * (len(stack) - 1), sum(n.value for n in stack))
            for stack in stacks
            if stack
        ),
        default=Fraction(0),
    )


def _column_place(
    stack: list[SankeyNode], column: int, *, scale: Fraction, span: Fraction, frame: SankeyFrame
) -> dict[str, Fraction]:
    """Place a column's nodes, centred, and their labels moved apart; return each node's exact
    top, from which its links leave and arrive."""
    inner_height = frame.height - frame.top - frame.bottom
    used = sum(node.value for node in stack) * scale + frame.gap * (len(stack) - 1)
    y = frame.top + (inner_height - used) / 2
    exact_y: dict[str, Fraction] = {}
    for node in stack:
        node.x = unit(frame.left + span * column)
        if column == 0:
            node.label_x, node.anchor = unit(frame.left - 6), "end"
        else:
            node.label_x = unit(frame.left + span * column + frame.node_width + 6)
        node.width = unit(frame.node_width)
        node.y = unit(y)
        node.height = unit(node.value * scale)
        exact_y[node.key] = y
        y += node.value * scale + frame.gap
    middles = [exact_y[node.key] + node.value * scale / 2 for node in stack]
    spread = spread_labels(
        middles, gap=frame.label_gap, low=frame.top + 8, high=frame.height - frame.bottom - 8
    )
    for node, middle in zip(stack, spread, strict=True):
        node.label_y = unit(middle)
    return exact_y


def _link_ends(
    links: list[SankeyLink],
    nodes: list[SankeyNode],
    exact_y: dict[str, Fraction],
    scale: Fraction,
) -> tuple[dict[int, Fraction], dict[int, Fraction]]:
    """Where each link (by ``id``) leaves its source and arrives at its target: below the links
    before it, in the order of the nodes at its other end."""
    order = {node.key: index for index, node in enumerate(nodes)}
    leaving = dict(exact_y)
    arriving = dict(exact_y)
    starts: dict[int, Fraction] = {}
    for link in sorted(links, key=lambda link: (order[link.source], order[link.target])):
        starts[id(link)] = leaving[link.source]
        leaving[link.source] += link.value * scale
    ends: dict[int, Fraction] = {}
    for link in sorted(links, key=lambda link: (order[link.target], order[link.source])):
        ends[id(link)] = arriving[link.target]
        arriving[link.target] += link.value * scale
    return starts, ends


def _link_draw(
    link: SankeyLink,
    source_column: int,
    target_column: int,
    *,
    y0: Fraction,
    y1: Fraction,
    scale: Fraction,
    span: Fraction,
    frame: SankeyFrame,
) -> None:
    """The link's width and its path: a cubic Bézier between the middles of its two ends."""
    width = link.value * scale
    x0 = Fraction(frame.left) + span * source_column + frame.node_width
    x1 = Fraction(frame.left) + span * target_column
    y0, y1 = y0 + width / 2, y1 + width / 2
    middle = (x0 + x1) / 2
    link.width = unit(width)
    link.path = " ".join(
        [
            f"M{_text(unit(x0))} {_text(unit(y0))}",
            f"C{_text(unit(middle))} {_text(unit(y0))}",
            f"{_text(unit(middle))} {_text(unit(y1))}",
            f"{_text(unit(x1))} {_text(unit(y1))}",
        ]
    )


def spread_labels(
    middles: list[Fraction], *, gap: int, low: int | Fraction, high: int | Fraction
) -> list[Fraction]:
    """Move labels apart, in order, so that two middles are at least ``gap`` apart; pushed down
    first, then back up from ``high`` when the last ones overflow, never above ``low``."""
    placed: list[Fraction] = []
    for middle in middles:
        floor = placed[-1] + gap if placed else Fraction(low)
        placed.append(max(Fraction(middle), floor))
    ceiling = Fraction(high)
    for index in range(len(placed) - 1, -1, -1):
        if placed[index] > ceiling:
            placed[index] = ceiling
        ceiling = placed[index] - gap
    return [max(middle, Fraction(low)) for middle in placed]
