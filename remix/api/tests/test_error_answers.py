"""The schema declares, for each operation, the error answers it really gives (remix.api.common:
error_answers), and those answers come in the one error shape, translated."""

import pytest


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def paths(client, db):
    return client.get("/api/v1/openapi.json").json()["paths"]


def declared(paths, method, path):
    return {int(status) for status in paths[path][method]["responses"]}


def test_every_error_answer_is_declared_in_the_one_error_shape(paths):
    for path, operations in paths.items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/health", {200}),  # nothing to get wrong
        ("get", "/api/v1/actors", {200, 422}),  # a visitor's read: a wrong query, never 401
        ("get", "/api/v1/actors/{actor_id}", {200, 404, 422}),
        ("get", "/api/v1/accounts/me", {200, 401, 403}),
        ("post", "/api/v1/themes", {201, 400, 401, 403, 422}),
        ("post", "/api/v1/relations", {201, 400, 401, 403, 404, 422}),  # 404: an unknown actor
        ("patch", "/api/v1/commons/{commons_id}", {200, 400, 401, 403, 404, 422}),
    ],
)
def test_each_operation_declares_the_errors_it_gives(paths, method, path, expected):
    assert declared(paths, method, path) == expected


def test_a_body_that_cannot_be_read_is_400_in_the_error_shape_and_translated(client, api_token):
    _user, raw = api_token(roles=["editor"])

    answers = {
        language: client.post(
            "/api/v1/themes",
            data=b"\xff\xfe not json",
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
            **bearer(raw),
        )
        for language in ("fr", "es")
    }

    assert {answer.status_code for answer in answers.values()} == {400}
    french, spanish = answers["fr"].json(), answers["es"].json()
    assert french["error"]["code"] == "invalid_body"
    assert french["error"]["fields"] == []
    assert "JSON" in french["error"]["message"]
    assert french["error"]["message"] != spanish["error"]["message"]


def test_a_relation_between_unknown_actors_is_the_declared_404(client, api_token):
    _user, raw = api_token(roles=["editor"])

    answer = client.post(
        "/api/v1/relations",
        data={"kind": "funds", "source": 999999, "target": 999998},
        content_type="application/json",
        **bearer(raw),
    )

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
