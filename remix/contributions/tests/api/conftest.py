"""Who calls the funding API in its tests: a treasurer, a member and an account without a role,
each with a token."""

import pytest

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.contributions.tests.api.calls import bearer


@pytest.fixture
def treasurer(api_token):
    _user, raw = api_token(username="tresoriere", roles=["treasurer"])
    return bearer(raw)


@pytest.fixture
def visitor(api_token):
    """An account without the member role: a signed-up person whose membership was removed."""
    user, raw = api_token(username="visiteur")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    return bearer(raw)


@pytest.fixture
def member(api_token):
    """Awa, a member, and her token."""
    user, raw = api_token(username="awa", roles=["member"])
    return user, bearer(raw)
