"""The common trunk: the themes both movements hold, ranked. Pure functions, no Django.

Score of a theme: the harmonic mean of the two movements' shares of actors holding it,

    a = (ESS actors holding the theme) / (ESS actors)
    b = (commons actors holding the theme) / (commons actors)
    score = 2ab / (a + b)

so a theme ranks high only when it is widely held on *both* sides: a theme held by all of one
movement and a handful of the other scores low. An actor in both movements counts on both sides.
Themes held on one side only are not in the trunk. Ties: more holders first, then the theme key.
Scores are exact fractions.

The themes **to document** (« À documenter ») are the trunk's themes with the fewest documents for
their strength: documents in the catalogue on the theme per point of score (the score as a
percentage), lowest first,

    per_point = documents / (100 × score)

so a theme both movements hold strongly with a handful of documents comes before a weak theme
with none only when it is really less documented for what it weighs. Ties: the stronger theme
first (the trunk needs it most), then the theme key.

A **bridge actor** belongs to both movements, or has open relations with actors of each of them.
A relation **crosses** the movements when one end is ESS, the other commons, and they share
neither of the two.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

ESS = "ess"
COMMONS = "commons"


@dataclass(frozen=True)
class ActorFacts:
    id: int
    movements: frozenset[str]
    themes: frozenset[Hashable] = frozenset()


@dataclass(frozen=True)
class TrunkTheme:
    theme: Hashable
    ess: tuple[int, ...]
    commons: tuple[int, ...]
    ess_share: Fraction
    commons_share: Fraction
    score: Fraction
    bridges: tuple[int, ...]


def harmonic_mean(a: Fraction, b: Fraction) -> Fraction:
    if a == 0 or b == 0:
        return Fraction(0)
    return 2 * a * b / (a + b)


def relation_crosses(a: frozenset[str], b: frozenset[str]) -> bool:
    if {ESS, COMMONS} & a & b:
        return False
    return (ESS in a and COMMONS in b) or (COMMONS in a and ESS in b)


def bridge_actors(actors: Iterable[ActorFacts], edges: Iterable[tuple[int, int]]) -> frozenset[int]:
    movements = {actor.id: actor.movements for actor in actors}
    reach: dict[int, set[str]] = {actor_id: set() for actor_id in movements}
    for a, b in edges:
        if a in reach and b in reach:
            reach[a] |= movements[b]
            reach[b] |= movements[a]
    return frozenset(
        actor_id
        for actor_id, own in movements.items()
        if {ESS, COMMONS} <= own or {ESS, COMMONS} <= reach[actor_id]
    )


def common_trunk(
    actors: Iterable[ActorFacts], bridges: frozenset[int] = frozenset()
) -> list[TrunkTheme]:
    actors = list(actors)
    ess_total = sum(1 for actor in actors if ESS in actor.movements)
    commons_total = sum(1 for actor in actors if COMMONS in actor.movements)
    if not ess_total or not commons_total:
        return []
    holders: dict[Hashable, dict[str, list[int]]] = {}
    for actor in actors:
        for theme in actor.themes:
            sides = holders.setdefault(theme, {ESS: [], COMMONS: [], "all": []})
            sides["all"].append(actor.id)
            for movement in (ESS, COMMONS):
                if movement in actor.movements:
                    sides[movement].append(actor.id)
    ranked = []
    for theme, sides in holders.items():
        a = Fraction(len(sides[ESS]), ess_total)
        b = Fraction(len(sides[COMMONS]), commons_total)
        score = harmonic_mean(a, b)
        if score == 0:
            continue
        ranked.append(
            TrunkTheme(
                theme=theme,
                ess=tuple(sorted(sides[ESS])),
                commons=tuple(sorted(sides[COMMONS])),
                ess_share=a,
                commons_share=b,
                score=score,
                bridges=tuple(sorted(set(sides["all"]) & bridges)),
            )
        )
    ranked.sort(key=lambda t: (-t.score, -len(set(t.ess) | set(t.commons)), str(t.theme)))
    return ranked


@dataclass(frozen=True)
class ToDocument:
    theme: Hashable
    score: Fraction
    documents: int
    per_point: Fraction  # documents per point of score


def least_documented(
    themes: Iterable[TrunkTheme], documents: Mapping[Hashable, int], *, limit: int
) -> list[ToDocument]:
    """The ``limit`` trunk themes with the fewest documents per point of score."""
    found = [
        ToDocument(
            theme=entry.theme,
            score=entry.score,
            documents=documents.get(entry.theme, 0),
            per_point=Fraction(documents.get(entry.theme, 0)) / (100 * entry.score),
        )
        for entry in themes
        if entry.score > 0
    ]
    found.sort(key=lambda t: (t.per_point, -t.score, str(t.theme)))
    return found[:limit]
