"""Quadratic matching of a round of 10,000 gifts against the formula on in-memory lists.

A round is built in the database: 2,000 verified members give 10,000 gifts (amounts spread
log-uniformly from 1 € to 500 €, so some members give twice to a project and their gifts add
up) to 400 projects, with a pool of 1,000,000 € and a cap of 5 % per project. Measured,
interleaved round by round:

- ``remix``: ``selectors.round_matching(round=…)``, what a round's page, its API and its close
  call: the gifts that count read and summed per giver and project by the database, then the
  exact matching to the cent;
- ``formula``: the baseline, the same formula as a plain function over three Python lists of
  ints (project, giver, amount of each gift) already in memory: gifts summed per giver and
  project in a dict, ``math.sqrt`` in floats, the pool shared in proportion, the cap applied
  until no project is over, cents by largest remainder;
- ``read_rows``: the database's part alone (the same rows, fetched as tuples), and
  ``compute_in_memory``: Remix's pure function alone on the totals already in memory — where
  the time of ``remix`` goes.

Both results are checked: Remix's matches add up to the pool, and the float formula's cents
differ from them by at most one cent per project.
"""

import datetime
import math
import random
import statistics
from collections import defaultdict
from decimal import Decimal

GIFTS = 10_000
PROJECTS = 400
GIVERS = 2_000
POOL_MINOR = 100_000_000
CAP_SHARE = Decimal("0.05")
TARGET_RATIO = 3


def formula(projects: list[int], givers: list[int], amounts: list[int], *, pool: int, cap: int):
    """The quadratic matching of the gifts, in floats, cents by largest remainder."""
    given: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for project, giver, amount in zip(projects, givers, amounts, strict=True):
        given[project][giver] += amount
    ideals = {}
    for project, totals in given.items():
        roots = sum(math.sqrt(total) for total in totals.values())
        ideals[project] = roots * roots - sum(totals.values()) if len(totals) > 1 else 0.0
    active = [project for project, ideal in ideals.items() if ideal > 0]
    shares, remaining = {}, pool
    while active:
        weight = sum(ideals[project] for project in active)
        tentative = {project: remaining * ideals[project] / weight for project in active}
        over = [project for project in active if tentative[project] > cap]
        if not over:
            shares.update(tentative)
            break
        for project in over:
            shares[project] = cap
            remaining -= cap
        active = [project for project in active if project not in over]
    cents = {project: int(share) for project, share in shares.items()}
    left = round(sum(shares.values())) - sum(cents.values())
    for project in sorted(shares, key=lambda project: cents[project] - shares[project])[:left]:
        cents[project] += 1
    return cents


def run(args) -> dict:
    from bench.common import instance, interleaved

    vendor = instance(scale=None)
    round_, lists = _round_built(random.Random(16))

    from django.db.models import Sum

    from remix.contributions import quadratic, selectors

    cap = int(POOL_MINOR * CAP_SHARE)

    def read_rows():
        return list(
            selectors.round_gifts(round=round_)
            .values_list("round_project_id", "user_id")
            .annotate(total=Sum("amount_minor"))
            .order_by()
        )

    projects = list(round_.projects.order_by("pk").values_list("pk", flat=True))
    given: dict[int, dict[int, int]] = {pk: {} for pk in projects}
    for project, giver, total in read_rows():
        given[project][giver] = total
    matching = selectors.round_matching(round=round_)
    expected = formula(*lists, pool=POOL_MINOR, cap=cap)
    assert matching.matched == POOL_MINOR
    assert all(abs(p.match - expected.get(p.project, 0)) <= 1 for p in matching.projects)

    timings = interleaved(
        {
            "formula": lambda: formula(*lists, pool=POOL_MINOR, cap=cap),
            "remix": lambda: selectors.round_matching(round=round_),
            "read_rows": read_rows,
            "compute_in_memory": lambda: quadratic.match(
                given, pool=POOL_MINOR, cap_share=CAP_SHARE
            ),
        },
        rounds=args.rounds,
        per_round=max(1, min(args.per_round, 5)),
    )
    medians = {name: statistics.median(values) for name, values in timings.items()}
    ratio = medians["remix"] / medians["formula"]
    return {
        "database": vendor,
        "gifts": GIFTS,
        "projects": PROJECTS,
        "givers_in_round": len({(p, g) for p, g, _t in read_rows()}),
        "median_ms": {name: round(value, 3) for name, value in medians.items()},
        "spread_ms": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in timings.items()
        },
        "rows": [
            {
                "path": f"quadratic matching, {GIFTS:,} contributions ({vendor})",
                "remix_ms": round(medians["remix"], 3),
                "baseline": "the formula on in-memory lists",
                "baseline_ms": round(medians["formula"], 3),
                "ratio": round(ratio, 2),
                "target": f"≤ {TARGET_RATIO}× the formula on in-memory lists",
                "met": ratio <= TARGET_RATIO,
            }
        ],
    }


