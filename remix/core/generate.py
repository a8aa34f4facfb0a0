"""Scale data for benchmarks: each app registers a generator in its own ``generate.py``.

`remix generate --scale small|large --seed N` runs them in order; the same seed gives the same data.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction


@dataclass(frozen=True)
class Scale:
    name: str
    users: int
    themes: int
    actors: int
    relations: int
    postings: int
    documents: int = 0


SCALES = {
    "small": Scale(
        name="small",
        users=50,
        themes=30,
        actors=200,
        relations=1_000,
        postings=10_000,
        documents=2_000,
    ),
    "large": Scale(
        name="large",
        users=2_000,
        themes=120,
        actors=10_000,
        relations=50_000,
        postings=1_000_000,
        documents=100_000,
    ),
}

Generator = Callable[[random.Random, Scale], int]
_GENERATORS: list[tuple[int, str, Generator]] = []


def generator(*, order: int, name: str):
    def register(func: Generator):
        _GENERATORS.append((order, name, func))
        return func

    return register


def scale_generate(*, scale: str, seed: int = 1, log: Callable[[str], None] = print) -> dict:
    plan = SCALES[scale]
    rng = random.Random(seed)
    created = {}
    with transaction.atomic():
        for _order, name, func in sorted(_GENERATORS, key=lambda item: (item[0], item[1])):
            created[name] = func(rng, plan)
            log(f"{name}: {created[name]}")
    # After a bulk load the query planner needs fresh statistics, as after any large import.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return created
