"""Two-factor authentication: set up from the profile, asked at log-in, required of treasurers
and stewards before they use their role (pages, admin and API tokens alike)."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.core.models import AuditEvent

PASSWORD = "a-long-pass-phrase-42"
SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/verify/"


def later(seconds: int):
    """The clock, moved past django-otp's pause after a wrong code (1 s, doubling)."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=True)


def code_of(device: TOTPDevice, offset: int = 0) -> str:
    """What the authenticator app shows now (offset: that many 30-second steps later)."""
    return f"{totp(device.bin_key, step=device.step, drift=offset):06d}"


def log_in(client, username, prefix=""):
    return client.post(
        f"{prefix}/accounts/login/", {"username": username, "password": PASSWORD}, follow=True
    )


def set_up(client) -> tuple[TOTPDevice, list[str]]:
    """Through the pages, as a person would: scan, type the code, keep the recovery codes."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post(SETUP, {"token": code_of(device)}, follow=True)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    return device, codes


@pytest.fixture
def treasurer(make_user):
    return make_user("mateo", roles=["treasurer"], password=PASSWORD)


# --- set-up --------------------------------------------------------------------------------------


def test_setting_up_shows_a_qr_code_confirms_with_a_code_and_gives_ten_codes_once(
    client, make_user
):
    amina = make_user("amina", password=PASSWORD)
    client.force_login(amina)

    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=amina)
    assert not device.confirmed
    assert "<svg" in page and "otpauth" not in page  # drawn here, the secret not in a URL
    secret = re.search(r'<code id="otp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert len(secret.replace(" ", "")) == 32
    # Reloading keeps the secret already scanned.
    assert secret in client.get(SETUP).content.decode()

    wrong = client.post(SETUP, {"token": "000000" if code_of(device) != "000000" else "111111"})
    assert "pas celui que votre application affiche" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    done = client.post(SETUP, {"token": code_of(device)}, follow=True)
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(set(codes)) == 10
    assert sorted(
        StaticToken.objects.filter(device__user=amina).values_list("token", flat=True)
    ) == (sorted(codes))
    assert AuditEvent.objects.filter(
        action="accounts.second_factor.confirmed", recorder=amina, object_id=str(amina.pk)
    ).exists()
    # Shown once.
    assert client.get("/accounts/two-factor/recovery-codes/").status_code == 302


@pytest.mark.parametrize(
    ("prefix", "title", "scan"),
    [
        ("", "Activer l’authentification à deux facteurs", "scannez ce code QR"),
        ("/en", "Set up two-factor authentication", "scan this QR code"),
        ("/es", "Activar la autenticación en dos pasos", "escanea este código QR"),
    ],
)
def test_the_set_up_page_is_in_three_languages(client, make_user, prefix, title, scan):
    client.force_login(make_user())

    page = client.get(prefix + SETUP).content.decode()

    assert title in page and scan in page


# --- log-in -----------------------------------------------------------------------------------


def test_a_member_without_a_second_factor_logs_in_with_the_password_alone(client, make_user):
    make_user("amina", password=PASSWORD)

    page = log_in(client, "amina")

    assert page.redirect_chain[-1][0] == "/accounts/profile/"


def test_once_set_up_a_log_in_asks_for_a_code_then_a_recovery_code_works_once(client, make_user):
    amina = make_user("amina", password=PASSWORD)
    client.force_login(amina)
    device, codes = set_up(client)
    client.logout()

    asked = log_in(client, "amina")
    assert asked.redirect_chain[-1][0] == f"{VERIFY}?next=%2Faccounts%2Fprofile%2F"
    assert client.get("/accounts/profile/").status_code == 302

    used = client.post(VERIFY, {"token": codes[0].upper(), "next": "/accounts/profile/"})
    assert used["Location"] == "/accounts/profile/"
    assert client.get("/accounts/profile/").status_code == 200
    assert (
        AuditEvent.objects.filter(action="accounts.second_factor.recovery_code_used").count() == 1
    )
    client.logout()

    log_in(client, "amina")
    again = client.post(VERIFY, {"token": codes[0]})
    assert again.status_code == 200
    assert "Ce code n’est pas le bon" in again.content.decode()
    assert client.get("/accounts/profile/").status_code == 302

    with later(seconds=3):
        with_app = client.post(VERIFY, {"token": code_of(device, offset=1)})
        assert with_app.status_code == 302
        assert client.get("/accounts/profile/").status_code == 200


def test_the_verify_page_goes_only_where_this_site_is(client, make_user):
    amina = make_user("amina", password=PASSWORD)
    client.force_login(amina)
    device, _codes = set_up(client)
    client.logout()
    log_in(client, "amina")

    response = client.post(VERIFY, {"token": code_of(device, 1), "next": "https://evil.example/"})

    assert response["Location"] == "/accounts/profile/"


# --- required of treasurers and stewards -------------------------------------------------------


def test_a_treasurer_without_a_second_factor_is_sent_to_set_it_up_and_cannot_write(
    client, treasurer
):
    from remix.ledger.models import Account

    client.force_login(treasurer, second_factor=False)

    page = client.get("/budget/books/")
    assert page.status_code == 302
    assert page["Location"] == f"{SETUP}?next=%2Fbudget%2Fbooks%2F"
    posted = client.post("/budget/books/accounts/new/", {"code": "Expenses:Party", "name": "Fête"})
    assert posted.status_code == 302 and posted["Location"].startswith(SETUP)
    assert not Account.objects.filter(code="Expenses:Party").exists()
    # The pages that let them out stay open.
    assert client.get(SETUP).status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


def test_a_treasurer_who_sets_it_up_goes_on_to_the_page_they_asked_for(client, treasurer):
    log_in(client, "mateo")
    asked = client.get("/budget/books/")
    assert asked["Location"].startswith(SETUP)

    client.get(asked["Location"])
    device = TOTPDevice.objects.get(user=treasurer)
    codes_page = client.post(
        SETUP, {"token": code_of(device), "next": "/budget/books/"}, follow=True
    )

    assert 'href="/budget/books/"' in codes_page.content.decode()
    assert client.get("/budget/books/").status_code == 200


def test_a_steward_with_a_device_gives_a_code_before_the_admin(client, make_user):
    louise = make_user("louise", roles=["steward"], password=PASSWORD)
    device = TOTPDevice.objects.create(user=louise, name="phone", confirmed=True)

    client.post("/admin/login/", {"username": "louise", "password": PASSWORD})
    held = client.get("/admin/")
    assert held.status_code == 302 and held["Location"] == f"{VERIFY}?next=%2Fadmin%2F"

    client.post(VERIFY, {"token": code_of(device), "next": "/admin/"})

    assert client.get("/admin/").status_code == 200


def test_a_superuser_is_held_back_too(client, db):
    from remix.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root, second_factor=False)

    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_the_test_client_gives_a_role_its_second_factor(client, treasurer):
    """The suite's own helper: a treasurer logged in by ``force_login`` has used a device."""
    client.force_login(treasurer)

    assert client.get("/budget/books/").status_code == 200
    assert TOTPDevice.objects.filter(user=treasurer, confirmed=True).count() == 1


