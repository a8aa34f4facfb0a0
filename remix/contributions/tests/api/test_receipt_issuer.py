"""The receipt issuer over the API: stewards read and set it, through the issuer page's service."""

import json

import pytest

from remix.contributions.models import ReceiptIssuer
from remix.contributions.tests.api.calls import API, EN, bearer, get, refusal
from remix.core.models import AuditEvent

pytestmark = pytest.mark.django_db

BODY = {
    "name": "Association Remix des communs",
    "address": "12 rue des Tisserands, 69001 Lyon",
    "object": "Faire vivre les communs",
    "signatory": "Louise Tremblay",
    "signatory_role": "présidente",
}


def put(client, body, **extra):
    return client.put(
        f"{API}/receipts/issuer", data=json.dumps(body), content_type="application/json", **extra
    )


@pytest.fixture
def steward(api_token):
    _user, raw = api_token(username="louise", roles=["steward"])
    return bearer(raw)


def test_a_steward_reads_the_settings_then_sets_the_issuer(client, steward, settings):
    settings.REMIX_RECEIPTS = {"issuer": "Réglages", "address": "", "object": "", "signatory": ""}
    before = get(client, "/receipts/issuer", **steward).json()
    assert (before["name"], before["from_settings"]) == ("Réglages", True)

    answer = put(client, BODY, **steward)

    assert answer.status_code == 200
    assert answer.json() == {**BODY, "from_settings": False}
    assert ReceiptIssuer.objects.get().signatory_role == "présidente"
    event = AuditEvent.objects.get(action="funding.receipt_issuer.changed")
    assert event.recorder.username == "louise"


def test_a_name_is_required_and_other_roles_are_refused(client, steward, api_token, treasurer):
    assert refusal(put(client, {**BODY, "name": "  "}, **steward, **EN)) == {
        "name": "Name the association that issues the receipts."
    }
    _member, raw = api_token(username="awa", roles=["member"])
    assert put(client, BODY, **bearer(raw)).status_code == 403
    assert put(client, BODY, **treasurer).status_code == 403
    assert get(client, "/receipts/issuer", **treasurer).status_code == 403
    assert put(client, BODY).status_code == 401
    assert not ReceiptIssuer.objects.exists()
