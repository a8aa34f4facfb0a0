"""The dashboard's chart geometry, with literal coordinates worked out by hand."""

from decimal import Decimal as D
from fractions import Fraction

from remix.ledger.drawings import (
    Frame,
    Point,
    Rect,
    SankeyFrame,
    SankeyLink,
    SankeyNode,
    Tick,
    nice_step,
    ratio_line,
    ratio_ticks,
    sankey,
    spread_labels,
    stacked_bars,
    ticks,
    unit,
)


def test_a_coordinate_is_rounded_to_a_tenth_half_to_even():
    assert unit(Fraction(3375, 100)) == D("33.8")
    assert unit(Fraction(3365, 100)) == D("33.6")
    assert unit(Fraction(1, 3)) == D("0.3")


def test_axis_steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten():
    assert nice_step(123456) == 50000
    assert nice_step(100000) == 25000
    assert nice_step(810000) == 250000
    assert nice_step(200) == 50
    assert nice_step(7) == 2
    assert nice_step(9) == 5  # 2.5 is not a whole number of minor units
    assert nice_step(0) == 1


def test_axis_ticks_end_at_the_first_step_above_the_highest_value():
    assert ticks(123456) == [0, 50000, 100000, 150000]
    assert ticks(200) == [0, 50, 100, 150, 200]
    assert ticks(810000) == [0, 250000, 500000, 750000, 1000000]
    assert ticks(0) == [0, 1]


def test_a_ratio_axis_reaches_100_percent_at_least():
    assert ratio_ticks(None) == [0, D("0.25"), D("0.5"), D("0.75"), 1]
    assert ratio_ticks(D("0.4")) == [0, D("0.25"), D("0.5"), D("0.75"), 1]
    assert ratio_ticks(D("1.25")) == [0, D("0.5"), 1, D("1.5")]
    assert ratio_ticks(D("2.4")) == [0, 1, 2, 3]


def test_stacked_bars_per_month_and_the_needs_line():
    # Plot 620 wide from x=88 and 252 high from y=12; axis 0…200; each band 206.7 wide.
    chart = stacked_bars([[100, 50], [0, 0], [200, 0]], line=[150, 150, 150])

    assert chart.frame == Frame()
    assert chart.ticks == [
        Tick(D("264.0"), 0),
        Tick(D("201.0"), 50),
        Tick(D("138.0"), 100),
        Tick(D("75.0"), 150),
        Tick(D("12.0"), 200),
    ]
    assert chart.centers == [D("191.3"), D("398.0"), D("604.7")]
    assert chart.bars == [
        [
            Rect(D("167.3"), D("138.0"), D("48.0"), D("126.0"), series=0, value=100),
            Rect(D("167.3"), D("75.0"), D("48.0"), D("63.0"), series=1, value=50),
        ],
        [],
        [Rect(D("580.7"), D("12.0"), D("48.0"), D("252.0"), series=0, value=200)],
    ]
    assert chart.points[0] == Point(D("191.3"), D("75.0"), 150)
    assert chart.path == "M191.3 75 L398 75 L604.7 75"


def test_a_negative_month_draws_no_bar_and_the_line_stays_on_the_axis():
    chart = stacked_bars([[-500]], line=[0], frame=Frame(width=200, left=50, right=50))

    assert chart.bars == [[]]
    assert chart.ticks == [Tick(D("264.0"), 0), Tick(D("12.0"), 1)]
    assert chart.path == "M100 264"


def test_the_coverage_line_breaks_where_a_month_has_no_needs():
    chart = ratio_line([D("0.5"), None, D("1.25")])

    assert [tick.value for tick in chart.ticks] == [0, D("0.5"), 1, D("1.5")]
    assert chart.reference == D("96.0")
    assert chart.points == [
        Point(D("191.3"), D("180.0"), D("0.5")),
        Point(D("604.7"), D("54.0"), D("1.25")),
    ]
    assert chart.path == "M191.3 180 M604.7 54"


def test_labels_move_apart_down_then_back_up_from_the_bottom():
    assert spread_labels([10, 15, 95], gap=20, low=0, high=100) == [10, 30, 95]
    assert spread_labels([90, 95, 99], gap=20, low=0, high=100) == [60, 80, 100]


def _small_frame():
    return SankeyFrame(
        width=300, height=100, left=50, right=50, top=0, bottom=0, node_width=10, gap=10,
        label_gap=20,
    )  # fmt: skip


def test_sankey_nodes_are_proportional_and_links_are_beziers():
    # Column 0 holds 400 and a gap of 10 in 100: the scale is 90/400 = 9/40 for every column.
    nodes = [SankeyNode("a", 0), SankeyNode("b", 0), SankeyNode("n", 1), SankeyNode("f", 2)]
    links = [SankeyLink("a", "n", 300), SankeyLink("b", "n", 100), SankeyLink("n", "f", 400)]

    layout = sankey(nodes, links, frame=_small_frame())

    placed = {node.key: (node.value, node.x, node.y, node.height) for node in layout.nodes}
    assert placed == {
        "a": (300, D("50.0"), D("0.0"), D("67.5")),
        "b": (100, D("50.0"), D("77.5"), D("22.5")),
        "n": (400, D("145.0"), D("5.0"), D("90.0")),
        "f": (400, D("240.0"), D("5.0"), D("90.0")),
    }
    assert [node.label_y for node in layout.nodes] == [
        D("33.8"),
        D("88.8"),
        D("50.0"),
        D("50.0"),
    ]
    assert [(link.width, link.path) for link in layout.links] == [
        (D("67.5"), "M60 33.8 C102.5 33.8 102.5 38.8 145 38.8"),
        (D("22.5"), "M60 88.8 C102.5 88.8 102.5 83.8 145 83.8"),
        (D("90.0"), "M155 50 C197.5 50 197.5 50 240 50"),
    ]
    assert layout.view_box == "0 0 300 100"
    assert layout.columns == 3
    assert layout.column_x == [D("55.0"), D("150.0"), D("245.0")]
    # Labels: on the left of the first column, on the right of the others.
    assert [(node.label_x, node.anchor) for node in layout.nodes] == [
        (D("44.0"), "end"),
        (D("44.0"), "end"),
        (D("161.0"), "start"),
        (D("256.0"), "start"),
    ]


def test_a_sankey_node_is_as_tall_as_the_larger_of_what_comes_in_and_goes_out():
    nodes = [SankeyNode("in", 0), SankeyNode("fund", 1), SankeyNode("spent", 2)]
    nodes.append(SankeyNode("idle", 2))
    links = [
        SankeyLink("in", "fund", 100),
        SankeyLink("fund", "spent", 60),
        SankeyLink("fund", "idle", 0),  # nothing flows: neither the link nor the node is drawn
    ]

    layout = sankey(nodes, links, frame=_small_frame())

    assert [(node.key, node.value) for node in layout.nodes] == [
        ("in", 100),
        ("fund", 100),
        ("spent", 60),
    ]
    # Scale 100/100 = 1; "spent" is centred in its column: (100 - 60) / 2 = 20.
    assert [node.y for node in layout.nodes] == [D("0.0"), D("0.0"), D("20.0")]
    assert [link.target for link in layout.links] == ["fund", "spent"]
    assert layout.links[1].path == "M155 30 C197.5 30 197.5 50 240 50"


def test_an_empty_sankey_draws_nothing():
    layout = sankey([SankeyNode("a", 0)], [])

    assert layout.nodes == [] and layout.links == []
