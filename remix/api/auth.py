"""Bearer-token authentication for writes; reads of public data need no login."""

from ninja.security import HttpBearer

from remix.accounts.services import SecondFactorMissing, token_authenticate
from remix.api.errors import SecondFactorNeeded
from remix.core.permissions import require


class TokenAuth(HttpBearer):
    openapi_description = "An API token from your profile page: `Authorization: Bearer rmx_…`"

    def authenticate(self, request, token: str):
        try:
            user = token_authenticate(raw=token)
        except SecondFactorMissing as exc:
            raise SecondFactorNeeded from exc
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()


class RoleTokenAuth(TokenAuth):
    """A token whose holder must pass ``check`` (one of ``remix.core.permissions``), asked before
    the body is read: a member who sends anything to a treasurer's operation meets 403, never
    the body's validation errors."""

    def __init__(self, check):
        super().__init__()
        self.check = check

    def authenticate(self, request, token: str):
        user = super().authenticate(request, token)
        if user is not None:
            require(self.check, user)
        return user


def token_auth_for(check) -> RoleTokenAuth:
    return RoleTokenAuth(check)
