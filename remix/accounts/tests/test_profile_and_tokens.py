from io import StringIO

from django.core.management import call_command

from remix.accounts.models import ApiToken, token_hash
from remix.accounts.services import token_authenticate
from remix.core.models import AuditEvent


def test_profile_update_is_saved_and_audited(client, make_user):
    user = make_user("amina")
    client.force_login(user)

    response = client.post(
        "/accounts/profile/",
        {"display_name": "Amina D.", "email": "amina@example.org", "language": "es"},
        follow=True,
    )

    user.refresh_from_db()
    assert (user.display_name, user.language) == ("Amina D.", "es")
    assert "Votre profil est enregistré" in response.content.decode()
    event = AuditEvent.objects.get(action="accounts.user.updated")
    assert event.data == {"fields": ["display_name", "language"]}


def test_profile_needs_a_login(client, db):
    response = client.get("/en/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_token_is_shown_once_and_only_its_hash_is_stored(client, make_user):
    user = make_user("amina")
    client.force_login(user)

    first = client.post("/accounts/profile/tokens/", {"name": "bank script"}, follow=True)
    raw = first.context["new_token"]
    second = client.get("/accounts/profile/")

    assert raw.startswith("rmx_") and raw in first.content.decode()
    assert raw not in second.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == token_hash(raw)
    assert raw not in {token.key_hash, token.prefix, token.name}
    assert token_authenticate(raw=raw) == user


def test_a_revoked_token_no_longer_authenticates(client, make_user, api_token):
    user, raw = api_token(make_user("amina"))
    client.force_login(user)
    token = ApiToken.objects.get(user=user)

    client.post(f"/accounts/profile/tokens/{token.pk}/revoke/")

    assert token_authenticate(raw=raw) is None
    assert AuditEvent.objects.filter(action="accounts.token.revoked").count() == 1


def test_nobody_can_revoke_someone_elses_token(client, make_user, api_token):
    owner, raw = api_token(make_user("amina"))
    client.force_login(make_user("intruder"))
    token = ApiToken.objects.get(user=owner)

    response = client.post(f"/accounts/profile/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    assert token_authenticate(raw=raw) == owner


def test_token_create_command_prints_a_working_token(make_user):
    user = make_user("louise")
    out = StringIO()

    call_command("token", "create", "louise", "--name", "cron", stdout=out)

    raw = out.getvalue().strip()
    assert token_authenticate(raw=raw) == user
    assert ApiToken.objects.get(user=user).name == "cron"


def test_an_inactive_users_token_does_not_authenticate(make_user, api_token):
    user, raw = api_token(make_user("gone"))
    user.is_active = False
    user.save()

    assert token_authenticate(raw=raw) is None
