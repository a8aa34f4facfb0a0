"""The home page and the health endpoint against a minimal view behind the same middleware."""


def run(args) -> dict:
    from bench.common import instance, interleaved, row, summary

    vendor = instance(scale=args.scale)
    from django.test import Client

    client = Client()
    paths = {"minimal": "/bench/minimal/", "home": "/", "health": "/api/v1/health"}
    for url in paths.values():
        assert client.get(url).status_code == 200, url
    timings = interleaved(
        {name: (lambda url=url: client.get(url)) for name, url in paths.items()},
        rounds=args.rounds,
        per_round=args.per_round,
    )
    result = summary(timings, baseline="minimal")
    medians = result["median_ms"]
    rows = [
        row(label, remix_ms=medians[name], baseline="minimal view", baseline_ms=medians["minimal"])
        for name, label in (
            ("home", "home page `GET /` (French)"),
            ("health", "`GET /api/v1/health`"),
        )
    ]
    return {
        "database": vendor,
        "scale": args.scale,
        "rounds": args.rounds,
        "per_round": args.per_round,
        **result,
        "rows": rows,
    }
