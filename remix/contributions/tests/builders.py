"""Small builders for the funding tests: everything goes through the services, as real use does."""

import datetime

from django.utils import timezone

from remix.allies.models import Actor
from remix.contributions import services
from remix.contributions.services import Giver
from remix.ledger.models import Fund, FundKind


def fund(slug: str = "fiesta-2026", kind: str = FundKind.FIESTA) -> Fund:
    found, _created = Fund.objects.get_or_create(
        slug=slug, defaults={"kind": kind, "name": {"fr": slug, "en": slug, "es": slug}}
    )
    return found


def platform() -> Fund:
    return Fund.objects.get(kind=FundKind.PLATFORM)


def verified(user):
    user.verified_at = timezone.now()
    user.save(update_fields=["verified_at"])
    return user


def funder(name: str = "Métropole de Lyon") -> Actor:
    actor, _created = Actor.objects.get_or_create(
        slug="metropole-de-lyon", defaults={"name": name, "kind": "organisation"}
    )
    return actor


def campaign(*, goal="1000", rule="all_or_nothing", slug="fiesta", opens=None, deadline=None):
    today = timezone.localdate()
    return services.campaign_create(
        slug=slug,
        title={"fr": "Fiesta des communs", "en": "Commons fiesta"},
        fund=fund(),
        goal=goal,
        opens=opens or today - datetime.timedelta(days=10),
        deadline=deadline or today + datetime.timedelta(days=20),
        rule=rule,
    )


def round_(
    *,
    pool="1000",
    cap_share=None,
    opens=None,
    closes=None,
    slug="round",
    remainder="keep",
    draft=False,
):
    today = timezone.localdate()
    return services.round_create(
        slug=slug,
        title={"fr": "Abondement 2026", "en": "Matching 2026"},
        funder=funder(),
        pool=pool,
        pool_fund=platform(),
        opens=opens or today - datetime.timedelta(days=10),
        closes=closes or today + datetime.timedelta(days=10),
        cap_share=cap_share,
        remainder=remainder,
        draft=draft,
    )


def giver(user) -> Giver:
    return Giver(user=user)
