"""Log-in throttling: after a few failures, log-ins are refused before any password is hashed,
for a pause that grows, with a page that says when to try again."""

import datetime

import pytest
import time_machine
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import RequestFactory, override_settings
from django.utils import timezone

from remix.accounts.throttle import client_address

PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture
def hashes(monkeypatch):
    """How many times a password was hashed (checked, or hashed for an unknown username)."""
    count = {"n": 0}
    for name in ("verify", "encode"):
        original = getattr(Argon2PasswordHasher, name)

        def counted(self, *args, _original=original, **kwargs):
            count["n"] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Argon2PasswordHasher, name, counted)
    return count


def log_in(client, username, password, address="203.0.113.7", prefix=""):
    return client.post(
        f"{prefix}/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302


def test_five_failures_pause_the_account_from_that_address_before_any_hash(
    client, make_user, hashes
):
    make_user("amina", password=PASSWORD)
    hashes["n"] = 0

    answers = [log_in(client, "amina", f"guess-{n}") for n in range(5)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert hashes["n"] == 5
    # The right password, from the same address: refused without hashing it.
    refused = log_in(client, "amina", PASSWORD)
    assert refused.status_code == 429
    assert hashes["n"] == 5
    assert "_auth_user_id" not in client.session
    page = refused.content.decode()
    assert "Connexion suspendue" in page
    assert "réessayez dans" in page
    assert int(refused["Retry-After"]) > 0


def test_the_pause_is_said_in_the_readers_language(client, make_user):
    make_user("amina", password=PASSWORD)
    for n in range(5):
        last = log_in(client, "amina", f"guess-{n}", prefix="/en")
    assert last.status_code == 429
    assert "Too many failed attempts to log in" in last.content.decode()
    assert "try again in 10 minutes" in last.content.decode()

    spanish = log_in(client, "amina", PASSWORD, prefix="/es")
    assert spanish.status_code == 429
    assert "Demasiados intentos fallidos" in spanish.content.decode()


def test_each_failure_during_the_pause_doubles_it_up_to_a_day(client, make_user):
    make_user("amina", password=PASSWORD)
    for n in range(4):
        log_in(client, "amina", f"guess-{n}")

    waits = [int(log_in(client, "amina", f"again-{n}")["Retry-After"]) for n in range(11)]

    assert waits[:5] == [600, 1200, 2400, 4800, 9600]
    assert max(waits) == waits[-1] == 86400


def test_after_the_pause_the_right_password_logs_in_and_clears_the_count(client, make_user):
    make_user("amina", password=PASSWORD)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for n in range(5):
            log_in(client, "amina", f"guess-{n}")
        clock.shift(datetime.timedelta(minutes=9))
        assert log_in(client, "amina", PASSWORD).status_code == 429
        # That refusal was one more failure: 20 minutes from it now.
        clock.shift(datetime.timedelta(minutes=19))
        assert log_in(client, "amina", PASSWORD).status_code == 429
        clock.shift(datetime.timedelta(minutes=41))
        assert logged_in(log_in(client, "amina", PASSWORD))
        client.logout()
        # The count started again from nothing: four more failures do not pause.
        for n in range(4):
            assert log_in(client, "amina", f"later-{n}").status_code == 200
        assert logged_in(log_in(client, "amina", PASSWORD))


def test_a_success_before_the_limit_clears_the_count(client, make_user):
    make_user("amina", password=PASSWORD)
    for n in range(4):
        log_in(client, "amina", f"guess-{n}")
    assert logged_in(log_in(client, "amina", PASSWORD))
    client.logout()
    for n in range(4):
        assert log_in(client, "amina", f"guess-{n}").status_code == 200


def test_ten_failures_from_many_addresses_pause_the_account_everywhere(client, make_user):
    make_user("amina", password=PASSWORD)
    make_user("bruno", password=PASSWORD)
    for n in range(10):
        log_in(client, "amina", "guess", address=f"198.51.100.{n}")
    for n in range(9):
        log_in(client, "bruno", "guess", address=f"198.51.100.{n}")

    assert log_in(client, "amina", PASSWORD, address="192.0.2.1").status_code == 429
    assert logged_in(log_in(client, "bruno", PASSWORD, address="192.0.2.1"))


def test_one_address_trying_thirty_accounts_is_paused_for_every_account(client, make_user):
    make_user("amina", password=PASSWORD)
    for n in range(29):
        log_in(client, f"someone{n}", "guess")
    assert log_in(client, "someone-else", "guess").status_code == 429

    assert log_in(client, "amina", PASSWORD).status_code == 429
    # Another address is not concerned.
    assert logged_in(log_in(client, "amina", PASSWORD, address="192.0.2.1"))


def test_a_success_does_not_clear_what_its_address_tried_on_other_accounts(client, make_user):
    make_user("amina", password=PASSWORD)
    for n in range(29):
        log_in(client, f"someone{n}", "guess")
    assert logged_in(log_in(client, "amina", PASSWORD))
    client.logout()

    assert log_in(client, "someone-else", "guess").status_code == 429


def test_other_accounts_and_addresses_are_not_paused(client, make_user):
    make_user("amina", password=PASSWORD)
    make_user("bruno", password=PASSWORD)
    for n in range(5):
        log_in(client, "amina", f"guess-{n}")

    assert logged_in(log_in(client, "bruno", PASSWORD))
    client.logout()
    assert logged_in(log_in(client, "amina", PASSWORD, address="192.0.2.1"))


def test_the_admin_log_in_is_paused_too(client, make_user, hashes):
    make_user("louise", roles=["steward"], password=PASSWORD)
    hashes["n"] = 0
    for n in range(5):
        last = client.post(
            "/admin/login/", {"username": "louise", "password": f"guess-{n}"}, REMOTE_ADDR="1.2.3.4"
        )
    assert last.status_code == 429

    refused = client.post(
        "/admin/login/", {"username": "louise", "password": PASSWORD}, REMOTE_ADDR="1.2.3.4"
    )

    assert refused.status_code == 429
    assert hashes["n"] == 5


def test_the_address_is_the_proxys_last_hop_only_behind_a_proxy():
    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )

    assert client_address(request) == "10.0.0.2"
    with override_settings(BEHIND_PROXY=True):
        # The left-most entry is whatever the caller wrote; the proxy vouches for the last.
        assert client_address(request) == "203.0.113.7"
