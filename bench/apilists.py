"""The API's lists at scale: a page of 50 documents, actors, transactions and applications
against the minimal view behind the same middleware.

On the generated data (``--scale small``: 2,000 documents, 200 actors, 10,000
postings; ``--scale large``: 100,000 documents, 10,000 actors, 1,000,000 postings), GET of each
list with ``limit=50`` alternates round by round with ``GET /bench/minimal/``. The scale data holds
no grant applications: as many as the scale has actors (200 or 10,000) are written here in bulk,
answering a dozen calls for the generated funds, and the list is read with a member's token
(who sees every stage). The issue's target: each list within 10 times the minimal view, flat
from the small scale to the large one.
"""

import statistics

TARGET_RATIO = 10
PATHS = {
    "documents": "/api/v1/documents?limit=50",
    "actors": "/api/v1/actors?limit=50",
    "transactions": "/api/v1/ledger/transactions?limit=50",
    "applications": "/api/v1/applications?limit=50",
}


def _opportunities(count: int = 12) -> list[int]:
    """A dozen calls of one funder (an actor of the generated network), through the services."""
    from remix.allies.models import Actor
    from remix.grants import services

    funder = services.opportunities.funder_set(
        actor=Actor.objects.order_by("pk").first(), kind="foundation"
    )
    return [
        services.opportunities.opportunity_save(
            funder=funder, data={"title": f"Appel {number}", "kind": "call_projects"}
        )[0].pk
        for number in range(count)
    ]


def _applications(count: int) -> int:
    """``count`` applications at the drafting stage, written in bulk, spread over a dozen calls
    and the generated funds; returns how many the table then holds."""
    from remix.grants.models import Application, Stage
    from remix.ledger.models import Fund

    opportunities = _opportunities()
    funds = list(Fund.objects.values_list("pk", flat=True))
    Application.objects.bulk_create(
        (
            Application(
                opportunity_id=opportunities[number % len(opportunities)],
                fund_id=funds[number % len(funds)],
                stage=Stage.DRAFTING,
                amount_requested_minor=100_000 + number,
            )
            for number in range(count)
        ),
        batch_size=1000,
    )
    return Application.objects.count()


def _member_token() -> str:
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, token_create, user_signup

    user = user_signup(
        username="bench-member",
        email="bench-member@example.org",
        password="a-long-pass-phrase-42",
        display_name="Bench",
        language="fr",
    )
    role_grant(user=user, role=Role.MEMBER, recorder=None)
    return token_create(user=user, name="bench").raw


def run(args) -> dict:
    from bench.common import instance, interleaved

    # The scale data alone: the demo closes the months the generated books are written in.
    vendor = instance(scale=args.scale, demo=False)
    from django.test import Client

    from remix.allies.models import Actor
    from remix.catalogue.models import Document
    from remix.ledger.models import Posting, Transaction

    applications = _applications(Actor.objects.count())
    token = {"HTTP_AUTHORIZATION": f"Bearer {_member_token()}"}
    client = Client()
    headers = {name: (token if name == "applications" else {}) for name in PATHS}
    for name, url in PATHS.items():
        response = client.get(url, **headers[name])
        assert response.status_code == 200, (url, response.content[:300])
        assert len(response.json()["items"]) == 50, url
    actions = {"minimal": lambda: client.get("/bench/minimal/")}
    actions.update(
        {
            name: (lambda url=url, h=headers[name]: client.get(url, **h))
            for name, url in PATHS.items()
        }
    )
    timings = interleaved(actions, rounds=args.rounds, per_round=args.per_round)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    scale = args.scale or "demo"
    rows = [
        {
            "path": f"API list of 50 {name} (GET {url}), {scale} scale",
            "remix_ms": round(medians[name], 3),
            "baseline": "minimal view (GET /bench/minimal/), same middleware",
            "baseline_ms": round(medians["minimal"], 3),
            "ratio": round(medians[name] / medians["minimal"], 2),
            "target": f"≤ {TARGET_RATIO}× the minimal view, flat from small to large scale",
            "met": medians[name] / medians["minimal"] <= TARGET_RATIO,
            "scale": scale,
        }
        for name, url in PATHS.items()
    ]
    return {
        "database": vendor,
        "scale": scale,
        "rounds": args.rounds,
        "per_round": args.per_round,
        "table_rows": {
            "documents": Document.objects.count(),
            "actors": Actor.objects.count(),
            "transactions": Transaction.objects.count(),
            "postings": Posting.objects.count(),
            "applications": applications,
        },
        "rows": rows,
        "spread_ms": {
            name: [round(min(values), 3), round(max(values), 3)] for name, values in timings.items()
        },
    }
