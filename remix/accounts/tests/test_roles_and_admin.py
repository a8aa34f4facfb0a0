from remix.accounts.models import Role
from remix.accounts.services import role_grant


def test_the_admin_is_for_stewards(client, make_user):
    client.force_login(make_user("steward", roles=["steward"]))

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_a_member_or_an_editor_is_sent_to_the_admin_login(client, make_user):
    client.force_login(make_user("editor", roles=["editor"]))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_steward_logs_into_the_admin_without_the_staff_flag(client, make_user):
    user = make_user("louise", roles=["steward"], password="a-long-pass-phrase-42")
    assert not user.is_staff

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "louise", "password": "a-long-pass-phrase-42", "next": "/admin/"},
    )

    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_granting_a_role_twice_changes_nothing(make_user):
    user = make_user("amina")

    assert role_grant(user=user, role=Role.EDITOR, recorder=None) is True
    assert role_grant(user=user, role=Role.EDITOR, recorder=None) is False
    assert sorted(group.name for group in user.groups.all()) == ["editor", "member"]
