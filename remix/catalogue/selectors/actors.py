"""Actors as the catalogue shows them."""

from django.db.models import QuerySet

from remix.allies.models import Actor


def actors_shown() -> QuerySet[Actor]:
    """Actors with the public fields a link to them shows, and no more."""
    return Actor.objects.only("pk", "name", "slug", "kind")
