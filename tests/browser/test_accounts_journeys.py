"""A new treasurer sets up two-factor authentication, then logs in with a code (JOURNEYS.md)."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from playwright.sync_api import expect

from remix.accounts.models import User

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"


def test_a_new_treasurer_sets_up_a_second_factor_then_logs_in_with_a_code(watched):
    user = User.objects.create_user("awa", "awa@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="treasurer"))
    watch = watched()
    page = watch.page

    page.goto("/accounts/login/?next=/budget/books/")
    page.get_by_label("Nom d’utilisateur").fill("awa")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/\?next="))
    expect(page.locator(".qr-code svg")).to_be_visible()
    watch.check("two-factor-setup")
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    key = b32decode(secret)
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirmer").click()

    expect(page.get_by_role("heading", name="Vos codes de secours")).to_be_visible()
    assert page.locator("#recovery-codes li").count() == 10
    watch.check("recovery-codes")
    page.get_by_role("link", name="Je les ai conservés").click()
    expect(page).to_have_url(re.compile(r"/budget/books/$"))

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/accounts/login/?next=/budget/books/")
    page.get_by_label("Nom d’utilisateur").fill("awa")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    watch.check("two-factor-verify")
    page.get_by_label("Code").fill(f"{totp(key, drift=1):06d}")
    page.get_by_role("button", name="Vérifier").click()

    expect(page).to_have_url(re.compile(r"/budget/books/$"))
