"""Every write about people, roles and tokens leaves its audit event, on the person or the token.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads). A sign-up is
recorded as done by the new person; a token made without a recorder, by its owner.
``accounts.user.verified`` is written by the admin's action, not by a service: its row goes
through the admin, as a steward does.
"""

import pytest

from remix.accounts import services
from remix.accounts.models import Role
from remix.core import services as core_services
from remix.core.tests.audit_rows import Rows, Scene, on

ROWS = Rows()


@ROWS.writes("accounts.user.signed_up")
def a_person_signs_up(the):
    with the.call():
        awa = services.user_signup(
            username="awa", email="awa@example.org", password="a-long-pass-phrase-42"
        )
    return on(awa, by=awa)


@ROWS.writes("accounts.user.updated")
def a_steward_corrects_a_profile(the):
    steward, awa = the.user("louise", "steward"), the.user("awa")
    with the.call():
        services.profile_update(user=awa, recorder=steward, display_name="Awa D.", language="en")
    return on(awa, by=steward, fields=["display_name", "language"])


@ROWS.writes("accounts.role.granted")
def a_steward_gives_a_role(the):
    steward, awa = the.user("louise", "steward"), the.user("awa")
    with the.call():
        services.role_grant(user=awa, role=Role.TREASURER, recorder=steward)
    return on(awa, by=steward, role="treasurer")


@ROWS.writes("accounts.role.revoked")
def a_steward_takes_a_role_back(the):
    steward, awa = the.user("louise", "steward"), the.user("awa", "editor")
    with the.call():
        services.role_revoke(user=awa, role=Role.EDITOR, recorder=steward)
    return on(awa, by=steward, role="editor")


@ROWS.writes("accounts.token.created")
def a_person_makes_a_token(the):
    awa = the.user("awa")
    with the.call():
        made = services.token_create(user=awa, name="laptop")
    return on(made.token, by=awa, name="laptop")


@ROWS.writes("accounts.token.revoked")
def a_steward_revokes_a_token(the):
    steward, awa = the.user("louise", "steward"), the.user("awa")
    token = services.token_create(user=awa, name="laptop").token
    with the.call():
        services.token_revoke(token=token, recorder=steward)
    return on(token, by=steward)


@ROWS.writes("accounts.user.verified")
def a_steward_marks_a_person_verified_in_the_admin(the):
    steward, awa = the.user("louise", "steward"), the.user("awa")
    the.client.force_login(steward)
    with the.call():
        response = the.client.post(
            "/admin/accounts/user/", {"action": "mark_verified", "_selected_action": [awa.pk]}
        )
    assert response.status_code == 302
    return on(awa, by=steward)


def _authenticator(user):
    from django_otp.oath import totp

    device = services.totp_device_start(user=user)
    code = f"{totp(device.bin_key, step=device.step):06d}"
    return device, code


@ROWS.writes("core.dates_window.changed")
def a_steward_widens_the_dates_window(the):
    """A steward's decision about the whole platform (remix/core/services.py); its row sits
    with the other stewards' here, the core's test file being the scan itself."""
    steward = the.user("intendante", "steward")
    with the.call():
        window = core_services.dates_window_widen(years_back=30, years_ahead=10, recorder=steward)
    return on(window, by=steward, before=[0, 0], after=[30, 10])


@ROWS.writes("accounts.second_factor.confirmed")
def a_person_confirms_an_authenticator(the):
    awa = the.user("awa")
    device, code = _authenticator(awa)
    with the.call():
        codes = services.totp_device_confirm(device=device, token=code, recorder=awa)
    assert len(codes) == services.RECOVERY_CODES
    return on(awa, by=awa)


@ROWS.writes("accounts.second_factor.recovery_code_used")
def a_person_logs_in_with_a_recovery_code(the):
    awa = the.user("awa")
    device, code = _authenticator(awa)
    codes = services.totp_device_confirm(device=device, token=code, recorder=awa)
    with the.call():
        assert services.second_factor_check(user=awa, token=codes[0]) is not None
    return on(awa, by=awa)


@ROWS.writes("accounts.second_factor.codes_regenerated")
def a_person_makes_new_recovery_codes(the):
    awa = the.user("awa")
    device, code = _authenticator(awa)
    services.totp_device_confirm(device=device, token=code, recorder=awa)
    with the.call():
        services.recovery_codes_regenerate(user=awa, recorder=awa)
    return on(awa, by=awa)


@ROWS.writes("accounts.second_factor.removed")
def a_person_turns_the_second_factor_off(the):
    awa = the.user("awa")
    device, code = _authenticator(awa)
    services.totp_device_confirm(device=device, token=code, recorder=awa)
    with the.call():
        assert services.second_factor_remove(user=awa, recorder=awa)
    return on(awa, by=awa)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))