def _round_built(rng: random.Random):
    """The round, its projects, its verified givers and their gifts, inserted in bulk; the gifts
    as three lists (project, giver, amount)."""
    from django.db import connection
    from django.db import transaction as db
    from django.utils import timezone

    from remix.accounts.models import User
    from remix.allies.models import Actor
    from remix.contributions import services
    from remix.contributions.models import Contribution, RoundProject
    from remix.ledger.models import Fund, FundKind, Transaction

    today = timezone.localdate()
    with db.atomic():
        funder, _new = Actor.objects.get_or_create(
            slug="bench-funder", defaults={"name": "Bench funder", "kind": "organisation"}
        )
        round_ = services.round_create(
            slug="bench-round",
            title={"en": "Bench round"},
            funder=funder,
            pool=Decimal(POOL_MINOR) / 100,
            pool_fund=Fund.objects.get(kind=FundKind.PLATFORM),
            opens=today - datetime.timedelta(days=10),
            closes=today + datetime.timedelta(days=10),
            cap_share=CAP_SHARE,
        )
        Fund.objects.bulk_create(
            Fund(slug=f"bench-project-{n:03d}", kind=FundKind.PUBLICATION, name={"en": f"P{n}"})
            for n in range(PROJECTS)
        )
        funds = list(Fund.objects.filter(slug__startswith="bench-project-").order_by("slug"))
        RoundProject.objects.bulk_create(RoundProject(round=round_, fund=f) for f in funds)
        projects = list(round_.projects.order_by("pk").select_related("fund"))
        now = timezone.now()
        User.objects.bulk_create(
            User(username=f"bench-giver-{n:05d}", verified_at=now) for n in range(GIVERS)
        )
        givers = list(User.objects.filter(username__startswith="bench-giver-").order_by("pk"))
        Transaction.objects.bulk_create(
            Transaction(date=today, description=f"Bench gift {n}", external_key=f"bench:{n}")
            for n in range(GIFTS)
        )
        ids = dict(
            Transaction.objects.filter(external_key__startswith="bench:").values_list(
                "external_key", "pk"
            )
        )
        transactions = [ids[f"bench:{n}"] for n in range(GIFTS)]
        lists: tuple[list[int], list[int], list[int]] = ([], [], [])
        gifts = []
        for n in range(GIFTS):
            project, giver = rng.choice(projects), rng.choice(givers)
            amount = int(100 * 10 ** rng.uniform(0, math.log10(500)))
            gifts.append(
                Contribution(
                    kind="money",
                    status="recorded",
                    user=giver,
                    name=giver.username,
                    fund=project.fund,
                    round_project=project,
                    amount_minor=amount,
                    date=today,
                    visibility="public",
                    provider="treasurer",
                    transaction_id=transactions[n],
                )
            )
            for column, value in zip(lists, (project.pk, giver.pk, amount), strict=True):
                column.append(value)
        Contribution.objects.bulk_create(gifts, batch_size=2_000)
    # After a bulk load the query planner needs fresh statistics, as after any large import.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return round_, lists
