"""Every route of the site and of the API, as each role meets it (``remix/core/permissions.txt``).

A new route without its rows fails the first test: the next route cannot be forgotten."""

import re
from fnmatch import fnmatch

import pytest

from remix.core.tests.permission_matrix import (
    MATRIX,
    PEOPLE,
    ROLES,
    admin_paths,
    answer,
    api_operations,
    ask,
    clients,
    fill,
    route_of,
    rows_read,
    site_routes,
    tokens,
    world_build,
)

pytestmark = pytest.mark.django_db


def test_every_route_and_every_api_operation_has_its_rows(client):
    rows = rows_read()
    written = {row.route for row in rows}
    routes = {route for route in site_routes() if not route.startswith("api:")}
    missing = sorted(r for r in routes if not any(fnmatch(r, w) for w in written))
    operations = api_operations(client.get("/api/v1/openapi.json").json())
    answered = {f"{row.method} {row.route.removeprefix('api:')}" for row in rows if row.is_api}
    stale = sorted(
        row.route
        for row in rows
        if not row.is_api and not any(fnmatch(route, row.route) for route in routes)
    )
    assert not missing, f"routes with no row in {MATRIX.name}: {missing}"
    assert not sorted(operations - answered), f"API operations with no row: {operations - answered}"
    assert not sorted(answered - operations), f"rows for no API operation: {answered - operations}"
    assert not stale, f"rows for no route: {stale}"


def test_a_row_that_names_one_route_and_asks_another_is_refused():
    """The path of each row resolves to the route it names (so a row cannot test a neighbour)."""
    for row in rows_read():
        if row.is_api:
            template = re.sub(r"\{[a-z_]+\}", "[^/]+", row.route.removeprefix("api:"))
            assert re.fullmatch(f"/api/v1{template}", fill(row.path, _ANY)), row
        elif "*" not in row.route:
            assert route_of_filled(row) == row.route, f"{MATRIX.name}:{row.line}: {row.path}"


class _Any(dict):
    def __missing__(self, key):
        return "1"


_ANY = _Any()


def route_of_filled(row):
    return route_of(type(row)(row.line, row.route, row.method, fill(row.path, _ANY), {}))


def test_each_role_meets_what_the_matrix_says(settings):
    settings.REMIX_RECEIPTS = {
        **settings.REMIX_RECEIPTS,
        "issuer": "Association Remix",
        "address": "1 place des Communs, 69001 Lyon",
        "object": "Soutien aux communs",
        "signatory": "Louise, intendante",
    }
    values = world_build()
    logged = clients()
    raw = tokens()
    admin = admin_paths()
    differences = []
    rows = rows_read()
    own_rows = {row.route for row in rows}
    for row in rows:
        paths = [fill(row.path, values)]
        if "*" in row.route:
            paths = [
                path
                for name, path in sorted(admin.items())
                if fnmatch(name, row.route) and name not in own_rows
            ]
        for path in paths:
            for role in ROLES:
                wanted = row.expected[role]
                if wanted == "-":
                    continue
                client = logged["anonymous"] if row.is_api else logged[role]
                got = ask(row, values, client, raw.get(role), path=path)
                if got == wanted or (wanted == "any" and got != "login" and int(got) < 500):
                    continue
                who = PEOPLE.get(role, "anonymous")
                differences.append(
                    f"{MATRIX.name}:{row.line}: {row.method} {path} as {role} ({who}): "
                    f"expected {wanted}, got {got}"
                )
    assert not differences, "\n".join(differences)


def test_a_log_in_page_and_a_missing_token_read_as_login():
    class Response(dict):
        def __init__(self, status, location=""):
            super().__init__({"Location": location} if location else {})
            self.status_code = status

    assert answer(Response(302, "/accounts/login/?next=/budget/books/")) == "login"
    assert answer(Response(302, "/admin/login/?next=/admin/")) == "login"
    assert answer(Response(401)) == "login"
    assert answer(Response(302, "/budget/books/transactions/4/")) == "302"
    assert answer(Response(500)) == "500"
