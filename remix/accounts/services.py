"""Every write about accounts, roles and API tokens."""

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.models import ApiToken, Role, User, token_hash
from remix.core.audit import audit_record
from remix.core.permissions import can_give_roles, needs_second_factor, require_recorder

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
    """The active user behind a bearer token, or None. Marks the token as used. Raises
    SecondFactorMissing for a treasurer or steward who has not set up a second factor."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .prefetch_related("user__groups")  # the role checks after this one ask no query
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    user = token.user
    if (
        needs_second_factor(user)
        and not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    ):
        # A treasurer's or steward's token is worth no more than their password alone.
        raise SecondFactorMissing
    now = timezone.now()
    # Write at most once a minute per token: reads stay reads under load.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Second factor: an authenticator app (TOTP) and single-use recovery codes ----------------

RECOVERY_CODES = 10


class SecondFactorMissing(Exception):
    """The user's role asks for a second factor they have not set up."""


def _recovery_codes_replace(*, user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so that reloading
    the page does not change the QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def totp_device_confirm(*, device: TOTPDevice, token: str, recorder: User) -> list[str] | None:
    """Confirm the authenticator with a code it shows; returns the new recovery codes (shown
    once), or None when the code is wrong. It replaces any authenticator confirmed before."""
    # Outside the transaction: a wrong code must count toward the device's throttle.
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user=device.user)
        audit_record(action="accounts.second_factor.confirmed", recorder=recorder, obj=device.user)
    return codes


def second_factor_check(*, user: User, token: str):
    """The user's confirmed device that accepts this code (an authenticator's code, or a
    recovery code, which is then used up), or None. Each device throttles wrong codes."""
    token = "".join(token.split()).lower()
    for device in [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]:
        if otp_verify_token(user, device.persistent_id, token) is not None:
            if isinstance(device, StaticDevice):
                audit_record(
                    action="accounts.second_factor.recovery_code_used", recorder=user, obj=user
                )
            return device
    return None


@transaction.atomic
def recovery_codes_regenerate(*, user: User, recorder: User) -> list[str]:
    codes = _recovery_codes_replace(user=user)
    audit_record(action="accounts.second_factor.codes_regenerated", recorder=recorder, obj=user)
    return codes


@transaction.atomic
def second_factor_remove(*, user: User, recorder: User) -> bool:
    """Remove the authenticator and the recovery codes; False when there were none."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_codes, _ = StaticDevice.objects.filter(user=user).delete()
    if not removed and not removed_codes:
        return False
    audit_record(action="accounts.second_factor.removed", recorder=recorder, obj=user)
    return True
