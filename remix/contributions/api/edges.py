"""What the funding routes share at their edge: the answer of a keyed write, a refused key named
by its header, the object a path names, a fund named by its slug or left to the platform's."""

import contextlib

from django.http import Http404
from ninja.responses import Status

from remix.api.common import fund_by_slug, retry_refused
from remix.contributions.services import KeyReused
from remix.ledger import selectors as ledger_selectors
from remix.ledger.models import Fund


def created(item, is_new: bool) -> Status:
    """A keyed write's answer: 201 for what it wrote, 200 for the first result of its key."""
    return Status(201 if is_new else 200, item)


@contextlib.contextmanager
def keyed():
    """The services refuse a key sent again with another request; the API names the header
    that carried it, as every route does (``remix.api.common.retry_refused``)."""
    try:
        yield
    except KeyReused:
        raise retry_refused() from None


def found(item):
    """The object a path names, or 404."""
    if item is None:
        raise Http404
    return item


def fund_or_platform(slug: str) -> Fund:
    return fund_by_slug(slug) if slug else ledger_selectors.platform_fund()


def fund_filter(slug: str) -> Fund | None:
    return fund_by_slug(slug) if slug else None
