"""The people the catalogue's history and themes tests act as (a module may name its own)."""

import pytest

from remix.accounts.models import Role
from remix.accounts.services import role_revoke


@pytest.fixture
def member(make_user):
    return make_user("mireille", roles=["member"])


@pytest.fixture
def outsider(make_user):
    """Signing up makes a member: this account had its membership withdrawn."""
    user = make_user("olivier")
    role_revoke(user=user, role=Role.MEMBER, recorder=None)
    return user


@pytest.fixture
def editor(make_user):
    return make_user("edouard", roles=["editor"])