# --- managing it from the profile --------------------------------------------------------------


def test_new_recovery_codes_replace_the_old_ones(client, make_user):
    amina = make_user("amina", password=PASSWORD)
    client.force_login(amina)
    _device, old = set_up(client)

    page = client.post("/accounts/two-factor/recovery-codes/new/", follow=True)

    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert AuditEvent.objects.filter(action="accounts.second_factor.codes_regenerated").exists()


def test_turning_it_off_asks_for_a_code(client, make_user):
    amina = make_user("amina", password=PASSWORD)
    client.force_login(amina)
    device, codes = set_up(client)

    client.post("/accounts/two-factor/off/", {"token": "not-a-code"})
    assert TOTPDevice.objects.filter(user=amina).exists()
    assert not AuditEvent.objects.filter(action="accounts.second_factor.removed").exists()

    with later(seconds=3):
        client.post("/accounts/two-factor/off/", {"token": codes[3]})

    assert not TOTPDevice.objects.filter(user=amina).exists()
    assert not StaticToken.objects.filter(device__user=amina).exists()
    assert AuditEvent.objects.filter(
        action="accounts.second_factor.removed", recorder=amina
    ).exists()
    assert "Désactivée" in client.get("/accounts/profile/").content.decode()


# --- API tokens ----------------------------------------------------------------------------------


def test_a_treasurers_token_works_only_once_they_have_a_second_factor(client, api_token):
    treasurer, raw = api_token(username="mateo", roles=["treasurer"], second_factor=False)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}

    account = {"code": "Expenses:Party", "name": {"fr": "Fête"}}
    refused = client.post(
        "/api/v1/ledger/accounts", account, content_type="application/json", **headers
    )

    assert refused.status_code == 401
    error = refused.json()["error"]
    assert error["code"] == "second_factor_required"
    assert "two-factor authentication" in error["message"]
    assert refused["WWW-Authenticate"] == "Bearer"

    TOTPDevice.objects.create(user=treasurer, name="phone", confirmed=True)
    created = client.post(
        "/api/v1/ledger/accounts", account, content_type="application/json", **headers
    )
    assert created.status_code == 201


def test_a_members_token_needs_no_second_factor(client, api_token):
    _member, raw = api_token(username="amina", roles=["member"], second_factor=False)

    response = client.post(
        "/api/v1/ledger/accounts",
        {"code": "Expenses:Party", "name": {"fr": "Fête"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )

    assert response.status_code == 403  # known, but not a treasurer


# --- the demo ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("username", "page"), [("mateo", "/budget/books/"), ("louise", "/admin/")])
def test_the_demo_treasurer_and_steward_log_in_with_the_keys_the_readme_publishes(
    client, db, username, page
):
    from base64 import b32decode
    from pathlib import Path

    from remix.accounts.demo import DEMO_PASSWORD, load_users

    load_users()
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    key = re.search(rf"`{username}` with the key\s+`([A-Z2-7]+)`", readme).group(1)

    client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    # The page first moves to the person's language, then asks for the code.
    assert VERIFY in client.get(page, follow=True).redirect_chain[-1][0]
    code = f"{totp(b32decode(key)):06d}"
    client.post(VERIFY, {"token": code})

    assert client.get(page, follow=True).status_code == 200
