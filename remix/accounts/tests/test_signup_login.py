from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from remix.core.models import AuditEvent

User = get_user_model()


def test_signup_creates_a_member_logs_in_and_records_the_event(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "amina",
            "email": "amina@example.org",
            "display_name": "Amina",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
        follow=True,
    )

    user = User.objects.get(username="amina")
    assert response.redirect_chain[-1][0] == reverse("accounts:profile")
    assert response.context["user"] == user
    assert [group.name for group in user.groups.all()] == ["member"]
    assert user.language == "fr"
    assert AuditEvent.objects.filter(action="accounts.user.signed_up", recorder=user).exists()


def test_signup_in_spanish_keeps_spanish_as_the_users_language(client, db):
    client.post(
        "/es/accounts/signup/",
        {
            "username": "lucia",
            "email": "lucia@example.org",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )

    assert User.objects.get(username="lucia").language == "es"


def test_a_bad_signup_is_refused_with_translated_reasons_and_keeps_the_input(client, make_user):
    make_user("taken")

    response = client.post(
        "/accounts/signup/",
        {
            "username": "taken",
            "email": "taken@example.org",
            "display_name": "Quelqu’un",
            "password1": "short",
            "password2": "different",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Un utilisateur avec ce nom existe déjà" in page
    assert "Un compte existe déjà avec ce courriel" in page
    assert 'value="Quelqu’un"' in page
    assert User.objects.count() == 1


def test_login_and_logout(client, make_user):
    make_user("amina", password="a-long-pass-phrase-42")

    response = client.post(
        "/accounts/login/",
        {"username": "amina", "password": "a-long-pass-phrase-42"},
        follow=True,
    )
    assert response.context["user"].is_authenticated

    response = client.post("/accounts/logout/", follow=True)
    assert not response.context["user"].is_authenticated


def test_wrong_password_is_refused(client, make_user):
    make_user("amina")

    response = client.post("/en/accounts/login/", {"username": "amina", "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_reset_mail_is_in_the_recipients_language_and_the_link_works(client, make_user):
    make_user("mateo", language="es")

    client.post("/accounts/password/reset/", {"email": "mateo@example.org"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mateo@example.org"]
    assert message.subject == "Elige una nueva contraseña de Remix"
    link = next(line for line in message.body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    assert path.startswith("/es/accounts/password/reset/")

    response = client.get(path, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "another-long-phrase-7", "new_password2": "another-long-phrase-7"},
        follow=True,
    )
    assert response.status_code == 200
    assert User.objects.get(username="mateo").check_password("another-long-phrase-7")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []
