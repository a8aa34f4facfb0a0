"""The funding API (being written)."""

from ninja import Router

router = Router(tags=["funding"])
