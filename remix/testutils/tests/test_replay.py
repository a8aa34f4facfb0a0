"""The replay server answers what was recorded, once, and fails a test that asks for more."""

import json
import urllib.request

import pytest

from remix.testutils.replay import ReplayServer


def _post(url: str, data: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - 127.0.0.1
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_recorded_exchange_is_answered_once_and_the_request_kept():
    recording = [
        {"request": {"method": "POST", "path": "/v1/things"}, "response": {"body": {"id": "t1"}}}
    ]
    with ReplayServer(recording, strict=True) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert _post(server.url + "/v1/things?expand=x", b"amount=500") == (200, {"id": "t1"})
        assert server.received[0].form() == {"amount": ["500"]}
        assert server.received[0].query == {"expand": ["x"]}


def test_a_request_no_recording_answers_fails_the_block():
    with pytest.raises(AssertionError, match="POST /v1/things"), ReplayServer([]) as server:
        assert _post(server.url + "/v1/things", b"")[0] == 501


def test_a_strict_recording_never_asked_for_fails_the_block():
    recording = [{"request": {"method": "GET", "path": "/v1/x"}}]
    with pytest.raises(AssertionError, match="never asked for: GET /v1/x"):  # noqa: SIM117
        with ReplayServer(recording, strict=True):
            pass
