"""The callers of the funding search's API, each with their token."""

import pytest

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.grants.tests.api.calls import bearer


@pytest.fixture
def member(api_token):
    """Awa, a member coordinating the fiesta's funding, and her token."""
    user, raw = api_token(username="awa", roles=["member"])
    return user, bearer(raw)


@pytest.fixture
def treasurer(api_token):
    """Mateo keeps the books: he records the funder's decisions."""
    user, raw = api_token(username="mateo", roles=["member", "treasurer"])
    return user, bearer(raw)


@pytest.fixture
def visitor(api_token):
    """An account without the member role: a signed-up person whose membership was removed."""
    user, raw = api_token(username="visiteur")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    return bearer(raw)
