"""Reads about accounts shared by pages, API and commands."""

from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.models import ApiToken, Role, User


def user_roles(*, user: User) -> list[str]:
    if not user.is_authenticated:
        return []
    names = {group.name for group in user.groups.all()}
    return [role.value for role in Role if role.value in names]


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def has_second_factor(*, user: User) -> bool:
    """The user has confirmed an authenticator app: their log-ins then ask for a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
