"""Shared test fixtures: small builders, and the self-checks run at the end of every DB test."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    from django.conf import settings

    # Tests read static files through the finders, without a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Background tasks run at once in tests, so their effects can be asserted right after.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def require(condition: bool, reason: str) -> None:
    """Skip with a printed reason, or fail when CI=true: in CI nothing may be silently skipped."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a fresh server would."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language_after_test():
    """A request through the test client leaves its language active in the thread (the locale
    middleware activates it and nothing resets it): each test starts in the default language."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _selfchecks_after_test(request):
    """Every test that touched the database ends with the platform's self-checks clean."""
    names = set(request.fixturenames)
    if request.node.get_closest_marker("no_selfchecks") or not names & {
        "db",
        "transactional_db",
        "live_server",
    }:
        yield
        return
    # Ask for the database fixture here so that it is torn down after the checks below.
    transactional = bool(names & {"transactional_db", "live_server"})
    request.getfixturevalue("transactional_db" if transactional else "db")
    yield
    from remix.core.selfchecks import selfchecks_run

    problems = selfchecks_run()
    assert not problems, "self-checks found problems:\n" + "\n".join(map(str, problems))


@pytest.fixture
def make_user(db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    counter = {"n": 0}

    def build(username=None, *, roles=(), language="fr", password="a-long-pass-phrase-42"):
        counter["n"] += 1
        username = username or f"user{counter['n']}"
        user = user_signup(
            username=username,
            email=f"{username}@example.org",
            password=password,
            display_name=username.title(),
            language=language,
        )
        for role in roles:
            role_grant(user=user, role=Role(role), recorder=None)
        return user

    return build


@pytest.fixture
def api_token(make_user):
    from remix.accounts.services import token_create

    def build(user=None, **user_kwargs):
        user = user or make_user(**user_kwargs)
        return user, token_create(user=user, name="test").raw

    return build
