"""Who may do what: role checks shared by pages and API."""

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied


def can_edit_network(user) -> bool:
    """Editors (and stewards, who hold every role's rights) edit the map and the catalogue."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_role("editor") or user.has_role("steward"))
    )


def can_contribute(user) -> bool:
    """Members write to the catalogue: documents, commons, translations, remixes, themes."""
    return bool(
        user.is_authenticated
        and user.is_active
        and any(user.has_role(role) for role in ("member", "editor", "steward"))
    )


def can_see_private(user) -> bool:
    """Private fields of persons (e-mail, phone) are for stewards only."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def require(check, user) -> None:
    if not check(user):
        raise PermissionDenied


def role_required(check):
    """A view decorator: log in first, then a 403 page when the role is missing."""

    def decorator(view):
        def wrapped(request, *args, **kwargs):
            require(check, request.user)
            return view(request, *args, **kwargs)

        return user_passes_test(lambda user: user.is_authenticated)(wrapped)

    return decorator


def can_keep_books(user) -> bool:
    """Treasurers (and stewards) write the books: transactions, needs, rates, imports, closing."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_role("treasurer") or user.has_role("steward"))
    )


def needs_second_factor(user) -> bool:
    """Treasurers and stewards (superusers hold every role) decide about money and run the
    admin: they use those roles only once a second factor has proved who they are."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_role("treasurer") or user.has_role("steward"))
    )
