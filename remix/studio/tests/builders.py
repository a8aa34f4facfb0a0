"""Small builders for the study office's tests: a client, services and a quote in one line."""

import datetime

from django.utils import timezone

from remix.allies.models import Actor
from remix.allies.services import actor_create
from remix.studio import services
from remix.studio.models import Service


def city(name="Ville de Villeurbanne"):
    found = Actor.objects.filter(name=name).first()
    return found or actor_create(
        name=name, kind="public_authority", legal_form="local_authority", movements=["other"]
    )


def service(slug="etude", kind="study", price_model="daily", price="650", **fields):
    found = Service.objects.filter(slug=slug).first()
    return found or services.service_create(
        slug=slug,
        title=fields.pop("title", {"fr": f"Service {slug}", "en": f"Service {slug}"}),
        kind=kind,
        price_model=price_model,
        price=price,
        **fields,
    )


def later(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def quote(client=None, lines=None, **fields):
    """A quote to ``client``; ``lines`` as (service, quantity[, unit price]) tuples."""
    lines = lines or [(service(), "10")]
    return services.quote_issue(
        client=client or city(),
        title=fields.pop("title", "Étude des communs"),
        lines=[services.LineAsked(line[0], *line[1:]) for line in lines],
        valid_until=fields.pop("valid_until", later(30)),
        **fields,
    )


def accepted(made_quote=None, **fields):
    """The engagement an accepted quote opened (its daily rate: the quote's, unless given)."""
    return services.quote_accept(
        quote=made_quote or quote(),
        accepted_on=fields.pop("accepted_on", timezone.localdate()),
        acceptance=fields.pop("acceptance", "Bon de commande 42"),
        start_date=fields.pop("start_date", later(-10)),
        end_date=fields.pop("end_date", later(60)),
        **fields,
    )
