"""The catalogue at scale: search against the raw statement it runs, and the catalogue home.

On the demo and the generated catalogue (``--scale large``: 100,000 documents in French, English
and Spanish), for each query — a common word, a rare word, a word asked without its accent, two
words, a prefix, two Spanish words — ``search.search(q)`` (its statement, then the hits with their
marked title and snippet) alternates round by round with its baseline: the same statement, from
``search.search_sql(q)``, executed on a bare cursor with every row fetched (repeated within a
round up to about 20 ms, so that fast queries are not lost in the timer's noise). The ratio is
given per query and overall (the sum of the medians). Pages: GET of the catalogue home and of
the home with ``?q=``, warm, against the minimal view. The issue's targets are printed beside
the figures.
"""

import statistics
import time
from urllib.parse import quote

QUERIES = {
    "common_word": "coopération",
    "rare_word": "mycorhizes",
    "accent_free": "economie",
    "two_words": "semences paysannes",
    "prefix": "coop",
    "spanish_words": "agua comunitaria",
}
TARGETS = {"ratio_to_raw_max": 1.5, "search_median_ms_max": 100, "home_median_ms_max": 200}


def run(args) -> dict:
    from bench.common import instance, interleaved

    vendor = instance(scale=None)
    from django.db import connection

    from remix.catalogue import search
    from remix.catalogue.models import Document, SearchEntry

    generation = _generate(args.scale) if args.scale else {}

    def raw(statement):
        with connection.cursor() as cursor:
            cursor.execute(*statement)
            return cursor.fetchall()

    queries = {}
    for name, query in QUERIES.items():
        statement = search.search_sql(query)
        hits = search.search(query)
        assert [(h.kind, h.object_id) for h in hits] == [tuple(r[:2]) for r in raw(statement)]
        # Each query with its baseline, repeated within a round up to about 20 ms.
        started = time.perf_counter()
        raw(statement)
        once_ms = (time.perf_counter() - started) * 1000
        timings = interleaved(
            {
                "raw_sql": lambda statement=statement: raw(statement),
                "search": lambda q=query: search.search(q),
            },
            rounds=args.rounds,
            per_round=max(1, min(20, int(20 / max(once_ms, 0.001)))),
            warmup=2,
        )
        ours, baseline = (statistics.median(timings[key]) for key in ("search", "raw_sql"))
        queries[name] = {
            "query": query,
            "matches": len(raw(search.search_sql(query, limit=10**7))),
            "median_ms": round(ours, 3),
            "raw_sql_median_ms": round(baseline, 3),
            "ratio_to_raw_sql": round(ours / baseline, 2),
        }
    medians = [entry["median_ms"] for entry in queries.values()]
    overall = {
        "median_of_medians_ms": round(statistics.median(medians), 3),
        "slowest_median_ms": max(medians),
        "ratio_to_raw_sql": round(
            sum(medians) / sum(entry["raw_sql_median_ms"] for entry in queries.values()), 2
        ),
        "worst_ratio_to_raw_sql": max(entry["ratio_to_raw_sql"] for entry in queries.values()),
    }
    return {
        "database": vendor,
        "scale": args.scale,
        "documents": Document.objects.count(),
        "visible_documents": Document.objects.visible().count(),
        "search_entries": SearchEntry.objects.count(),
        "generation_seconds": generation,
        "targets": TARGETS,
        "search": {"queries": queries, "overall": overall},
        "pages": _pages(args),
    }


def _generate(scale: str) -> dict:
    """Seconds each generator took (each logs its line when it is done)."""
    from remix.core.generate import scale_generate

    marks = [("start", time.perf_counter())]
    scale_generate(scale=scale, log=lambda line: marks.append((line, time.perf_counter())))
    return {
        line.split(":")[0]: round(end - marks[n][1], 1) for n, (line, end) in enumerate(marks[1:])
    }


def _pages(args) -> dict:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from bench.common import interleaved, summary

    client = Client()
    try:
        home = reverse("catalogue:home")
    except NoReverseMatch:
        return {"missing": "catalogue:home is not there yet"}
    paths = {
        "minimal": "/bench/minimal/",
        "catalogue_home": home,
        "catalogue_home_search": f"{home}?q={quote(QUERIES['common_word'])}",
    }
    for name, path in paths.items():
        status = client.get(path).status_code
        if status != 200:
            return {"missing": f"{name}: GET {path} answered {status}"}
    timings = interleaved(
        {name: (lambda path=path: client.get(path)) for name, path in paths.items()},
        rounds=args.rounds,
        per_round=max(1, args.per_round // 4),
    )
    return summary(timings, baseline="minimal")
