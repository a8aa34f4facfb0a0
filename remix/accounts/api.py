import datetime

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BaseModel, Field

from remix.accounts import selectors, services
from remix.accounts.models import Role, User
from remix.api.auth import token_auth, token_auth_for
from remix.api.common import Page, Rows
from remix.core.audit_actions import action_label, object_label
from remix.core.permissions import can_give_roles

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    display_name: str
    language: str
    roles: list[str]


class MeIn(Schema):
    display_name: str | None = Field(default=None, max_length=150)
    language: str | None = Field(
        default=None, pattern="^(" + "|".join(code for code, _name in settings.LANGUAGES) + ")$"
    )


class RoleIn(Schema):
    role: Role


class RoleOut(Schema):
    username: str
    role: Role
    changed: bool
    roles: list[str]


def _me(user: User) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "language": user.language,
        "roles": selectors.user_roles(user=user),
    }


@router.get("/me", response=MeOut, auth=token_auth, summary="The account behind the token")
def me(request):
    return _me(request.auth)


@router.patch(
    "/me", response=MeOut, auth=token_auth, summary="Update your display name or language"
)
def me_update(request, payload: MeIn):
    fields = payload.model_dump(exclude_unset=True, exclude_none=True)
    user = services.profile_update(user=request.auth, recorder=request.auth, **fields)
    return _me(user)


class ActivityOut(BaseModel):
    id: int
    at: datetime.datetime
    action: str
    label: str
    object_type: str
    object_label: str
    object_id: str


def _activity_out(event) -> ActivityOut:
    return ActivityOut(
        id=event.pk,
        at=event.created_at,
        action=event.action,
        label=action_label(event.action),
        object_type=event.object_type,
        object_label=object_label(event.object_type),
        object_id=event.object_id,
    )


@router.get(
    "/me/activity",
    response=list[ActivityOut],
    auth=token_auth,
    summary="What you did: the audit events you recorded, newest first",
    description=(
        "Your own audit trail, as your activity page shows it: each action's code and its words "
        "in the language asked (`Accept-Language`), the object it was about; `year` keeps one "
        "year. Nobody reads another person's."
    ),
)
@paginate(Page)
def activity(request, year: int | None = Query(None, ge=1900, le=9998)):
    return Rows(selectors.activity_events(user=request.auth, year=year), _activity_out)


def _role_change(request, username: str, role: Role, change) -> dict:
    """Apply ``change`` (grant or revoke) and say what the user holds now."""
    user = get_object_or_404(User, username=username)
    changed = change(user=user, role=role, recorder=request.auth)
    return {
        "username": user.username,
        "role": role,
        "changed": changed,
        "roles": selectors.user_roles(user=user),
    }


@router.post(
    "/users/{username}/roles",
    response=RoleOut,
    auth=token_auth_for(can_give_roles),
    summary="Give a role (stewards only; giving it twice changes nothing)",
)
def role_grant(request, username: str, payload: RoleIn):
    return _role_change(request, username, payload.role, services.role_grant)


@router.delete(
    "/users/{username}/roles/{role}",
    response=RoleOut,
    auth=token_auth_for(can_give_roles),
    summary="Take a role back (stewards only)",
)
def role_revoke(request, username: str, role: Role):
    return _role_change(request, username, role, services.role_revoke)
