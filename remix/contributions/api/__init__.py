"""Gifts, pledges, campaigns and matching rounds over HTTP.

Public reads need no token and show what each giver chose to show: a private gift is never
listed, a gift public without a name has no name. A treasurer's token sees everything. Writes
need a token: members pledge and declare for themselves; treasurers record money received,
create campaigns and rounds, and close them. Money travels as decimal strings with its commodity
("12.50", "EUR"), never as JSON numbers. Money-moving writes take an ``Idempotency-Key`` header:
a repeat with the same key answers the first result with 200 and writes nothing more.

One module a subject (``contributions``, ``pledges``, ``campaigns``, ``rounds``, ``receipts``: the
issuer stewards set), their shapes in
``schemas``; each route parses, makes one call to the selectors or the services, and renders.
Operation ids are written out, so that they do not follow the module a route lives in.
"""

from ninja import Router

from remix.contributions.api import campaigns, contributions, pledges, receipts, rounds

router = Router()
for subject in (contributions, pledges, campaigns, rounds, receipts):
    router.add_router("", subject.router)

__all__ = ["router"]
