"""What the ledger asks other apps, without knowing them (``signals`` says what it tells them).

``grants_share``: the sustainability dashboard of the platform's fund shows what share of the
platform's needs of a year the grants granted to it cover. The books know the needs, not which
applications were granted: the app that knows registers one provider, in its
``AppConfig.ready``::

    from remix.ledger import hooks
    hooks.grants_share_provide(platform_share)

The provider is called as ``provider(year=2026)`` and returns an object with ``year`` and
``share`` (a ``Decimal`` ratio, or None without needs), or None. With no provider registered the
dashboard leaves the figure out.
"""

from collections.abc import Callable

GrantsShare = Callable[..., object | None]
_grants_share: list[GrantsShare] = []  # at most one: the last registered


def grants_share_provide(provider: GrantsShare) -> GrantsShare:
    """Register what answers ``grants_share`` (again: replaces the one before)."""
    _grants_share[:] = [provider]
    return provider


def grants_share(*, year: int) -> object | None:
    """The grants' share of the platform's needs of ``year``, from the app that knows it."""
    return _grants_share[0](year=year) if _grants_share else None
