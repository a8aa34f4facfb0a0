"""The dry run of a sharing rule over 1,000 contributors and a year of declared time, against the
same arithmetic on in-memory lists.

Generated in the database: a study's fund, 1,000 members, each declaring volunteer time on it
about once a week over the year up to today (52,000 recorded declarations of 1 to 8 hours, each
with its transaction, inserted in bulk) plus one gift in kind in twenty, and the books' hourly
rate changing once mid-year. The rule: 10 % to the platform, 5 % to a commons fund, the rest to
the contributors pro rata. Measured, interleaved round by round:

- ``remix``: ``selectors.dry_run``, what the page and the API call: the rates, one aggregate of
  the declarations per contributor and per run of days at one rate, their value, the shares;
- ``lists``: the baseline, the same arithmetic over Python lists already in memory (contributor,
  unit, day, minor units of each declaration): sums per contributor and rate run in a dict, the
  same conversion and rounding, the same pure evaluator (``rules.share``);
- ``evaluate``: the evaluator alone on the contributors' values already known.

Both answers are checked to be the same parts, cent for cent, adding up to the amount.
"""

import bisect
import datetime
import random
import statistics
from collections import defaultdict
from decimal import Decimal

CONTRIBUTORS = 1_000
WEEKS = 52
AMOUNT_MINOR = 12_345_678  # 123 456,78 €
TARGET_RATIO = 3
RATES = ("12.00", "12.50")  # the hourly value before and after mid-year


def run(args) -> dict:
    from bench.common import instance, interleaved, row

    vendor = instance(scale=None, demo=False)
    version, scope, lists = _world(random.Random(19))

    from remix.sharing import rules, selectors

    runs = _runs(scope)
    remix = selectors.dry_run(version=version, amount=AMOUNT_MINOR, scope=scope)
    by_lists = _on_lists(lists, runs, version.bucket_list, names=_names(remix))
    assert [p.amount for p in remix.parts] == [p.amount for p in by_lists]
    assert sum(p.amount for p in remix.parts) == AMOUNT_MINOR
    contributors = remix.contributors

    timings = interleaved(
        {
            "lists": lambda: _on_lists(lists, runs, version.bucket_list, names=_names(remix)),
            "remix": lambda: selectors.dry_run(version=version, amount=AMOUNT_MINOR, scope=scope),
            "evaluate": lambda: rules.share(AMOUNT_MINOR, version.bucket_list, contributors),
        },
        rounds=args.rounds,
        per_round=max(1, min(args.per_round, 5)),
    )
    medians = {name: statistics.median(values) for name, values in timings.items()}
    ratio = medians["remix"] / medians["lists"]
    return {
        "database": vendor,
        "contributors": len(contributors),
        "declarations": len(lists[0]),
        "median_ms": {name: round(value, 3) for name, value in medians.items()},
        "spread_ms": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in timings.items()
        },
        "rows": [
            row(
                f"sharing dry run, {CONTRIBUTORS:,} contributors, {len(lists[0]):,} "
                f"declarations ({vendor})",
                remix_ms=medians["remix"],
                baseline="the same arithmetic on in-memory lists",
                baseline_ms=medians["lists"],
                target=f"≤ {TARGET_RATIO}× the arithmetic on in-memory lists",
                met=ratio <= TARGET_RATIO,
            )
        ],
    }


def _names(run) -> dict:
    return {c.key: c.name for c in run.contributors}


def _runs(scope) -> list[tuple[datetime.date, Decimal]]:
    """The first day of each run of days at one hourly rate, and the rate (hours and euros both
    count hundredths: the rate is the factor from one's minor units to the other's)."""
    return [(scope.start, Decimal(RATES[0])), (_change(scope.start), Decimal(RATES[1]))]


def _change(start: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=182)


