"""Reads about accounts shared by pages, API and commands."""

from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.models import ApiToken, Role, User
from remix.core.models import AuditEvent


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


def activity_events(*, user: User, year: int | None = None) -> QuerySet[AuditEvent]:
    """What ``user`` did, newest first (the audit events they recorded), in ``year`` if given."""
    events = AuditEvent.objects.filter(recorder=user)
    if year is not None:
        events = events.filter(created_at__year=year)
    return events.order_by("-created_at", "-pk")


def activity_years(*, user: User) -> list[int]:
    """The years in which ``user`` did something, newest first: the page's filter."""
    years = AuditEvent.objects.filter(recorder=user).datetimes("created_at", "year", order="DESC")
    return [moment.year for moment in years]
