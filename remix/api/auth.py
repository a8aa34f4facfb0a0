"""Bearer-token authentication for writes; reads of public data need no login."""

from ninja.security import HttpBearer

from remix.accounts.services import SecondFactorMissing, token_authenticate
from remix.api.errors import SecondFactorNeeded


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
