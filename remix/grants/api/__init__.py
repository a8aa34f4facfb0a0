"""The funding search over HTTP: ``routes`` (the operations) and ``schemas`` (what they read and
answer). The API's router gathers ``router``."""

from remix.grants.api.routes import router

__all__ = ["router"]
