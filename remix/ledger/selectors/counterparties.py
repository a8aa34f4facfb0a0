"""Counterparties found by what a treasurer types: a name or part of it, or a slug, among
thousands of actors of the network, without listing them all."""

import re

from django.db.models import Q

SEARCH_LIMIT = 20
_WITH_SLUG = re.compile(r"^(?P<name>.*)\((?P<slug>[-\w]+)\)\s*$")


def actor_label(actor) -> str:
    """How a counterparty is written in the field and offered: « Awa Diop (awa-diop) »."""
    return f"{actor.name} ({actor.slug})"


def actors_matching(text: str, *, limit: int = SEARCH_LIMIT) -> list:
    """The actors a typed text names, best first: its slug (as ``actor_label`` writes it, or
    alone), then the name exactly, then names starting with it, then names containing it."""
    from remix.allies.models import Actor

    text = " ".join((text or "").split())
    if not text:
        return []
    labelled = _WITH_SLUG.match(text)
    if labelled:
        found = list(Actor.objects.filter(slug=labelled["slug"]))
        if found:
            return found
        text = labelled["name"].strip()
    exact = list(Actor.objects.filter(Q(slug=text) | Q(name__iexact=text)).order_by("name")[:2])
    if len(exact) == 1:
        return exact
    return list(
        Actor.objects.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        .order_by("name", "pk")
        .only("pk", "name", "slug")[:limit]
    )
