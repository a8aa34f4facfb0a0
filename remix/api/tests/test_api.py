import json

import pytest
from openapi_spec_validator import validate


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_health_says_version_database_and_migrations(client, db):
    from django.db import connection

    body = client.get("/api/v1/health").json()

    assert body["status"] == "ok"
    assert body["version"] == "0.1.0"
    assert body["database"]["vendor"] == connection.vendor
    assert body["migrations"] == {"applied": True, "pending": []}


def test_the_openapi_schema_is_valid_and_lists_the_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    schema = response.json()

    validate(schema)
    assert {"/api/v1/health", "/api/v1/accounts/me"} <= set(schema["paths"])
    assert (
        "BearerAuth" in json.dumps(schema["components"]["securitySchemes"])
        or schema["components"]["securitySchemes"]
    )


def test_the_api_docs_are_served_from_our_own_static_files(client, db):
    page = client.get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle" in page
    assert "cdn" not in page.lower()


def test_reading_me_without_a_token_is_401_with_a_translated_message(client, db):
    french = client.get("/api/v1/accounts/me", HTTP_ACCEPT_LANGUAGE="fr")
    spanish = client.get("/api/v1/accounts/me", HTTP_ACCEPT_LANGUAGE="es")

    assert french.status_code == spanish.status_code == 401
    assert french["WWW-Authenticate"] == "Bearer"
    assert french.json()["error"]["code"] == "unauthenticated"
    assert french.json()["error"]["message"] != spanish.json()["error"]["message"]
    assert "jeton" in french.json()["error"]["message"]


def test_a_wrong_or_revoked_token_is_401(client, api_token):
    user, raw = api_token()
    user.api_tokens.update(revoked_at="2026-01-01T00:00:00Z")

    assert client.get("/api/v1/accounts/me", **bearer(raw)).status_code == 401
    assert client.get("/api/v1/accounts/me", **bearer("rmx_nope")).status_code == 401


def test_me_with_a_token(client, api_token):
    _user, raw = api_token(username="amina")

    body = client.get("/api/v1/accounts/me", **bearer(raw)).json()

    assert body == {
        "username": "amina",
        "display_name": "Amina",
        "language": "fr",
        "roles": ["member"],
    }


def test_an_unauthenticated_write_is_401(client, db):
    response = client.patch(
        "/api/v1/accounts/me", data={"language": "es"}, content_type="application/json"
    )

    assert response.status_code == 401


def test_a_malformed_write_is_422_with_the_field_and_the_reason(client, api_token):
    _user, raw = api_token()

    response = client.patch(
        "/api/v1/accounts/me",
        data={"language": "klingon", "display_name": "x" * 200},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(raw),
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "The request is not valid."
    fields = {item["field"]: item for item in error["fields"]}
    assert set(fields) == {"language", "display_name"}
    assert fields["display_name"]["reason"] == "This text is too long."


def test_invalid_json_is_422(client, api_token):
    _user, raw = api_token()

    response = client.patch(
        "/api/v1/accounts/me", data="{not json", content_type="application/json", **bearer(raw)
    )

    assert response.status_code in {400, 422}
    assert "error" in response.json()


def test_a_write_with_a_token_updates_and_audits(client, api_token):
    from remix.core.models import AuditEvent

    user, raw = api_token()

    response = client.patch(
        "/api/v1/accounts/me",
        data={"language": "es"},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 200 and response.json()["language"] == "es"
    user.refresh_from_db()
    assert user.language == "es"
    assert AuditEvent.objects.filter(action="accounts.user.updated", recorder=user).exists()


def test_granting_a_role_is_forbidden_to_a_member(client, api_token, make_user):
    make_user("amina")
    _member, raw = api_token(username="bob")

    response = client.post(
        "/api/v1/accounts/users/amina/roles",
        data={"role": "editor"},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_steward_grants_a_role_and_a_repeat_is_a_no_op(client, api_token, make_user):
    make_user("amina")
    _steward, raw = api_token(username="louise", roles=["steward"])

    def grant():
        return client.post(
            "/api/v1/accounts/users/amina/roles",
            data={"role": "editor"},
            content_type="application/json",
            **bearer(raw),
        ).json()

    assert grant() == {
        "username": "amina",
        "role": "editor",
        "changed": True,
        "roles": ["member", "editor"],
    }
    assert grant()["changed"] is False

    revoked = client.delete("/api/v1/accounts/users/amina/roles/editor", **bearer(raw)).json()
    assert revoked["roles"] == ["member"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/accounts/users/ghost/roles"])
def test_not_found_in_the_api_is_json(client, api_token, path):
    _steward, raw = api_token(username="louise", roles=["steward"])

    response = client.post(
        path, data={"role": "editor"}, content_type="application/json", **bearer(raw)
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
