"""Small answers that cost trust when wrong: the API's root, and the log of a refusal."""

import logging
import sys

from remix.accounts.models import User


def test_the_api_root_is_a_short_index(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    index = response.json()
    assert index["docs"] == "http://testserver/api/v1/docs"
    assert index["schema"] == "http://testserver/api/v1/openapi.json"
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == index["name"]
    assert client.get(index["docs"].removeprefix("http://testserver")).status_code == 200


def test_an_ordinary_refusal_is_one_line_in_the_log(client, db, caplog):
    client.force_login(User.objects.create_user("yasmine", "y@example.org", "x"))

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/allies/actors/new/")

    assert response.status_code == 403
    refusals = [record for record in caplog.records if record.name == "django.request"]
    assert [record.getMessage() for record in refusals] == [
        "Forbidden (Permission denied): /allies/actors/new/"
    ]
    assert refusals[0].exc_info is None


def test_a_server_error_keeps_its_traceback():
    from remix.core.logfilters import RefusalWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        error = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    error.status_code = 500
    refusal = logging.LogRecord("django.request", logging.WARNING, "", 0, "x", (), error.exc_info)
    refusal.status_code = 403

    assert RefusalWithoutTraceback().filter(error) and error.exc_info is not None
    assert RefusalWithoutTraceback().filter(refusal) and refusal.exc_info is None
