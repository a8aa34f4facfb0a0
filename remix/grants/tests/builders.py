"""Test builders for the funding search: through the services, as real use does."""

import datetime
from decimal import Decimal

from django.utils import timezone

from remix.allies.models import Actor
from remix.grants import services
from remix.ledger.models import Fund, FundKind


def funder(name="Région Auvergne-Rhône-Alpes", kind="local_authority", slug=None):
    actor, _created = Actor.objects.get_or_create(
        slug=slug or name.lower().replace(" ", "-"),
        defaults={"name": name, "kind": "public_authority"},
    )
    return services.funder_set(actor=actor, kind=kind)


def fund(slug="fiesta-2026"):
    found, _created = Fund.objects.get_or_create(
        slug=slug, defaults={"kind": FundKind.FIESTA, "name": {"fr": slug, "en": slug}}
    )
    return found


def opportunity(*, title="Appel ESS 2027", max_share="0.6", withheld="0.2", days=30, **extra):
    giver = extra.pop("funder", None) or funder()
    data = {
        "title": title,
        "kind": "call_projects",
        "max_share": Decimal(max_share) if max_share else None,
        "withheld_share": Decimal(withheld) if withheld else None,
        "deadline": timezone.now() + datetime.timedelta(days=days),
        **extra,
    }
    opportunity, _created = services.opportunity_save(funder=giver, data=data)
    return opportunity


PLAN = [
    {"kind": "cost", "label": "Salle et technique", "amount": "6000"},
    {"kind": "cost", "label": "Défraiements", "amount": "4000"},
    {"kind": "funding", "label": "Cette subvention", "amount": "6000", "source": "this_grant"},
    {"kind": "funding", "label": "Ville", "amount": "2500", "source": "other_grant"},
    {"kind": "funding", "label": "Fonds propres", "amount": "1500", "source": "own"},
]
