"""Every write about accounts, roles and API tokens."""

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from remix.accounts.models import ApiToken, Role, User, token_hash
from remix.core.audit import audit_record
from remix.core.permissions import can_give_roles, require_recorder

TOKEN_PREFIX = "rmx_"


def roles_ensure() -> None:
    """Create the role groups; stewards hold every permission (they run the admin)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    steward = Group.objects.get(name=Role.STEWARD)
    missing = Permission.objects.exclude(group=steward)
    if missing.exists():
        steward.permissions.add(*missing)


@transaction.atomic
def user_signup(
    *, username: str, email: str, password: str, display_name: str = "", language: str = "fr"
) -> User:
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        display_name=display_name,
        language=language,
    )
    user.groups.add(Group.objects.get(name=Role.MEMBER))
    audit_record(action="accounts.user.signed_up", recorder=user, obj=user)
    return user


@transaction.atomic
def profile_update(*, user: User, recorder: User, **fields) -> User:
    allowed = {"display_name", "email", "language", "first_name", "last_name"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=sorted(fields))
    audit_record(
        action="accounts.user.updated", recorder=recorder, obj=user, data={"fields": sorted(fields)}
    )
    return user


@transaction.atomic
def role_grant(*, user: User, role: Role, recorder: User) -> bool:
    """Give a role; returns False when the user already had it (a repeated grant is a no-op)."""
    require_recorder(can_give_roles, recorder)
    group = Group.objects.get(name=role)
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    audit_record(action="accounts.role.granted", recorder=recorder, obj=user, data={"role": role})
    return True


@transaction.atomic
def role_revoke(*, user: User, role: Role, recorder: User) -> bool:
    require_recorder(can_give_roles, recorder)
    group = Group.objects.get(name=role)
    if not user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.remove(group)
    audit_record(action="accounts.role.revoked", recorder=recorder, obj=user, data={"role": role})
    return True


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str  # shown to the user once, never stored


@transaction.atomic
def token_create(*, user: User, name: str, recorder: User | None = None) -> NewToken:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[: len(TOKEN_PREFIX) + 4], key_hash=token_hash(raw)
    )
    audit_record(
        action="accounts.token.created", recorder=recorder or user, obj=token, data={"name": name}
    )
    return NewToken(token=token, raw=raw)


@transaction.atomic
def token_revoke(*, token: ApiToken, recorder: User) -> None:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(action="accounts.token.revoked", recorder=recorder, obj=token)


def token_authenticate(*, raw: str) -> User | None:
    """The active user behind a bearer token, or None. Marks the token as used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token: reads stay reads under load.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
