"""Reads about accounts shared by pages, API and commands."""

from django.db.models import QuerySet

from remix.accounts.models import ApiToken, Role, User


def user_roles(*, user: User) -> list[str]:
    if not user.is_authenticated:
        return []
    names = {group.name for group in user.groups.all()}
    return [role.value for role in Role if role.value in names]


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")
