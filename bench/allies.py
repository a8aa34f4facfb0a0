"""The allies at scale: trunk and measures pages from cache; betweenness against networkx.

Pages: GET of the common-trunk page, its API twin and the measures API, each against the
minimal view, on the generated network (``--scale large``: 10,000 actors, 50,000 relations).
Computation: our chunked betweenness (with progress) against ``networkx.betweenness_centrality``
with the same sampled sources, on the same graph, alternating; and the sampled values against
the exact ones on a subgraph small enough for exact betweenness, to report the error.
"""

import random
import statistics
import time


def run(args) -> dict:
    from bench.common import instance, interleaved, summary

    vendor = instance(scale=args.scale)
    import networkx as nx
    from django.test import Client

    from remix.allies.measures import SAMPLE_SIZE, betweenness, graph_build
    from remix.allies.models import Actor, Relation
    from remix.allies.selectors import measures_state, trunk_current
    from remix.allies.services import measures_request

    start = time.perf_counter()
    trunk_current()
    trunk_cold_ms = (time.perf_counter() - start) * 1000
    if not measures_state().is_fresh:
        measures_request()
    start = time.perf_counter()
    state = measures_state()
    assert state.is_fresh, "measures not computed"

    client = Client()
    paths = {
        "minimal": "/bench/minimal/",
        "trunk_page": "/allies/trunk/",
        "trunk_api": "/api/v1/common-trunk",
        "measures_api": "/api/v1/network/measures",
        "measures_page": "/allies/measures/",
    }
    for url in paths.values():
        assert client.get(url).status_code == 200, url
    pages = interleaved(
        {name: (lambda url=url: client.get(url)) for name, url in paths.items()},
        rounds=args.rounds,
        per_round=max(1, args.per_round // 4),
    )

    graph = graph_build(
        Actor.objects.values_list("pk", flat=True),
        Relation.objects.filter(end_date__isnull=True).values_list("source_id", "target_id"),
    )
    k = min(args.sample, graph.number_of_nodes())
    ours_times, theirs_times = [], []
    for repeat in range(args.repeats):
        seed = repeat + 1
        started = time.perf_counter()
        ours = betweenness(graph, sample_size=k, seed=seed)
        ours_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        theirs = nx.betweenness_centrality(graph, k=k, seed=random.Random(seed))
        theirs_times.append(time.perf_counter() - started)
        assert max(abs(ours[node] - theirs[node]) for node in graph) < 1e-9

    # Sampling error, measured: on a connected subgraph of up to 2,000 actors, exact vs sampled.
    nodes = list(nx.bfs_tree(graph, next(iter(graph))))[: args.error_nodes]
    sub = graph.subgraph(nodes).copy()
    exact = betweenness(sub)
    sampled = betweenness(sub, sample_size=min(SAMPLE_SIZE, len(sub) - 1), seed=7)
    errors = sorted(abs(exact[node] - sampled[node]) for node in sub)
    pages_summary = summary(pages, baseline="minimal")
    return {
        "database": vendor,
        "scale": args.scale,
        "actors": graph.number_of_nodes(),
        "open_relations": graph.number_of_edges(),
        "trunk_first_computation_ms": round(trunk_cold_ms, 1),
        "pages": pages_summary,
        "betweenness": {
            "sample_size": k,
            "repeats": args.repeats,
            "ours_median_s": round(statistics.median(ours_times), 2),
            "networkx_median_s": round(statistics.median(theirs_times), 2),
            "ratio_to_networkx": round(
                statistics.median(ours_times) / statistics.median(theirs_times), 3
            ),
        },
        "sampling_error": {
            "subgraph_actors": sub.number_of_nodes(),
            "sample_size": min(SAMPLE_SIZE, len(sub) - 1),
            "max_abs": round(errors[-1], 5),
            "p95_abs": round(errors[int(0.95 * (len(errors) - 1))], 5),
        },
        "rows": _rows(paths, pages_summary["median_ms"], ours_times, theirs_times, k),
    }


def _rows(paths: dict, medians: dict, ours: list, theirs: list, k: int) -> list[dict]:
    from bench.common import row

    rows = [
        row(
            f"allies `GET {url}`",
            remix_ms=medians[name],
            baseline="minimal view",
            baseline_ms=medians["minimal"],
        )
        for name, url in paths.items()
        if name != "minimal"
    ]
    rows.append(
        row(
            f"betweenness, {k} sampled sources",
            remix_ms=statistics.median(ours) * 1000,
            baseline="networkx, same sources",
            baseline_ms=statistics.median(theirs) * 1000,
        )
    )
    return rows
