"""The funding search's API (being written)."""

from ninja import Router

router = Router(tags=["funding search"])
