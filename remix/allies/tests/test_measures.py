import math
import random

import networkx as nx
import pytest

from remix.allies.measures import betweenness, hoeffding_bound, network_measures


def test_measures_of_a_path_and_an_isolated_actor():
    measures = network_measures([1, 2, 3, 4, 5], [(1, 2), (2, 3), (3, 4), (2, 1)])

    assert measures.degree == {1: 1, 2: 2, 3: 2, 4: 1, 5: 0}
    # n = 5: 2 lies on the paths 1–3 and 1–4, over (n-1)(n-2)/2 = 6 pairs.
    assert measures.betweenness == pytest.approx({1: 0, 2: 1 / 3, 3: 1 / 3, 4: 0, 5: 0})
    assert measures.component == {1: 1, 2: 1, 3: 1, 4: 1, 5: 2}
    assert measures.components == 2
    assert measures.density == pytest.approx(0.3)
    assert (measures.method, measures.sample_size) == ("exact", None)


def test_the_centre_of_a_star_carries_every_path():
    measures = network_measures(range(6), [(0, leaf) for leaf in range(1, 6)])

    assert measures.betweenness[0] == pytest.approx(1.0)
    assert all(measures.betweenness[leaf] == 0 for leaf in range(1, 6))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_betweenness_equals_networkx_on_random_networks(seed):
    graph = nx.gnm_random_graph(120, 300, seed=seed)

    ours = betweenness(graph)
    theirs = nx.betweenness_centrality(graph)

    assert max(abs(ours[node] - theirs[node]) for node in graph) < 1e-12


@pytest.mark.parametrize("seed", [4, 5])
def test_sampled_betweenness_equals_networkx_with_the_same_sources(seed):
    graph = nx.gnm_random_graph(150, 400, seed=seed)

    ours = betweenness(graph, sample_size=40, seed=seed)
    theirs = nx.betweenness_centrality(graph, k=40, seed=random.Random(seed))

    assert max(abs(ours[node] - theirs[node]) for node in graph) < 1e-12


def test_large_networks_are_sampled_and_say_so_with_progress():
    graph = nx.gnm_random_graph(60, 150, seed=9)
    calls = []

    measures = network_measures(
        list(graph),
        list(graph.edges()),
        exact_limit=50,
        sample_size=30,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert (measures.method, measures.sample_size) == ("sampled", 30)
    assert calls[-1] == (30, 30)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_the_sampling_error_bound():
    assert hoeffding_bound(1000) == pytest.approx(math.sqrt(math.log(40) / 2000))
    assert round(hoeffding_bound(1000), 3) == 0.043
