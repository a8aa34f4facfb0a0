"""Test builders: the books stated as readable text, close to Beancount's.

    2026-10-03 * "Don de Awa" awa-diop anonymous
      Assets:Bank:Current               50.00 EUR
      Income:Contributions:Donations   -50.00 EUR

A header is a date, ``*`` (posted) or ``!`` (draft), a quoted description, then optionally the
counterparty's slug and the word ``anonymous``. A posting is an account code, an amount, a
commodity and optionally a fund slug (the platform fund otherwise). Blocks are separated by a
blank line. Everything goes through the services, as real use does.
"""

import datetime
import shlex

from remix.ledger import services
from remix.ledger.models import Account, Fund, FundKind


def fund_project(slug: str = "fiesta-2026", kind: str = FundKind.FIESTA) -> Fund:
    fund, _created = Fund.objects.get_or_create(
        slug=slug, defaults={"kind": kind, "name": {"fr": slug, "en": slug}}
    )
    return fund


def books_load(text: str, *, recorder=None) -> list:
    from remix.allies.models import Actor

    created = []
    for block in [b for b in text.strip().split("\n\n") if b.strip()]:
        lines = [line for line in block.strip().splitlines() if line.strip()]
        head = shlex.split(lines[0])
        date, flag, description, *rest = head
        counterparty = None
        anonymous = "anonymous" in rest
        slugs = [word for word in rest if word != "anonymous"]
        if slugs:
            counterparty, _c = Actor.objects.get_or_create(
                slug=slugs[0],
                defaults={"name": slugs[0].replace("-", " ").title(), "kind": "person"},
            )
        legs = []
        for line in lines[1:]:
            code, amount, commodity, *fund = line.split()
            fund = Fund.objects.get(slug=fund[0]) if fund else Fund.objects.get(kind="platform")
            legs.append(services.Leg.of(Account.objects.get(code=code), fund, amount, commodity))
        funds = {leg.fund.pk for leg in legs}
        tx, _new = services.transaction_create(
            date=datetime.date.fromisoformat(date),
            description=description,
            legs=legs,
            counterparty=counterparty,
            anonymous=anonymous,
            is_transfer=len(funds) > 1,
            post=flag == "*",
            recorder=recorder,
        )
        created.append(tx)
    return created


def a_donation(**changes) -> dict:
    """The body of ``POST /api/v1/ledger/transactions`` for a 50 € gift, ``changes`` replacing."""
    body = {
        "date": "2026-06-01",
        "description": "Don pour l'hébergement",
        "postings": [
            {"account": "Assets:Bank:Current", "amount": "50.00"},
            {"account": "Income:Contributions:Donations", "amount": "-50.00"},
        ],
    }
    return {**body, **changes}
