"""With REMIX_HTTPS on, the cookies a log-in sets travel over TLS only."""

import os
import runpy
from unittest import mock

from django.test import override_settings

PASSWORD = "a-long-pass-phrase-42"
HTTPS_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
)


def settings_with(env: dict) -> dict:
    """What remix/settings.py decides under this environment (read afresh, not the test's)."""
    import remix.settings

    with mock.patch.dict(os.environ, env):
        return runpy.run_path(remix.settings.__file__)


def test_remix_https_turns_the_session_and_csrf_cookies_secure_after_a_real_log_in(
    client, make_user, tmp_path
):
    decided = settings_with({"REMIX_HTTPS": "true", "REMIX_DATA_DIR": str(tmp_path)})
    assert decided["SESSION_COOKIE_SECURE"] and decided["CSRF_COOKIE_SECURE"]
    make_user("amina", password=PASSWORD)

    with override_settings(**{name: decided[name] for name in HTTPS_SETTINGS}):
        form = client.get("/accounts/login/", secure=True)
        response = client.post(
            "/accounts/login/", {"username": "amina", "password": PASSWORD}, secure=True
        )

    assert response.status_code == 302
    set_cookie = {name: morsel for name, morsel in response.cookies.items()}
    assert "sessionid" in set_cookie
    assert set_cookie["sessionid"]["secure"] is True
    assert set_cookie["sessionid"]["httponly"] is True
    assert "Secure" in set_cookie["sessionid"].output()
    # Every cookie the log-in sets (the new CSRF token, the person's language, and none of
    # axes' or django-otp's own).
    cookies = {**{n: m for n, m in form.cookies.items()}, **set_cookie}
    assert set(cookies) <= {"sessionid", "csrftoken", "messages", "django_language"}
    assert set_cookie["django_language"]["httponly"] is True
    assert all(morsel["secure"] is True for morsel in cookies.values())


def test_without_remix_https_the_cookies_are_not_marked_secure(tmp_path):
    decided = settings_with({"REMIX_HTTPS": "", "REMIX_DATA_DIR": str(tmp_path)})

    assert decided["SESSION_COOKIE_SECURE"] is False
