"""Shared test fixtures: small builders, the clock of the dated runs, and the self-checks run at
the end of every DB test."""

import datetime
import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The moments the dated runs (`make test-dated`, `pytest --dated`) set the clock to: each test
# marked `dated` runs once at each. Local times are Paris's (the default TIME_ZONE); the offsets
# say which side of a daylight-saving change or of midnight UTC each one falls.
DATED_MOMENTS = {
    "new-year": "2027-01-01T09:00:00+01:00",  # the 1st of a month, the first day of a year
    "due-day": "2027-01-05T12:00:00+01:00",  # the day a pledge begun on a 5th falls due
    "after-due-1": "2027-01-06T12:00:00+01:00",  # the 5th to the 10th: the grace after a due day
    "after-due-2": "2027-01-07T12:00:00+01:00",
    "after-due-3": "2027-01-08T12:00:00+01:00",
    "after-due-4": "2027-01-09T12:00:00+01:00",
    "grace-end": "2027-01-10T12:00:00+01:00",
    "short-month-end": "2027-02-28T18:00:00+01:00",  # last day of a February of 28 days
    "leap-eve": "2028-02-28T12:00:00+01:00",
    "leap-day": "2028-02-29T12:00:00+01:00",
    "spring-forward": "2027-03-28T03:30:00+02:00",  # Paris has just skipped 02:00-03:00
    "month-of-30-end": "2027-04-30T20:00:00+02:00",
    "utc-behind": "2027-06-30T23:30:00+00:00",  # already 1 July in Paris, still 30 June in UTC
    "fall-back": "2027-10-31T02:30:00+01:00",  # Paris lives 02:00-03:00 twice, this is the second
    "year-end": "2027-12-31T22:00:00+01:00",
}


def pytest_addoption(parser):
    group = parser.getgroup("remix")
    group.addoption(
        "--clock",
        action="append",
        default=[],
        metavar="ISO",
        help="run every collected test under a clock set to this moment (ISO 8601 with its "
        "offset, or a name of DATED_MOMENTS in conftest.py); repeatable",
    )
    group.addoption(
        "--dated",
        action="store_true",
        help="run the tests marked `dated` once at each of DATED_MOMENTS (conftest.py)",
    )


def _clock_moments(config) -> dict[str, datetime.datetime]:
    named = {}
    if config.getoption("--dated"):
        named.update(DATED_MOMENTS)
    for value in config.getoption("--clock"):
        named[value] = DATED_MOMENTS.get(value, value)
    moments = {}
    for name, value in named.items():
        moment = datetime.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise pytest.UsageError(f"--clock {value}: say its offset, e.g. {value}+01:00")
        moments[name] = moment
    return moments


# Test modules with no `dated` test that are dear to import: the dated run, which would deselect
# all their tests, does not import them (the API fuzzing builds its Schemathesis schema at import,
# ~5 s of CPU). A `dated` test added to one of them must take it out of this list.
UNDATED_MODULES = {"remix/api/tests/test_fuzz.py"}


def pytest_ignore_collect(collection_path, config):
    if not config.getoption("--dated"):
        return None
    relative = collection_path.relative_to(config.rootpath).as_posix()
    return True if relative in UNDATED_MODULES else None


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--dated"):
        return
    kept = [item for item in items if item.get_closest_marker("dated")]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def pytest_generate_tests(metafunc):
    moments = _clock_moments(metafunc.config)
    if (
        metafunc.config.getoption("--dated")
        and metafunc.definition.get_closest_marker("dated") is None
    ):
        # Deselected anyway (pytest_collection_modifyitems): not multiplied by the moments first.
        return
    if moments:
        metafunc.parametrize(
            "_clock", list(moments.values()), ids=list(moments), indirect=True, scope="function"
        )


@pytest.fixture(autouse=True)
def _clock(request):
    """Under --clock or --dated, the test lives at the moment it was given, and time goes on from
    there (for Python only: a browser's own clock and PostgreSQL's now() are not moved)."""
    moment = getattr(request, "param", None)
    if moment is None:
        yield None
        return
    import time_machine

    with time_machine.travel(moment, tick=True):
        yield moment


def pytest_configure(config):
    from django.conf import settings

    # Tests read static files through the finders, without a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Argon2 at its smallest cost (remix/accounts/tests/hashers.py): the same algorithm, cheaper.
    settings.PASSWORD_HASHERS = [
        "remix.accounts.tests.hashers.QuickArgon2PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
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
def _media_in_tmp(settings, tmp_path_factory):
    """Uploads (and the open-data dump) of each test land in folders of their own, never in the
    data directory."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private")
    settings.REMIX_OPEN_DATA_ROOT = tmp_path_factory.mktemp("open-data")


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


class WritesWatch:
    """Whether a statement that may change data ran on a connection: anything but a read or a
    transaction's bookkeeping (a ``WITH`` may hide a write: it counts as one)."""

    READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK")

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote and not sql.lstrip().upper().startswith(self.READS):
            self.wrote = True
        return execute(sql, params, many, context)


def _selfchecks_assert() -> None:
    from remix.core.selfchecks import selfchecks_run

    problems = selfchecks_run()
    assert not problems, "self-checks found problems:\n" + "\n".join(map(str, problems))


@pytest.fixture(autouse=True)
def _selfchecks_after_test(request):
    """Every test that wrote to the database ends with the platform's self-checks clean. A test
    that only read left the data as it found it (an empty database, or a module's world checked
    when it was built): the checks would find what they found before, so they are not run again.
    Tests of a live server or of threads write through other connections: always checked."""
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
    if transactional:
        yield
        _selfchecks_assert()
        return
    from django.db import connection

    watch = WritesWatch()
    with connection.execute_wrapper(watch):
        yield
    if watch.wrote:
        _selfchecks_assert()


def module_data(build):
    """A module-scoped fixture: ``build()`` writes its data once for the test module, and the data
    is rolled back after the module's last test. Each test still asks for ``db`` and runs in a
    savepoint inside, so what one test writes never reaches the next. For modules whose tests read
    one large world (the demo network) instead of each loading it again. Every test of the module
    sees the data once it is built: tests that need an empty database belong in another module.
    Work queued for after the commit (a background task) runs as the data is built, as it would
    on a server."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker, tmp_path_factory):
        from django.db import transaction
        from django.test import TestCase, override_settings

        media = {
            "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
            "PRIVATE_MEDIA_ROOT": tmp_path_factory.mktemp("private"),
            "REMIX_OPEN_DATA_ROOT": tmp_path_factory.mktemp("open-data"),
        }
        with django_db_blocker.unblock(), override_settings(**media), transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                value = build()
            _selfchecks_assert()
            yield value
            transaction.set_rollback(True)

    return fixture


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
def client():
    """pytest-django's client, whose ``force_login`` of a treasurer or steward also gives the
    second factor their role asks for (remix/accounts/tests/clients.py)."""
    from remix.accounts.tests.clients import SecondFactorClient

    return SecondFactorClient()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client, with the second factor a superuser needs."""
    from remix.accounts.tests.clients import SecondFactorClient

    client = SecondFactorClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def api_token(make_user):
    """A user and the raw API token made for them; a treasurer or steward also gets the second
    factor their token needs (pass ``second_factor=False`` to test its absence)."""
    from remix.accounts.services import token_create
    from remix.accounts.tests.clients import give_second_factor

    def build(user=None, *, second_factor=True, **user_kwargs):
        user = user or make_user(**user_kwargs)
        if second_factor:
            give_second_factor(user)
        return user, token_create(user=user, name="test").raw

    return build
