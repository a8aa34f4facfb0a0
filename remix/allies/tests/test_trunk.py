from fractions import Fraction

from remix.allies.trunk import (
    ActorFacts,
    bridge_actors,
    common_trunk,
    least_documented,
    relation_crosses,
)

E, C, OTHER = "ess", "commons", "other"


def actor(pk, movements, themes):
    return ActorFacts(id=pk, movements=frozenset(movements), themes=frozenset(themes))


NETWORK = [
    actor(1, {E}, {"A", "B"}),
    actor(2, {E}, {"A"}),
    actor(3, {C}, {"A", "C"}),
    actor(4, {C}, {"B"}),
    actor(5, {E, C}, {"B", "C"}),
    actor(6, {OTHER}, {"A"}),
]
EDGES = [(1, 3), (6, 1), (6, 4), (2, 1)]


def test_bridges_are_in_both_movements_or_related_to_both():
    assert bridge_actors(NETWORK, EDGES) == {1, 5, 6}


def test_the_trunk_ranks_themes_by_the_harmonic_mean_of_both_shares():
    trunk = common_trunk(NETWORK, bridge_actors(NETWORK, EDGES))

    assert [(t.theme, t.score, t.ess_share, t.commons_share) for t in trunk] == [
        ("B", Fraction(2, 3), Fraction(2, 3), Fraction(2, 3)),
        # A and C tie at 4/9: A has more holders (four against two), so it comes first.
        ("A", Fraction(4, 9), Fraction(2, 3), Fraction(1, 3)),
        ("C", Fraction(4, 9), Fraction(1, 3), Fraction(2, 3)),
    ]
    by_theme = {t.theme: t for t in trunk}
    assert (by_theme["A"].ess, by_theme["A"].commons, by_theme["A"].bridges) == (
        (1, 2),
        (3,),
        (1, 6),
    )
    assert by_theme["B"].bridges == (1, 5)
    assert by_theme["C"].bridges == (5,)


def test_a_theme_held_on_one_side_only_is_not_in_the_trunk():
    network = [actor(1, {E}, {"X", "Y"}), actor(2, {C}, {"Y"})]

    assert [t.theme for t in common_trunk(network)] == ["Y"]


def test_no_trunk_without_both_movements():
    assert common_trunk([actor(1, {E}, {"A"}), actor(2, {OTHER}, {"A"})]) == []


def test_a_theme_held_by_all_of_one_side_and_few_of_the_other_scores_low():
    network = [actor(i, {E}, {"A"}) for i in range(1, 11)] + [
        actor(11, {C}, {"A"}),
        *[actor(i, {C}, {"B"}) for i in range(12, 21)],
        actor(21, {E}, {"B"}),
    ]
    scores = {t.theme: t.score for t in common_trunk(network)}

    # A: 10/11 of ESS, 1/10 of commons; B: 1/11 of ESS, 9/10 of commons.
    assert scores == {"A": Fraction(200, 1110), "B": Fraction(180, 1090)}


def test_relations_cross_when_the_ends_share_neither_movement():
    assert relation_crosses(frozenset({E}), frozenset({C}))
    assert relation_crosses(frozenset({C, OTHER}), frozenset({E}))
    assert not relation_crosses(frozenset({E, C}), frozenset({C}))
    assert not relation_crosses(frozenset({E}), frozenset({E}))
    assert not relation_crosses(frozenset({OTHER}), frozenset({C}))


def test_the_themes_to_document_have_the_fewest_documents_per_point_of_score():
    themes = common_trunk(NETWORK, bridge_actors(NETWORK, EDGES))
    scores = {entry.theme: entry.score for entry in themes}

    chosen = least_documented(themes, {"A": 3, "B": 1, "C": 1}, limit=2)

    assert scores == {"A": Fraction(4, 9), "B": Fraction(2, 3), "C": Fraction(4, 9)}
    # B: 1 / 66.7 points = 0.015 a point; C: 1 / 44.4 = 0.0225; A: 3 / 44.4 = 0.0675
    assert [(t.theme, t.documents, t.per_point) for t in chosen] == [
        ("B", 1, Fraction(3, 200)),
        ("C", 1, Fraction(9, 400)),
    ]


def test_among_undocumented_themes_the_strongest_comes_first():
    themes = common_trunk(NETWORK, bridge_actors(NETWORK, EDGES))

    chosen = least_documented(themes, {}, limit=3)

    assert [(t.theme, t.per_point) for t in chosen] == [("B", 0), ("A", 0), ("C", 0)]
