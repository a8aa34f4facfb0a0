"""Once a handover is signed: the outgoing carrier's people keep reading what they did (their
activity, the handover's pages) but lose the steward role, pages and tokens alike; the incoming
carrier's people gain it, and give a second factor before any page."""

from html import unescape

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.services import token_create
from remix.accounts.tests.clients import give_second_factor
from remix.accounts.tests.test_second_factor import PASSWORD, SETUP, VERIFY, code_of
from remix.stewardship.models import Step
from remix.stewardship.tests.handover_world import proposed, world
from remix.stewardship.tests.test_handover import _walk

pytestmark = pytest.mark.django_db

# A steward's decision through the API: giving a role (an empty body fails the form, 422, only
# once the permission has passed; anyone else meets 403).
ROLES = "/api/v1/accounts/users/amina/roles"


@pytest.fixture
def the(make_user):
    make_user("amina", roles=["member"])
    return world(make_user)


def _signed(the):
    return _walk(the, proposed(the), until=Step.DONE)


def _give_role(client, raw):
    response = client.post(
        ROLES, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    return response.status_code


def test_the_outgoing_steward_still_reads_what_she_did(client, the):
    handover = _signed(the)
    the.louise.refresh_from_db()
    assert not the.louise.has_role("steward")
    client.force_login(the.louise)

    activity = unescape(client.get("/accounts/activity/").content.decode())
    page = client.get(f"/stewardship/handovers/{handover.pk}/")

    for done in (
        "Passation proposée",
        "Liste de contrôle de la passation faite",
        "Passation signée par le porteur sortant",
    ):
        assert done in activity
    assert "Passation signée par le porteur entrant" not in activity  # yasmine's, not hers
    assert f'href="/stewardship/handovers/{handover.pk}/"' in activity
    assert 'href="/stewardship/#charge-fiscal_host"' in activity  # the term she acted for
    assert page.status_code == 200
    assert page.content.decode().count("par Louise") == 3  # proposed, checked, signed


def test_the_outgoing_steward_s_pages_and_token_lose_the_steward_role(client, the):
    client.force_login(the.louise)
    raw = token_create(user=the.louise, name="script").raw
    assert _give_role(client, raw) == 422  # a steward's, before
    assert client.get("/admin/").status_code == 200

    _signed(the)

    assert _give_role(client, raw) == 403
    assert client.get("/stewardship/handovers/new/").status_code == 403
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_incoming_person_without_a_device_sets_one_up_before_any_page(client, the):
    client.force_login(the.yasmine)
    raw = token_create(user=the.yasmine, name="script").raw
    assert client.get("/stewardship/").status_code == 200  # a member needs no second factor

    _signed(the)

    for page in ("/stewardship/", "/accounts/activity/", "/"):
        held = client.get(page)
        assert held.status_code == 302 and held["Location"].startswith(f"{SETUP}?next="), page
    refused = client.post(
        ROLES, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "second_factor_required"

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=the.yasmine)
    client.post(SETUP, {"token": code_of(device)})

    assert client.get("/stewardship/").status_code == 200
    assert _give_role(client, raw) == 422  # now a steward's token


def test_the_incoming_person_with_a_device_gives_a_code_then_acts_as_steward(client, the):
    _signed(the)
    the.yasmine.refresh_from_db()
    device = give_second_factor(the.yasmine)
    assert device is not None  # the role now asks for one

    client.post("/accounts/login/", {"username": "yasmine", "password": PASSWORD})
    held = client.get("/admin/")
    assert held.status_code == 302 and held["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    client.post(VERIFY, {"token": code_of(device), "next": "/admin/"})

    assert client.get("/admin/").status_code == 200