def _on_lists(lists, runs, buckets, *, names):
    """The dry run's arithmetic on in-memory lists: value per contributor, then the shares."""
    from remix.core.money import round_minor
    from remix.sharing import rules

    users, commodities, days, amounts = lists
    starts = [day for day, _factor in runs]
    sums: dict[tuple, int] = defaultdict(int)
    for user, commodity, day, minor in zip(users, commodities, days, amounts, strict=True):
        sums[(user, commodity, bisect.bisect_right(starts, day) - 1)] += minor
    values: dict[int, int] = defaultdict(int)
    for (user, commodity, index), minor in sums.items():
        factor = runs[index][1] if commodity == "HOUR" else 1
        values[user] += round_minor(Decimal(minor) * factor) if factor != 1 else minor
    contributors = [
        rules.Contributor(("user", user), names[("user", user)], value)
        for user, value in values.items()
    ]
    contributors.sort(key=lambda c: (c.name.casefold(), str(c.key)))
    return rules.share(AMOUNT_MINOR, buckets, contributors)


def _world(rng: random.Random):
    """The fund, the rule, the contributors and their declarations (also as four lists)."""
    from django.db import connection
    from django.db import transaction as db
    from django.utils import timezone

    from remix.ledger import services as ledger
    from remix.ledger.models import Fund, FundKind
    from remix.sharing import selectors, services

    today = timezone.localdate()
    start, end = selectors.default_period(today)
    with db.atomic():
        study = ledger.fund_create(slug="bench-etude", name={"fr": "Étude"}, kind="production")
        commons = ledger.fund_create(slug="bench-communs", name={"fr": "Communs"}, kind="other")
        platform = Fund.objects.get(kind=FundKind.PLATFORM)
        ledger.rate_record(
            date=start - datetime.timedelta(days=30),
            commodity="HOUR",
            quote="EUR",
            rate=Decimal(RATES[0]),
        )
        ledger.rate_record(
            date=_change(start), commodity="HOUR", quote="EUR", rate=Decimal(RATES[1])
        )
        rule = services.rule_create(
            slug="bench-partage",
            name={"fr": "Partage"},
            fund=study,
            buckets=[
                {"base": "total", "percent": "10", "to": "fund", "target": platform.pk},
                {"base": "total", "percent": "5", "to": "fund", "target": commons.pk},
                {"base": "rest", "to": "contributors"},
            ],
        )
        lists = _declarations(rng, study, start)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return selectors.rule_current(rule), selectors.Scope(study, start, end), lists


def _declarations(rng, fund, start):
    from django.utils import timezone

    from remix.accounts.models import User
    from remix.contributions.models import Contribution
    from remix.ledger.models import Transaction

    now = timezone.now()
    User.objects.bulk_create(
        User(
            username=f"bench-contributor-{n:04d}",
            display_name=f"Contributor {n:04d}",
            verified_at=now,
        )
        for n in range(CONTRIBUTORS)
    )
    people = list(User.objects.filter(username__startswith="bench-contributor-").order_by("pk"))
    rows = []
    for person in people:
        for week in range(WEEKS):
            day = start + datetime.timedelta(days=7 * week + rng.randrange(7))
            if rng.random() < 0.05:
                rows.append((person, "in_kind", "EUR", day, rng.randrange(1_000, 20_000)))
            else:
                rows.append((person, "time", "HOUR", day, 25 * rng.randrange(4, 33)))
    Transaction.objects.bulk_create(
        (
            Transaction(date=day, description="Bench time", external_key=f"bench:s:{n}")
            for n, (_p, _k, _c, day, _m) in enumerate(rows)
        ),
        batch_size=2_000,
    )
    ids = dict(
        Transaction.objects.filter(external_key__startswith="bench:s:").values_list(
            "external_key", "pk"
        )
    )
    Contribution.objects.bulk_create(
        (
            Contribution(
                kind=kind,
                status="recorded",
                user=person,
                name=person.display_name,
                fund=fund,
                amount_minor=minor,
                commodity=commodity,
                date=day,
                visibility="public",
                provider="declared",
                transaction_id=ids[f"bench:s:{n}"],
            )
            for n, (person, kind, commodity, day, minor) in enumerate(rows)
        ),
        batch_size=2_000,
    )
    return tuple(
        list(column) for column in zip(*((p.pk, c, d, m) for p, _k, c, d, m in rows), strict=True)
    )
