"""The API fuzzed from its own OpenAPI schema (Schemathesis), as a visitor and as each role: no
answer is a server error, and every answer is one the schema declares, in the shape it declares.

In-process (WSGI, no server), inside the test's database transaction, so writes run too and are
rolled back. Bounded and derandomized: the same few examples per operation on every run."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

# Examples per operation and role: 63 operations x 5 roles stays well under two minutes on
# SQLite and on PostgreSQL on a small machine (see the README's Testing section).
EXAMPLES = 10

ROLES = ["anonymous", "member", "editor", "treasurer", "steward"]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(params=ROLES)
def headers(request, api_token, settings):
    """An API token of one role (made by the same fixture every API test uses), or none."""
    role = request.param
    if role == "anonymous":
        return {}
    # The user's password is never used here: a fast hash keeps 300 setups cheap.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _user, raw = api_token(username=f"fuzz-{role}", roles=[role])
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def _connection_kept():
    """Django closes the database connection at the end of each request, and in a test's
    transaction that ends the test (PostgreSQL). Its own test client keeps it open the same way:
    the in-process calls below are not the test client."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def _schema():
    """The schema /api/v1/openapi.json serves, read without a request (collection has no
    database), and called in-process through the WSGI application."""
    from remix.api.router import api
    from remix.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    loaded.app = application
    return loaded


schema = _schema()


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.usefixtures("_connection_kept")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)
